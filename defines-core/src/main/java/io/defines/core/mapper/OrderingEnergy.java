package io.defines.core.mapper;

import io.defines.core.cost.PreparedProblem;
import java.util.Map;

/**
 * The energy of one allocated loop ordering, by which a search compares orderings: {@link FastEnergy}
 * on primitive arrays in the search's inner loop; tests wrap it to check every value it returns
 * against the reference ({@link io.defines.core.cost.CostEvaluation#energyPj}).
 */
public interface OrderingEnergy {

    /**
     * Energy (pJ) of the ordering ({@code dims[i]}, {@code factors[i]}, innermost first; dims indexed
     * as the factory's {@code dimIndex}) allocated at {@code cuts}: per operand, the end index
     * (exclusive) of each of its levels' loops, before the stationarity merge-down. Once the energy
     * reaches {@code bound} an implementation may stop and return any value ≥ {@code bound}, which
     * keeps a strict-less comparison against the bound exact. Does not modify its arguments.
     */
    double energy(int[] dims, long[] factors, int[][] cuts, double bound);

    /**
     * A lower bound (pJ) on the energy of every ordering that starts with the first {@code k} loops of
     * this one and allocates the same way as far as {@code cutDecidedBy} says ({@link DecidedPrefix#cutDecidedBy}),
     * with every cut point at most its {@code cutCeilings} entry where that is ≥ 0
     * ({@link FastAllocator#cutCeilings}). The default claims nothing beyond zero.
     */
    default double knownEnergy(int[] dims, long[] factors, int[][] cuts, int[][] cutDecidedBy, int[][] cutCeilings, int k) {
        return 0;
    }

    /** Builds the ordering energy of one prepared problem. */
    @FunctionalInterface
    interface Factory {

        /** @param dimIndex the problem's loop dimensions → the indices the orderings use */
        OrderingEnergy create(PreparedProblem problem, Map<String, Integer> dimIndex);
    }
}
