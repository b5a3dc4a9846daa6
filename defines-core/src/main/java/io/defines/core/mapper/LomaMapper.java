package io.defines.core.mapper;

import io.defines.core.compat.Quirk;
import io.defines.core.cost.LayerCost;
import io.defines.core.cost.PreparedProblem;
import io.defines.core.cost.SingleLayerProblem;
import io.defines.core.cost.SpatialMapping;
import io.defines.core.mapper.loma.LoopPrimeFactors;
import io.defines.core.mapper.loma.Lpf;
import io.defines.core.mapper.loma.MultisetPermutations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DeFiNES' LOMA temporal-mapping search as a {@link TemporalMapper} (docs/single-layer-model.md): every
 * multiset permutation of the temporal loops' prime factors (merged down to the LPF limit), in
 * DeFiNES' enumeration order, is allocated bottom-up to the memories ({@link FastAllocator}) and
 * costed ({@link OrderingEnergy}); the first ordering with the strictly lowest energy wins and is
 * evaluated in full, latency included, by {@link CostEvaluation}. Stateless and thread-safe: each
 * evaluation has its own search state.
 */
public final class LomaMapper implements TemporalMapper, OrderingSearch.Strategy {

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
    public String name() {
        return "loma";
    }

    @Override
    public LayerCost evaluate(SingleLayerProblem problem) {
        return searchAndEvaluate(problem);
    }

    /**
     * LOMA's search on {@code p}, without the winner's full evaluation. Loops the mapping entry's
     * temporal_ordering fixes ({@link TemporalOrder}) keep their places; the search orders the rest.
     */
    @Override
    public OrderingSearch.Outcome search(PreparedProblem p, TemporalOrder order) {
        List<Lpf> factors = LoopPrimeFactors.of(order.free(), p.problem().lpfLimit());
        MultisetPermutations perms = new MultisetPermutations(factors);
        OrderingSearch s = new OrderingSearch(p, order, perms.size(), energies);
        int[] rankDim = new int[perms.distinctCount()];
        long[] rankFactor = new long[perms.distinctCount()];
        for (int r = 0; r < rankDim.length; r++) {
            rankDim[r] = s.dimIndex.get(perms.lpf(r).dim());
            rankFactor[r] = perms.lpf(r).factor();
        }
        long enumerated = perms.forEach(ranks -> {
            for (int i = 0; i < ranks.length; i++) {
                s.setFree(i, rankDim[ranks[i]], rankFactor[ranks[i]]);
            }
            s.evaluateCurrent();
            return true;
        });
        return s.outcome(enumerated, !order.merges(p.problem().lpfLimit()));
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
}
