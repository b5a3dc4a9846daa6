package io.defines.core.mapper;

import io.defines.core.cost.CostEvaluation;
import io.defines.core.cost.Loop;
import io.defines.core.cost.PreparedProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Test oracle: an {@link OrderingEnergy} decorator that asserts, for every ordering the search costs,
 * that the inner energy equals the reference ({@link CostEvaluation#energyPj} of the same allocation,
 * with the readable merge-down and access counts) bit for bit. It asks the inner energy without the
 * bound, so every ordering is costed in full, and returns that value (which leaves the search's choice
 * unchanged: a value at or above the bound loses either way).
 */
final class CheckingEnergy implements OrderingEnergy {

    private final PreparedProblem problem;
    private final String[] dimNames;
    private final OrderingEnergy inner;

    CheckingEnergy(PreparedProblem problem, Map<String, Integer> dimIndex, OrderingEnergy inner) {
        this.problem = problem;
        this.dimNames = new String[dimIndex.size()];
        dimIndex.forEach((d, i) -> dimNames[i] = d);
        this.inner = inner;
    }

    /** The LOMA search with {@link FastEnergy} checked on every ordering. */
    static LomaMapper checkedLoma() {
        return new LomaMapper((p, dimIndex) -> new CheckingEnergy(p, dimIndex, new FastEnergy(p, dimIndex)));
    }

    @Override
    public double energy(int[] dims, long[] factors, int[][] cuts, double bound) {
        double value = inner.energy(dims, factors, cuts, Double.POSITIVE_INFINITY);
        List<List<List<Loop>>> allocation = allocation(dims, factors, cuts);
        double reference = CostEvaluation.energyPj(problem, allocation);
        if (Double.compare(reference, value) != 0) {
            throw new AssertionError("fast energy " + value + " != reference " + reference + " for allocation " + allocation
                    + " of " + problem.problem().layer().name());
        }
        return value;
    }

    /** Per operand, per level, the loops of the ordering cut at {@code cuts}. */
    private List<List<List<Loop>>> allocation(int[] dims, long[] factors, int[][] cuts) {
        List<List<List<Loop>>> out = new ArrayList<>();
        for (int[] c : cuts) {
            List<List<Loop>> levels = new ArrayList<>();
            int from = 0;
            for (int end : c) {
                List<Loop> l = new ArrayList<>(end - from);
                for (int i = from; i < end; i++) {
                    l.add(new Loop(dimNames[dims[i]], factors[i]));
                }
                levels.add(l);
                from = end;
            }
            out.add(levels);
        }
        return out;
    }
}
