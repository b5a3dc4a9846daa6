package io.defines.core.cost;

import io.defines.core.compat.Quirk;
import io.defines.core.loma.LoopPrimeFactors;
import io.defines.core.loma.Lpf;
import io.defines.core.loma.MultisetPermutations;
import io.defines.core.hardware.Memory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DeFiNES' single-layer cost model with its LOMA temporal-mapping search (defines-model §8): every
 * multiset permutation of the temporal loops' prime factors (merged down to the LPF limit), in
 * DeFiNES' enumeration order, is allocated bottom-up to the memories; the first ordering with the
 * strictly lowest energy wins; its latency is computed once at the end.
 */
public final class SingleLayerModel {

    private SingleLayerModel() {
    }

    public static LayerCost evaluate(SingleLayerProblem problem) {
        return search(problem, false);
    }

    /**
     * Runs the search; with {@code crossCheck} every ordering's fast energy is compared with the
     * reference evaluation ({@link MappingQuantities} + {@link CostEvaluation#energy}), and a
     * mismatch throws. Used by tests.
     */
    static LayerCost search(SingleLayerProblem problem, boolean crossCheck) {
        PreparedProblem p = PreparedProblem.of(problem);
        List<OperandInfo> ops = p.operands();
        Map<String, Long> temporal = temporalLoops(p);
        List<Lpf> lpfs = LoopPrimeFactors.of(temporal, problem.lpfLimit());
        MultisetPermutations perms = new MultisetPermutations(lpfs);
        Map<String, Integer> dimIndex = new LinkedHashMap<>();
        for (String d : problem.tileLoopSizes().keySet()) {
            dimIndex.put(d, dimIndex.size());
        }
        int[] rankDim = new int[perms.distinctCount()];
        long[] rankFactor = new long[perms.distinctCount()];
        for (int r = 0; r < rankDim.length; r++) {
            rankDim[r] = dimIndex.get(perms.lpf(r).dim());
            rankFactor[r] = perms.lpf(r).factor();
        }
        boolean[][] irMask = new boolean[ops.size()][dimIndex.size()];
        for (int o = 0; o < ops.size(); o++) {
            for (String d : ops.get(o).ir()) {
                Integer i = dimIndex.get(d);
                if (i != null) {
                    irMask[o][i] = true;
                }
            }
        }
        FastEnergy fast = new FastEnergy(p, dimIndex);
        FastAllocator allocator = new FastAllocator(p.view(), ops, p.spatial().fractional.placed(), dimIndex, p.partialPrecision(),
                p.finalPrecision(), problem.flags().has(Quirk.ALLOCATOR_PRECISION_FROM_WHOLE_LIST));
        Search s = new Search();
        int n = perms.size();
        int[] dims = new int[n];
        long[] factors = new long[n];
        int[][] merged = new int[ops.size()][];
        long enumerated = perms.forEach(ranks -> {
            for (int i = 0; i < n; i++) {
                dims[i] = rankDim[ranks[i]];
                factors[i] = rankFactor[ranks[i]];
            }
            if (!allocator.allocate(dims, factors)) {
                if (s.firstFailure == null) {
                    s.firstFailure = allocator.lastFailure;
                }
                return true;
            }
            s.allocated++;
            for (int o = 0; o < ops.size(); o++) {
                if (merged[o] == null) {
                    merged[o] = new int[allocator.cuts[o].length];
                }
                System.arraycopy(allocator.cuts[o], 0, merged[o], 0, merged[o].length);
                mergeDownInPlace(merged[o], dims, irMask[o]);
            }
            double e = crossCheck || s.bestRanks == null ? fast.energy(dims, factors, merged)
                    : fast.energy(dims, factors, merged, s.bestEnergy);
            s.evaluations++;
            if (crossCheck) {
                TemporalMapping tmap = TemporalMapping.of(levels(ranks, allocator.cuts, perms), ops);
                MappingQuantities qf = new MappingQuantities(ops, tmap, p.spatial().fractional, p.macs(), p.outputElements(),
                        p.partialPrecision(), p.finalPrecision());
                double reference = CostEvaluation.energy(p, qf).total();
                if (Double.compare(reference, e) != 0) {
                    throw new AssertionError("fast energy " + e + " != reference " + reference + " for ordering "
                            + perms.toLpfs(ranks) + " of " + problem.layer().name());
                }
            }
            if (s.bestRanks == null || e < s.bestEnergy) {
                s.bestEnergy = e;
                s.bestRanks = ranks.clone();
            }
            return true;
        });
        if (s.bestRanks == null) {
            MemoryAllocator.Failure f = s.firstFailure;
            String reason = f == null ? "no loop ordering could be allocated"
                    : f.topTooSmall()
                    ? "the top level " + f.memory() + " of operand " + f.operand() + " cannot hold its tile: " + f.demandBits() + " bits > " + f.capacityBits()
                    : "memory " + f.memory() + " cannot hold the innermost data of operand " + f.operand() + ": " + f.demandBits() + " bits > " + f.capacityBits();
            return new LayerCost.Infeasible(reason, f == null ? null : f.memory(), f == null ? null : f.operand(),
                    f == null ? 0 : f.demandBits(), f == null ? 0 : f.capacityBits(), enumerated);
        }
        // the winner, evaluated in full: energy breakdown, and latency (needed only once)
        for (int i = 0; i < n; i++) {
            dims[i] = rankDim[s.bestRanks[i]];
            factors[i] = rankFactor[s.bestRanks[i]];
        }
        allocator.allocate(dims, factors);
        TemporalMapping best = TemporalMapping.of(levels(s.bestRanks, allocator.cuts, perms), ops);
        MappingQuantities qf = new MappingQuantities(ops, best, p.spatial().fractional, p.macs(), p.outputElements(),
                p.partialPrecision(), p.finalPrecision());
        CostEvaluation.Energy energy = CostEvaluation.energy(p, qf);
        MappingQuantities qi = new MappingQuantities(ops, best, p.spatial().integer, p.macs(), p.outputElements(),
                p.partialPrecision(), p.finalPrecision());
        CostEvaluation.Latency lat = CostEvaluation.latency(p, best, qf, qi);
        Map<String, double[]> perLevel = new LinkedHashMap<>();
        Map<String, double[][]> words = new LinkedHashMap<>();
        Map<String, double[][]> perDirection = new LinkedHashMap<>();
        Map<String, List<String>> names = new LinkedHashMap<>();
        Map<String, List<List<Loop>>> tmOut = new LinkedHashMap<>();
        Map<String, List<List<Loop>>> smOut = new LinkedHashMap<>();
        for (int o = 0; o < ops.size(); o++) {
            OperandInfo op = ops.get(o);
            perLevel.put(op.name(), energy.perLevel()[o]);
            words.put(op.name(), energy.words()[o]);
            perDirection.put(op.name(), energy.perDirection()[o]);
            names.put(op.name(), op.chain().stream().map(Memory::name).toList());
            tmOut.put(op.name(), copy(best.allocated().get(o)));
            smOut.put(op.name(), copy(p.spatial().fractional.placed().get(o)));
        }
        return new LayerCost.Mapped(energy.total(), energy.mac(), energy.memory(), perLevel, words, perDirection, names,
                lat.idealCycle(), lat.temporalCycles(), lat.ssComb(), lat.loading(), lat.offloading(), tmOut, smOut,
                enumerated, s.allocated, s.evaluations);
    }

    /** The stationarity merge-down (§8.3.1) on cut points: a level's innermost ir loops join the level below. */
    static int[] mergeDown(int[] cuts, int[] dims, boolean[] ir) {
        int[] c = cuts.clone();
        mergeDownInPlace(c, dims, ir);
        return c;
    }

    private static void mergeDownInPlace(int[] c, int[] dims, boolean[] ir) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int l = 1; l < c.length; l++) {
                while (c[l - 1] < c[l] && ir[dims[c[l - 1]]]) {
                    c[l - 1]++;
                    changed = true;
                }
            }
        }
    }

    /** Per operand, per level, the loops of an ordering cut at {@code cuts}. */
    private static List<List<List<Loop>>> levels(int[] ranks, int[][] cuts, MultisetPermutations perms) {
        List<List<List<Loop>>> out = new ArrayList<>();
        for (int[] c : cuts) {
            List<List<Loop>> levels = new ArrayList<>();
            int from = 0;
            for (int end : c) {
                List<Loop> l = new ArrayList<>(end - from);
                for (int i = from; i < end; i++) {
                    Lpf lpf = perms.lpf(ranks[i]);
                    l.add(new Loop(lpf.dim(), lpf.factor()));
                }
                levels.add(l);
                from = end;
            }
            out.add(levels);
        }
        return out;
    }

    private static final class Search {
        double bestEnergy;
        int[] bestRanks;
        MemoryAllocator.Failure firstFailure;
        long allocated;
        long evaluations;
    }

    private static List<List<Loop>> copy(List<List<Loop>> levels) {
        List<List<Loop>> out = new ArrayList<>();
        levels.forEach(l -> out.add(List.copyOf(l)));
        return List.copyOf(out);
    }

    /** §8.2.1: the tile's loop sizes divided by the spatial unrolling (§9.13 quirk optional). */
    static Map<String, Long> temporalLoops(PreparedProblem p) {
        Map<String, Long> sizes = new LinkedHashMap<>(p.problem().tileLoopSizes());
        boolean floatCeil = p.flags().has(Quirk.LOMA_FLOAT_CEIL);
        for (SpatialMapping.Unroll u : p.spatial().lomaSpatialLoops) {
            Long size = sizes.get(u.dim());
            if (size == null) {
                continue;
            }
            long q = floatCeil ? (long) Math.ceil(size / u.size()) : Math.floorDiv(size + u.clippedInt() - 1, u.clippedInt());
            if (q == 1) {
                sizes.remove(u.dim());
            } else {
                sizes.put(u.dim(), q);
            }
        }
        return sizes;
    }
}
