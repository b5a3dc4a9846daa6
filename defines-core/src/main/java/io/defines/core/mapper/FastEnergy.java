package io.defines.core.mapper;

import io.defines.core.cost.Loop;
import io.defines.core.cost.OperandInfo;
import io.defines.core.cost.PreparedProblem;
import io.defines.core.cost.SpatialMapping;
import io.defines.core.hardware.AccessCost;
import io.defines.core.hardware.Memory;
import io.defines.core.workload.DimRelation;
import java.util.List;
import java.util.Map;

/**
 * The energy of one allocated ordering on primitive arrays, for the search's inner loop (the fast
 * twin of {@link io.defines.core.cost.CostEvaluation#energyPj}). It performs exactly the
 * floating-point operations of the reference (stationarity merge-down, access counts with the pr
 * decoupling interleaved with the other loops, left folds, {@link AccessCost}) in the same order, so
 * results are bit-identical; the tests check this on every ordering of the golden rows and of
 * generated workloads. Latency is not needed in the loop: the search selects on energy only. Not
 * thread-safe (scratch arrays): one instance per search.
 */
final class FastEnergy implements OrderingEnergy {

    private static final byte NONE = 0;
    private static final byte R = 1;
    private static final byte IR = 2;
    private static final byte PR = 3;

    final int nOps;
    final int[] levels;
    final boolean[] output;
    final boolean[][] irMask;      // per operand, per dim: an ir dim (for the merge-down)
    private final byte[][] cls;            // per operand, per dim
    private final int[][] relOf;           // per operand, per dim: relation index (PR dims)
    private final boolean[][] isFirst;     // per operand, per dim: first (output) dim of its relation
    final DimRelation[][] rels;
    final double[][] relA;          // reduced coefficients per operand and relation
    final double[][] relB;
    private final double[][] relCap;
    private final int[][][] sDims;         // per operand, per arch level a = 0..n: spatial loops
    final double[][][] sSizes;
    final long[][] boost;          // per operand, a = 0..n (boost[n] = 1)
    private final double[][] unique;
    final long[][] units;
    final double[][] rBw;
    final double[][] wBw;
    private final double[][] rMin;
    private final double[][] wMin;
    private final double[][] rCost;
    private final double[][] wCost;
    final int[] precision;
    final int partial;
    final int finalPrecision;
    final double macEnergy;
    // scratch
    private final double[] cumFirst = new double[4];
    private final double[] cumSecond = new double[4];
    private final double[] dPrev = new double[4];
    private final double[] rPrev = new double[4];
    private final double[] rpl;
    private final double[] irpl;
    private final boolean[] irflag;
    private final double[] rpl2;
    private final double[] irpl2; // computed alongside rpl2 by the shared fold; not needed for energy
    final long[] eu;
    final long[] cyc;
    final int[] merged;            // one operand's cut points after the merge-down
    private EnergyBound bound;

    /** @param dimIndex the problem's loop dimensions → the indices the orderings use */
    FastEnergy(PreparedProblem p, Map<String, Integer> dimIndex) {
        List<OperandInfo> ops = p.operands();
        SpatialMapping.Twin f = p.spatial().fractional;
        nOps = ops.size();
        int nDims = dimIndex.size();
        levels = new int[nOps];
        output = new boolean[nOps];
        irMask = new boolean[nOps][];
        cls = new byte[nOps][nDims];
        relOf = new int[nOps][nDims];
        isFirst = new boolean[nOps][nDims];
        rels = new DimRelation[nOps][];
        relA = new double[nOps][];
        relB = new double[nOps][];
        relCap = new double[nOps][];
        sDims = new int[nOps][][];
        sSizes = new double[nOps][][];
        boost = new long[nOps][];
        unique = f.unitUnique();
        units = f.unitCount();
        rBw = new double[nOps][];
        wBw = new double[nOps][];
        rMin = new double[nOps][];
        wMin = new double[nOps][];
        rCost = new double[nOps][];
        wCost = new double[nOps][];
        precision = new int[nOps];
        int maxLevels = 0;
        for (int o = 0; o < nOps; o++) {
            OperandInfo op = ops.get(o);
            int n = op.levels();
            maxLevels = Math.max(maxLevels, n);
            levels[o] = n;
            output[o] = op.output();
            precision[o] = op.precision();
            irMask[o] = LoopArrays.mask(op.ir(), dimIndex);
            classify(o, op, dimIndex);
            List<List<Loop>> s = f.placed().get(o);
            sDims[o] = LoopArrays.dims(s, dimIndex);
            sSizes[o] = LoopArrays.sizes(s);
            boost[o] = new long[n + 1];
            for (int a = 0; a < n; a++) {
                boost[o][a] = f.memBwBoost()[o][a];
            }
            boost[o][n] = 1;
            ports(o, op.chain());
        }
        partial = p.partialPrecision();
        finalPrecision = p.finalPrecision();
        macEnergy = p.macEnergyPj() * p.macs();
        merged = new int[maxLevels];
        rpl = new double[maxLevels + 1];
        irpl = new double[maxLevels + 1];
        irflag = new boolean[maxLevels + 1];
        rpl2 = new double[maxLevels + 1];
        irpl2 = new double[maxLevels + 1];
        eu = new long[maxLevels + 1];
        cyc = new long[maxLevels + 1];
    }

    /** Each dim's class for operand {@code o} (r, ir, pr or none) and, for pr dims, their relation. */
    private void classify(int o, OperandInfo op, Map<String, Integer> dimIndex) {
        rels[o] = op.pr().values().toArray(new DimRelation[0]);
        relA[o] = new double[rels[o].length];
        relB[o] = new double[rels[o].length];
        relCap[o] = new double[rels[o].length];
        for (int k = 0; k < rels[o].length; k++) {
            relA[o][k] = rels[o][k].reducedFirst();
            relB[o][k] = rels[o][k].reducedSecond();
            relCap[o][k] = op.cap(rels[o][k].tensorDim());
        }
        for (var e : dimIndex.entrySet()) {
            String d = e.getKey();
            int i = e.getValue();
            cls[o][i] = op.r().contains(d) ? R : op.ir().contains(d) ? IR : NONE;
            for (int k = 0; k < rels[o].length; k++) {
                if (rels[o][k].firstDim().equals(d) || rels[o][k].secondDim().equals(d)) {
                    cls[o][i] = PR;
                    relOf[o][i] = k;
                    isFirst[o][i] = rels[o][k].firstDim().equals(d);
                }
            }
        }
    }

    /** The read and write side (width, granularity, energy per word) of each memory of operand {@code o}'s chain. */
    private void ports(int o, List<Memory> chain) {
        int n = chain.size();
        rBw[o] = new double[n];
        wBw[o] = new double[n];
        rMin[o] = new double[n];
        wMin[o] = new double[n];
        rCost[o] = new double[n];
        wCost[o] = new double[n];
        for (int m = 0; m < n; m++) {
            Memory mem = chain.get(m);
            rBw[o][m] = AccessCost.widthBits(mem, false);
            wBw[o][m] = AccessCost.widthBits(mem, true);
            rMin[o][m] = AccessCost.granularityBits(mem, false);
            wMin[o][m] = AccessCost.granularityBits(mem, true);
            rCost[o][m] = mem.readEnergyPj();
            wCost[o][m] = mem.writeEnergyPj();
        }
    }

    private void resetPr(int o) {
        for (int k = 0; k < rels[o].length; k++) {
            cumFirst[k] = 1;
            cumSecond[k] = 1;
            dPrev[k] = 1;
            rPrev[k] = 1;
        }
    }

    /** Folds one loop into the running r / ir products of a level (decoupling pr loops in place); returns its irflag contribution. */
    private boolean fold(int o, int d, double x, double[] r, double[] ir, int a) {
        switch (cls[o][d]) {
            case R -> r[a] = r[a] * x;
            case IR -> {
                ir[a] = ir[a] * x;
                return x > 1;
            }
            case PR -> {
                int k = relOf[o][d];
                if (isFirst[o][d]) {
                    cumFirst[k] = cumFirst[k] * x;
                } else {
                    cumSecond[k] = cumSecond[k] * x;
                }
                double dd = Math.min(DimRelation.extent(cumFirst[k], cumSecond[k], relA[o][k], relB[o][k]), relCap[o][k]);
                double rr = (cumFirst[k] * cumSecond[k]) / dd;
                double dr = dd / dPrev[k];
                double di = rr / rPrev[k];
                r[a] = r[a] * dr;
                ir[a] = ir[a] * di;
                dPrev[k] = dd;
                rPrev[k] = rr;
                return di > 1;
            }
            default -> {
            }
        }
        return false;
    }

    /**
     * {@inheritDoc} Stops as soon as the memory energy so far plus the MAC energy reaches {@code bound}
     * and then returns that partial sum: exact for a strict-less comparison, as every term is ≥ 0 and
     * rounding is monotone, so the final total could not be below the bound either.
     */
    @Override
    public double energy(int[] dims, long[] factors, int[][] cuts, double bound) {
        double mem = 0;
        for (int o = 0; o < nOps; o++) {
            if (mem + macEnergy >= bound) {
                return mem + macEnergy;
            }
            int n = levels[o];
            System.arraycopy(cuts[o], 0, merged, 0, n);
            LoopArrays.mergeDownInPlace(merged, n, dims, irMask[o]);
            long total = levelProducts(o, n, dims, factors, merged);
            mem = addLevelEnergies(o, n, total, mem, null);
        }
        return mem + macEnergy;
    }

    /**
     * The per-level products of operand {@code o}'s loops cut at {@code cuts}: the r / ir products and
     * ir flags of each arch level (C1: a = 0 -> S[0]; a > 0 -> Tst[a-1] ++ S[a]), the data per unit
     * {@code eu} (C2: index 0 empty; a+1 -> Tst[a] ++ S[a]) and the cumulative cycles {@code cyc};
     * returns the total cycles.
     */
    long levelProducts(int o, int n, int[] dims, long[] factors, int[] cuts) {
        resetPr(o);
        for (int a = 0; a <= n; a++) {
            rpl[a] = 1;
            irpl[a] = 1;
            boolean flag = false;
            if (a > 0) {
                int from = a == 1 ? 0 : cuts[a - 2];
                for (int i = from; i < cuts[a - 1]; i++) {
                    flag |= fold(o, dims[i], factors[i], rpl, irpl, a);
                }
            }
            for (int i = 0; i < sDims[o][a].length; i++) {
                flag |= fold(o, sDims[o][a][i], sSizes[o][a][i], rpl, irpl, a);
            }
            irflag[a] = flag;
        }
        resetPr(o);
        rpl2[0] = 1;
        for (int a = 0; a < n; a++) {
            rpl2[a + 1] = 1;
            int from = a == 0 ? 0 : cuts[a - 1];
            irpl2[a + 1] = 1;
            for (int i = from; i < cuts[a]; i++) {
                fold(o, dims[i], factors[i], rpl2, irpl2, a + 1);
            }
            for (int i = 0; i < sDims[o][a].length; i++) {
                fold(o, sDims[o][a][i], sSizes[o][a][i], rpl2, irpl2, a + 1);
            }
        }
        double pr2 = 1;
        for (int a = 0; a <= n; a++) {
            pr2 = pr2 * rpl2[a];
            eu[a] = (long) Math.rint(pr2);
        }
        cyc[0] = 1;
        long c = 1;
        for (int l = 0; l < n; l++) {
            int from = l == 0 ? 0 : cuts[l - 1];
            for (int i = from; i < cuts[l]; i++) {
                c *= factors[i];
            }
            cyc[l + 1] = c;
        }
        return c;
    }

    /** {@inheritDoc} See {@link EnergyBound} (made at the first call: a search's loops are the same all along). */
    @Override
    public double knownEnergy(int[] dims, long[] factors, int[][] cuts, int[][] cutDecidedBy, int[][] cutCeilings, int k) {
        bound = bound != null ? bound : new EnergyBound(this, dims, factors);
        return bound.knownEnergy(dims, factors, cuts, cutDecidedBy, cutCeilings, k);
    }

    /**
     * Adds the energy of each memory level of operand {@code o} to {@code mem}, level by level (a left
     * fold); the terms on cut points {@code b} has not settled replaced by its floors ({@code b} null: all terms).
     */
    double addLevelEnergies(int o, int n, long total, double mem, EnergyBound b) {
        for (int m = 0; m < n; m++) {
            long lowAmount = eu[m] * boost[o][m];
            long highAmount = eu[m + 1];
            long lowCount = total / cyc[m];
            long highCount = total / cyc[m + 1];
            boolean top = m == n - 1;
            double rdLow;
            double wrLow;
            double rdHigh;
            double wrHigh;
            if (!output[o]) {
                rdLow = low(o, m, lowAmount, precision[o], lowCount, false);
                wrLow = 0;
                rdHigh = 0;
                wrHigh = top ? 0 : high(o, m, highAmount, precision[o], highCount, true);
            } else {
                boolean psumM = psum(m, n);
                boolean psumM1 = psum(m + 1, n);
                boolean rdLowNonZero = ocaalNotOne(m + 1, n);
                boolean wrHighNonZero = ocaalNotOne(m + 2, n);
                int lowPrec = rdLowNonZero ? partial : finalPrecision;
                int highPrec = wrHighNonZero ? partial : finalPrecision;
                wrLow = low(o, m, lowAmount, lowPrec, lowCount, true);
                rdLow = psumM ? low(o, m, lowAmount, rdLowNonZero ? partial : 0, lowCount, false) : 0;
                rdHigh = top ? 0 : high(o, m, highAmount, highPrec, highCount, false);
                wrHigh = top || !psumM1 ? 0 : high(o, m, highAmount, wrHighNonZero ? partial : 0, highCount, true);
            }
            if (b != null) {
                if (m > 0 && !b.settled[m - 1]) {
                    rdLow = output[o] ? b.floorLowRead[m] : b.floorLow[m];
                    wrLow = output[o] ? b.floorLow[m] : 0;
                }
                if (!b.settled[m]) {
                    rdHigh = top ? 0 : b.floorRd[m];
                    wrHigh = top ? 0 : b.floorWr[m];
                }
            }
            double lvl = AccessCost.levelEnergyPj(rCost[o][m], wCost[o][m], rdHigh, rdLow, wrHigh, wrLow);
            mem = mem + lvl;
        }
        return mem;
    }

    /** psum of the output at memory level m (irflag of the C1 levels above it). */
    private boolean psum(int m, int n) {
        if (m >= n) {
            return false;
        }
        for (int a = m + 1; a <= n; a++) {
            if (irflag[a]) {
                return true;
            }
        }
        return false;
    }

    /** Ocaal[a] != 1, with Ocaal[a] = Π_{l≥a} irpl[l] (left fold) and Ocaal[n+1] = Ocaal[n+2] = 1. */
    private boolean ocaalNotOne(int a, int n) {
        if (a > n) {
            return false;
        }
        double p = 1;
        for (int l = a; l <= n; l++) {
            p = p * irpl[l];
        }
        return p - 1 != 0;
    }

    private double low(int o, int m, long e, int prec, long cnt, boolean write) {
        if (e == 0 || prec == 0) {
            return 0;
        }
        double bwMax = write ? wBw[o][m] : rBw[o][m];
        double bwMin = write ? wMin[o][m] : rMin[o][m];
        double epc;
        double cycles;
        if (m > 0) {
            double otherBw = write ? rBw[o][m - 1] : wBw[o][m - 1];
            double other = otherBw * (unique[o][m] / unique[o][m + 1]);
            epc = Math.min(Math.min(other / prec, bwMax / prec), e);
            cycles = Math.ceil(e / epc);
        } else {
            epc = e;
            cycles = 1;
        }
        return AccessCost.words(epc * prec, bwMin, bwMax) * cnt * cycles * units[o][m + 1];
    }

    double high(int o, int m, long e, int prec, long cnt, boolean write) {
        if (e == 0) {
            return 0;
        }
        double bwMax = write ? wBw[o][m] : rBw[o][m];
        double bwMin = write ? wMin[o][m] : rMin[o][m];
        return AccessCost.words((double) e * prec, bwMin, bwMax) * cnt * units[o][m + 1];
    }
}
