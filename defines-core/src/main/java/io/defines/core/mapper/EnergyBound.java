package io.defines.core.mapper;

/**
 * The lower bound of {@link FastEnergy#knownEnergy}: what every ordering that starts with the first k
 * loops of an evaluated one must at least cost (docs/single-layer-model.md, "The exact mapper"). Built on
 * the energy's own per-level products and terms, with floors for the terms whose cut points those loops do
 * not settle. One instance per {@link FastEnergy} (the loops' multiset is fixed per search); not
 * thread-safe.
 */
final class EnergyBound {

    private final FastEnergy e;
    /** Whether to bound at all: no output with windowed (pr) dimensions, whose partial-sum flags depend on order. */
    private final boolean boundable;
    /** Per operand: windows of stride and dilation 1 only and whole-number unrollings ({@link #exactTiles}). */
    private final boolean[] exact;
    /** Per operand: the narrower precision its tiles move at (outputs: partial or final). */
    private final int[] narrow;
    /** Cut points of a tile placed whole in one level, or at a ceiling (scratch; the energy's own hold the ordering's). */
    private final int[] synthetic;
    /** Per operand and level: the least its transfers up / down / from below can cost in any ordering ({@link #floors}). */
    private double[][] floorRdHigh;
    private double[][] floorWrHigh;
    private double[][] floorLowAll;
    /** One operand's cut points the known loops settle, and its floors per level ({@link #ceilingFloors}). */
    final boolean[] settled;
    final double[] floorRd;
    final double[] floorWr;
    final double[] floorLow;
    final double[] floorLowRead;

    EnergyBound(FastEnergy e, int[] dims, long[] factors) {
        this.e = e;
        boolean prOutput = false;
        for (int o = 0; o < e.nOps; o++) {
            prOutput |= e.output[o] && e.rels[o].length > 0;
        }
        boundable = !prOutput;
        exact = new boolean[e.nOps];
        narrow = new int[e.nOps];
        for (int o = 0; o < e.nOps; o++) {
            exact[o] = exactTiles(o);
            narrow[o] = e.output[o] ? Math.min(e.partial, e.finalPrecision) : e.precision[o];
        }
        int maxLevels = 0;
        for (int n : e.levels) {
            maxLevels = Math.max(maxLevels, n);
        }
        settled = new boolean[maxLevels];
        floorRd = new double[maxLevels];
        floorWr = new double[maxLevels];
        floorLow = new double[maxLevels];
        floorLowRead = new double[maxLevels];
        synthetic = new int[maxLevels];
        floors(dims, factors);
    }

    /**
     * The bound: level m's terms toward the level below (its reads for and writes from it) rest on the
     * cut point below it, those toward the level above on its own, each after the stationarity merge-down;
     * a cut point is settled once the loop that decided it and the first loop after it that the operand
     * depends on (where its merge-down stops) are among the first {@code k}. The refetch counts, tile sizes
     * and partial-sum flags of a settled cut depend only on the loops below it and on the set of loops
     * above it, which every such ordering shares; unsettled terms count as their floors ({@link #ceilingFloors};
     * all terms are ≥ 0 and the sums are the same left folds, so the bound is never above the energy).
     * Outputs with windowed dimensions claim nothing.
     */
    double knownEnergy(int[] dims, long[] factors, int[][] cuts, int[][] cutDecidedBy, int[][] cutCeilings, int k) {
        if (!boundable) {
            return 0;
        }
        int all = dims.length;
        double mem = 0;
        for (int o = 0; o < e.nOps; o++) {
            int n = e.levels[o];
            System.arraycopy(cuts[o], 0, e.merged, 0, n);
            LoopArrays.mergeDownInPlace(e.merged, n, dims, e.irMask[o]);
            for (int l = 0; l < n; l++) {
                settled[l] = l == n - 1 || Math.max(cutDecidedBy[o][l], Math.min(e.merged[l] + 1, all)) <= k;
            }
            ceilingFloors(o, n, dims, factors, cutCeilings[o]);
            long total = e.levelProducts(o, n, dims, factors, e.merged);
            mem = e.addLevelEnergies(o, n, total, mem, this);
        }
        return mem + e.macEnergy;
    }

    /**
     * Per operand and level below its top, the least its transfers with the level above can cost in any
     * ordering of these loops: the whole tile moved once (all loops inside the level, refetch count 1),
     * outputs at the narrower precision. A tile held lower is refetched at least as often as it is
     * smaller (relevant loops multiply it, stride-1 windows add to it) and words round up per transfer,
     * so no cut point moves less; operands with other windows or fractional unrollings get no floor.
     */
    private void floors(int[] dims, long[] factors) {
        int all = dims.length;
        floorRdHigh = new double[e.nOps][];
        floorWrHigh = new double[e.nOps][];
        floorLowAll = new double[e.nOps][];
        for (int o = 0; o < e.nOps; o++) {
            int n = e.levels[o];
            floorRdHigh[o] = new double[n];
            floorWrHigh[o] = new double[n];
            floorLowAll[o] = new double[n];
            if (!exact[o]) {
                continue;
            }
            for (int m = 0; m < n - 1; m++) {
                for (int l = 0; l < n; l++) {
                    synthetic[l] = l < m ? 0 : all;
                }
                e.levelProducts(o, n, dims, factors, synthetic);
                if (e.output[o]) {
                    floorRdHigh[o][m] = e.high(o, m, e.eu[m + 1], narrow[o], 1, false);
                } else {
                    floorWrHigh[o][m] = e.high(o, m, e.eu[m + 1], narrow[o], 1, true);
                }
                floorLowAll[o][m + 1] = traffic(o, m + 1, (double) e.eu[m + 1] * e.boost[o][m + 1], narrow[o], 1, e.output[o]);
            }
        }
    }

    /**
     * Into {@code floorRd} / {@code floorWr}: per level of operand {@code o} below its top, the least its
     * transfers with the level above can cost — the whole-tile floor ({@link #floors}), or, where the
     * level's cut point has a ceiling U, its transfers with the cut at U: a cut no higher than U moves
     * at least as much (see {@link #floors} for why).
     */
    private void ceilingFloors(int o, int n, int[] dims, long[] factors, int[] ceilings) {
        int all = dims.length;
        floorLow[0] = 0;
        java.util.Arrays.fill(floorLowRead, 0);
        for (int m = 0; m < n - 1; m++) {
            floorRd[m] = floorRdHigh[o][m];
            floorWr[m] = floorWrHigh[o][m];
            floorLow[m + 1] = floorLowAll[o][m + 1];
            int u = ceilings[m];
            if (u < 0 || !exact[o] && e.rels[o].length > 0) {
                continue;
            }
            for (int l = 0; l < n; l++) {
                synthetic[l] = l < m ? 0 : l == m ? u : all;
            }
            long total = e.levelProducts(o, n, dims, factors, synthetic);
            long count = total / e.cyc[m + 1];
            boolean write = !e.output[o];
            // fractional unrollings round tile sizes: a lower cut's rounded tile is at least ⅔ of its real
            // size (≥ eu − ½, when ≥ 1), so only ⅔ (eu − ½) per refetch is certain
            double amount = exact[o] ? e.eu[m + 1] : e.eu[m + 1] < 2 ? 0 : 2.0 / 3.0 * (e.eu[m + 1] - 0.5);
            double floor = exact[o] ? e.high(o, m, e.eu[m + 1], narrow[o], count, write) : traffic(o, m, amount, narrow[o], count, write);
            if (e.output[o]) {
                floorRd[m] = Math.max(floorRd[m], floor);
            } else {
                floorWr[m] = Math.max(floorWr[m], floor);
            }
            // an output with a reduction loop above the ceiling holds partial sums at the level above in
            // every such ordering: they are written at the partial precision and read back
            boolean partials = e.output[o] && reductionFrom(o, u, dims);
            int lowPrec = partials ? e.partial : narrow[o];
            floorLow[m + 1] = Math.max(floorLow[m + 1], traffic(o, m + 1, amount * e.boost[o][m + 1], lowPrec, count, e.output[o]));
            if (partials) {
                floorLowRead[m + 1] = traffic(o, m + 1, amount * e.boost[o][m + 1], e.partial, count, false);
            }
        }
    }

    /**
     * A floor under the energy terms at level {@code m} for {@code amount} elements per unit moved
     * {@code cnt} times through its read or write side: words round up and transfer cycles cover the
     * whole amount, so at least amount · precision / width words each time.
     */
    private double traffic(int o, int m, double amount, int prec, long cnt, boolean write) {
        double width = write ? e.wBw[o][m] : e.rBw[o][m];
        return amount * prec / width * cnt * e.units[o][m + 1];
    }

    /** Whether the ordering has a loop operand {@code o} does not depend on (a reduction loop for an output) at or after {@code from}. */
    private boolean reductionFrom(int o, int from, int[] dims) {
        for (int j = from; j < dims.length; j++) {
            if (e.irMask[o][dims[j]]) {
                return true;
            }
        }
        return false;
    }

    /** Whether operand {@code o}'s windows have stride and dilation 1 and its unrollings are whole numbers. */
    private boolean exactTiles(int o) {
        for (int k = 0; k < e.rels[o].length; k++) {
            if (e.relA[o][k] != 1 || e.relB[o][k] != 1) {
                return false;
            }
        }
        for (double[] level : e.sSizes[o]) {
            for (double size : level) {
                if (size != Math.rint(size)) {
                    return false;
                }
            }
        }
        return true;
    }
}
