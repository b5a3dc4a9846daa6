package io.defines.core.cost;

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
        PreparedProblem p = PreparedProblem.of(problem);
        List<OperandInfo> ops = p.operands();
        Map<String, Long> temporal = temporalLoops(p);
        List<Lpf> lpfs = LoopPrimeFactors.of(temporal, problem.lpfLimit());
        MultisetPermutations perms = new MultisetPermutations(lpfs);
        MemoryAllocator allocator = new MemoryAllocator(p.view(), ops, p.spatial().fractional.placed(), p.partialPrecision(),
                p.finalPrecision(), problem.flags().has(Quirk.ALLOCATOR_PRECISION_FROM_WHOLE_LIST));
        Search s = new Search();
        long enumerated = perms.forEach(ranks -> {
            List<Loop> ordering = new ArrayList<>(ranks.length);
            for (int r : ranks) {
                Lpf l = perms.lpf(r);
                ordering.add(new Loop(l.dim(), l.factor()));
            }
            List<List<List<Loop>>> tm = allocator.allocate(ordering);
            if (tm == null) {
                if (s.firstFailure == null) {
                    s.firstFailure = allocator.lastFailure;
                }
                return true;
            }
            s.allocated++;
            TemporalMapping tmap = TemporalMapping.of(tm, ops);
            MappingQuantities qf = new MappingQuantities(ops, tmap, p.spatial().fractional, p.macs(), p.outputElements(),
                    p.partialPrecision(), p.finalPrecision());
            CostEvaluation.Energy e = CostEvaluation.energy(p, qf);
            if (s.best == null || e.total() < s.best.total()) {
                s.best = e;
                s.bestMapping = tmap;
                s.bestQf = qf;
            }
            return true;
        });
        if (s.best == null) {
            MemoryAllocator.Failure f = s.firstFailure;
            String reason = f == null ? "no loop ordering could be allocated"
                    : f.topTooSmall()
                    ? "the top level " + f.memory() + " of operand " + f.operand() + " cannot hold its tile: " + f.demandBits() + " bits > " + f.capacityBits()
                    : "memory " + f.memory() + " cannot hold the innermost data of operand " + f.operand() + ": " + f.demandBits() + " bits > " + f.capacityBits();
            return new LayerCost.Infeasible(reason, f == null ? null : f.memory(), f == null ? null : f.operand(),
                    f == null ? 0 : f.demandBits(), f == null ? 0 : f.capacityBits(), enumerated);
        }
        MappingQuantities qi = new MappingQuantities(ops, s.bestMapping, p.spatial().integer, p.macs(), p.outputElements(),
                p.partialPrecision(), p.finalPrecision());
        CostEvaluation.Latency lat = CostEvaluation.latency(p, s.bestMapping, s.bestQf, qi);
        Map<String, double[]> perLevel = new LinkedHashMap<>();
        Map<String, double[][]> words = new LinkedHashMap<>();
        Map<String, List<String>> names = new LinkedHashMap<>();
        Map<String, List<List<Loop>>> tmOut = new LinkedHashMap<>();
        Map<String, List<List<Loop>>> smOut = new LinkedHashMap<>();
        for (int o = 0; o < ops.size(); o++) {
            OperandInfo op = ops.get(o);
            perLevel.put(op.name(), s.best.perLevel()[o]);
            words.put(op.name(), s.best.words()[o]);
            names.put(op.name(), op.chain().stream().map(Memory::name).toList());
            tmOut.put(op.name(), copy(s.bestMapping.allocated().get(o)));
            smOut.put(op.name(), copy(p.spatial().fractional.placed().get(o)));
        }
        return new LayerCost.Mapped(s.best.total(), s.best.mac(), s.best.memory(), perLevel, words, names,
                lat.idealCycle(), lat.temporalCycles(), lat.ssComb(), lat.loading(), lat.offloading(), tmOut, smOut,
                enumerated, s.allocated);
    }

    private static final class Search {
        CostEvaluation.Energy best;
        TemporalMapping bestMapping;
        MappingQuantities bestQf;
        MemoryAllocator.Failure firstFailure;
        long allocated;
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
