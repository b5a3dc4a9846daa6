package io.defines.core.mapper;

import io.defines.core.compat.Quirk;
import io.defines.core.cost.CostEvaluation;
import io.defines.core.cost.LayerCost;
import io.defines.core.cost.LayerCostModel;
import io.defines.core.cost.Loop;
import io.defines.core.cost.PreparedProblem;
import io.defines.core.cost.SingleLayerProblem;
import io.defines.core.cost.SpatialMapping;
import io.defines.core.mapper.loma.LoopPrimeFactors;
import io.defines.core.mapper.loma.Lpf;
import io.defines.core.mapper.loma.MultisetPermutations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DeFiNES' LOMA temporal-mapping search as a {@link LayerCostModel} (docs/single-layer-model.md): every
 * multiset permutation of the temporal loops' prime factors (merged down to the LPF limit), in
 * DeFiNES' enumeration order, is allocated bottom-up to the memories ({@link FastAllocator}) and
 * costed ({@link OrderingEnergy}); the first ordering with the strictly lowest energy wins and is
 * evaluated in full, latency included, by {@link CostEvaluation}. Stateless and thread-safe: each
 * evaluation has its own search state.
 */
public final class LomaMapper implements LayerCostModel {

    private final OrderingEnergy.Factory energies;

    /** The search with {@link FastEnergy}, the array-based twin of the reference energy. */
    public LomaMapper() {
        this(FastEnergy::new);
    }

    /** The search comparing orderings by the energies {@code energies} builds (tests wrap {@link FastEnergy}). */
    LomaMapper(OrderingEnergy.Factory energies) {
        this.energies = energies;
    }

    @Override
    public LayerCost evaluate(SingleLayerProblem problem) {
        PreparedProblem p = PreparedProblem.of(problem);
        Outcome o = search(p);
        return o.winner() != null ? o.winner().evaluate(p) : o.infeasible();
    }

    /**
     * What one search found before the winner's full evaluation: the winning allocation and the search's
     * counts, and per memory it visited (in {@link FastAllocator#capacities} order) the range of
     * capacities [{@code fittedMax}, {@code overflowMin}) in which every fit test of the search comes
     * out the same — so the same orderings allocate the same way, cost the same energy and the same
     * one wins. Latency depends on the capacities themselves (double buffering), hence {@link #evaluate}.
     */
    record Winner(List<List<List<Loop>>> allocation, long enumerated, long allocated, long evaluations,
                  long[] fittedMax, long[] overflowMin) {

        /** Whether a search with memory capacities {@code capacities} finds this winner too. */
        boolean holdsFor(long[] capacities) {
            for (int i = 0; i < capacities.length; i++) {
                if (capacities[i] < fittedMax[i] || capacities[i] >= overflowMin[i]) {
                    return false;
                }
            }
            return true;
        }

        /** The full evaluation of the winner on {@code p} (whose capacities it {@link #holdsFor}). */
        LayerCost evaluate(PreparedProblem p) {
            return CostEvaluation.evaluate(p, allocation, enumerated, allocated, evaluations);
        }
    }

    /** A search's result: its winner, or why no ordering could be allocated. */
    record Outcome(Winner winner, LayerCost.Infeasible infeasible) {
    }

    /**
     * LOMA's search on {@code p}, without the winner's full evaluation. Loops the mapping entry's
     * temporal_ordering fixes ({@link TemporalOrder}) keep their places; the search orders the rest.
     */
    Outcome search(PreparedProblem p) {
        SingleLayerProblem problem = p.problem();
        TemporalOrder order = TemporalOrder.of(problem.mapping().temporalOrdering(), temporalLoops(p), problem.tileLoopSizes().keySet());
        if (order.problem() != null) {
            return new Outcome(null, new LayerCost.Infeasible(order.problem(), null, null, 0, 0, 0));
        }
        MultisetPermutations perms = new MultisetPermutations(LoopPrimeFactors.of(order.free(), problem.lpfLimit()));
        Map<String, Integer> dimIndex = new LinkedHashMap<>();
        for (String d : problem.tileLoopSizes().keySet()) {
            dimIndex.put(d, dimIndex.size());
        }
        Search s = new Search(p, perms, order, dimIndex, energies.create(p, dimIndex));
        long enumerated = perms.forEach(s::visit);
        if (s.bestRanks == null) {
            return new Outcome(null, s.infeasible(enumerated));
        }
        return new Outcome(new Winner(s.allocation(s.bestRanks), enumerated, s.allocated, s.evaluations,
                s.allocator.fittedMax.clone(), s.allocator.overflowMin.clone()), null);
    }

    /**
     * The temporal loop sizes LOMA orders: the tile's loop sizes divided by the spatial unrolling,
     * rounded up; loops of size 1 are left out ({@link Quirk#LOMA_FLOAT_CEIL} reproduces DeFiNES'
     * quotient of the fractional unrolling).
     */
    public static Map<String, Long> temporalLoops(PreparedProblem p) {
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

    /** The state of one search: the orderings as primitive arrays, the allocator, the energy, the best so far. */
    private static final class Search {
        private final MultisetPermutations perms;
        private final int[] rankDim;
        private final long[] rankFactor;
        private final FastAllocator allocator;
        private final OrderingEnergy energy;
        private final int[] dims;
        private final long[] factors;
        /** Every loop of an ordering in place: the fixed inner ones, the search's, the fixed outer ones. */
        private final Lpf[] fixed;
        private final int innerCount;
        double bestEnergy;
        int[] bestRanks;
        AllocationFailure firstFailure;
        long allocated;
        long evaluations;

        Search(PreparedProblem p, MultisetPermutations perms, TemporalOrder order, Map<String, Integer> dimIndex, OrderingEnergy energy) {
            this.perms = perms;
            this.energy = energy;
            rankDim = new int[perms.distinctCount()];
            rankFactor = new long[perms.distinctCount()];
            for (int r = 0; r < rankDim.length; r++) {
                rankDim[r] = dimIndex.get(perms.lpf(r).dim());
                rankFactor[r] = perms.lpf(r).factor();
            }
            allocator = new FastAllocator(p.view(), p.operands(), p.spatial().fractional.placed(), dimIndex, p.partialPrecision(),
                    p.finalPrecision(), p.flags().has(Quirk.ALLOCATOR_PRECISION_FROM_WHOLE_LIST));
            int n = order.size(perms.size());
            dims = new int[n];
            factors = new long[n];
            fixed = new Lpf[n];
            innerCount = order.inner().size();
            for (int i = 0; i < innerCount; i++) {
                fixed[i] = order.inner().get(i);
            }
            for (int i = 0; i < order.outer().size(); i++) {
                fixed[innerCount + perms.size() + i] = order.outer().get(i);
            }
            for (int i = 0; i < n; i++) {
                if (fixed[i] != null) {
                    dims[i] = dimIndex.get(fixed[i].dim());
                    factors[i] = fixed[i].factor();
                }
            }
        }

        /** The loop at position {@code i} of the ordering whose free part is {@code ranks}. */
        private Lpf loopAt(int i, int[] ranks) {
            return fixed[i] != null ? fixed[i] : perms.lpf(ranks[i - innerCount]);
        }

        /** Allocates and costs one ordering; keeps it when strictly better. Always continues. */
        boolean visit(int[] ranks) {
            if (!allocate(ranks)) {
                if (firstFailure == null) {
                    firstFailure = allocator.lastFailure;
                }
                return true;
            }
            allocated++;
            double e = energy.energy(dims, factors, allocator.cuts, bestRanks == null ? Double.POSITIVE_INFINITY : bestEnergy);
            evaluations++;
            if (bestRanks == null || e < bestEnergy) {
                bestEnergy = e;
                bestRanks = ranks.clone();
            }
            return true;
        }

        private boolean allocate(int[] ranks) {
            for (int i = 0; i < ranks.length; i++) {
                dims[innerCount + i] = rankDim[ranks[i]];
                factors[innerCount + i] = rankFactor[ranks[i]];
            }
            return allocator.allocate(dims, factors);
        }

        /** Per operand, per level, the loops of ordering {@code ranks} as allocated (it must fit). */
        List<List<List<Loop>>> allocation(int[] ranks) {
            allocate(ranks);
            List<List<List<Loop>>> out = new ArrayList<>();
            for (int[] c : allocator.cuts) {
                List<List<Loop>> levels = new ArrayList<>();
                int from = 0;
                for (int end : c) {
                    List<Loop> l = new ArrayList<>(end - from);
                    for (int i = from; i < end; i++) {
                        Lpf lpf = loopAt(i, ranks);
                        l.add(new Loop(lpf.dim(), lpf.factor()));
                    }
                    levels.add(l);
                    from = end;
                }
                out.add(levels);
            }
            return out;
        }

        LayerCost.Infeasible infeasible(long enumerated) {
            AllocationFailure f = firstFailure;
            if (f == null) {
                return new LayerCost.Infeasible("no loop ordering could be allocated", null, null, 0, 0, enumerated);
            }
            return new LayerCost.Infeasible(f.reason(), f.memory(), f.operand(), f.demandBits(), f.capacityBits(), enumerated);
        }
    }
}
