package io.defines.core.mapper;

import io.defines.core.compat.Quirk;
import io.defines.core.cost.CostEvaluation;
import io.defines.core.cost.LayerCost;
import io.defines.core.cost.Loop;
import io.defines.core.cost.PreparedProblem;
import io.defines.core.cost.SingleLayerProblem;
import io.defines.core.mapper.loma.Lpf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What LOMA's and the exact search share: one loop ordering on primitive arrays (the fixed inner loops
 * of the mapping's temporal_ordering, the searched ones, the fixed outer ones, innermost first), its
 * bottom-up allocation ({@link FastAllocator}) and energy ({@link OrderingEnergy}), and the best
 * ordering so far (the first with the strictly lowest energy wins). A search fills the free positions
 * and calls {@link #evaluateCurrent}. Not thread-safe: one instance per search.
 */
final class OrderingSearch {

    /**
     * What one search found before the winner's full evaluation: the winning allocation and the search's
     * counts, and per memory it visited (in {@link io.defines.core.hardware.HierarchyView#memoriesHolding} order) the range of
     * capacities [{@code fittedMax}, {@code overflowMin}) in which every fit test of the search comes
     * out the same — so the same orderings allocate the same way, cost the same energy and the same
     * one wins. Latency depends on the capacities themselves (double buffering), hence {@link #evaluate}.
     */
    record Winner(List<List<List<Loop>>> allocation, double energyPj, long enumerated, long allocated, long evaluations,
                  long[] fittedMax, long[] overflowMin, boolean provenOptimal) {

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
            return CostEvaluation.evaluate(p, allocation, enumerated, allocated, evaluations, provenOptimal);
        }

        /**
         * The better of this winner and {@code other} (this one on a tie), with both searches' counts and
         * the capacity range in which both come out the same.
         */
        Winner orBetter(Winner other, boolean provenOptimal) {
            long[] fitted = fittedMax.clone();
            long[] overflow = overflowMin.clone();
            for (int i = 0; i < fitted.length; i++) {
                fitted[i] = Math.max(fitted[i], other.fittedMax[i]);
                overflow[i] = Math.min(overflow[i], other.overflowMin[i]);
            }
            Winner best = other.energyPj < energyPj ? other : this;
            return new Winner(best.allocation, best.energyPj, enumerated + other.enumerated, allocated + other.allocated,
                    evaluations + other.evaluations, fitted, overflow, provenOptimal);
        }
    }

    /** A search's result: its winner, or why no ordering could be allocated. */
    record Outcome(Winner winner, LayerCost.Infeasible infeasible) {

        static Outcome infeasible(String why) {
            return new Outcome(null, LayerCost.Infeasible.because(why));
        }
    }

    /** The temporal search of a mapper: its outcome on one prepared problem, the winner not yet evaluated in full. */
    interface Strategy {

        /** The search on {@code p}, whose mapping entry's temporal_ordering holds as {@code order}. */
        Outcome search(PreparedProblem p, TemporalOrder order);

        /** The search on {@code p}; infeasible with the reason when its temporal_ordering cannot hold. */
        default Outcome search(PreparedProblem p) {
            TemporalOrder order = TemporalOrder.of(p);
            return order.problem() != null ? Outcome.infeasible(order.problem()) : search(p, order);
        }

        /** The search on {@code problem} and its winner evaluated in full, or why nothing fits. */
        default LayerCost searchAndEvaluate(SingleLayerProblem problem) {
            String conflict = problem.bypassConflict();
            if (conflict != null) {
                return LayerCost.Infeasible.because(conflict);
            }
            PreparedProblem p = PreparedProblem.of(problem);
            Outcome o = search(p);
            return o.winner() != null ? o.winner().evaluate(p) : o.infeasible();
        }
    }

    final int[] dims;
    final long[] factors;
    final int innerCount;
    final int freeCount;
    final Map<String, Integer> dimIndex;
    final FastAllocator allocator;
    private final OrderingEnergy energy;
    private final String[] dimNames;
    private final int[][] ceilings;
    private double bestEnergy = Double.POSITIVE_INFINITY;
    private int[] bestDims;
    private long[] bestFactors;
    private AllocationFailure firstFailure;
    long allocated;
    long evaluations;

    /** The search state of {@code p} with {@code order}'s fixed loops in place and {@code freeCount} positions to fill. */
    OrderingSearch(PreparedProblem p, TemporalOrder order, int freeCount, OrderingEnergy.Factory energies) {
        this(p, order, freeCount, energies, false);
    }

    /** The same; {@code trackDecisions}: the allocator records how much of each ordering decided it (the exact search). */
    OrderingSearch(PreparedProblem p, TemporalOrder order, int freeCount, OrderingEnergy.Factory energies, boolean trackDecisions) {
        dimIndex = dimIndex(p);
        dimNames = dimIndex.keySet().toArray(new String[0]);
        this.energy = energies.create(p, dimIndex);
        allocator = new FastAllocator(p.view(), p.operands(), p.spatial().fractional.placed(), dimIndex, p.partialPrecision(),
                p.finalPrecision(), p.flags().has(Quirk.ALLOCATOR_PRECISION_FROM_WHOLE_LIST), trackDecisions);
        this.freeCount = freeCount;
        ceilings = new int[p.operands().size()][];
        for (int o = 0; o < ceilings.length; o++) {
            ceilings[o] = new int[p.operands().get(o).levels()];
        }
        innerCount = order.inner().size();
        int n = order.size(freeCount);
        dims = new int[n];
        factors = new long[n];
        for (int i = 0; i < innerCount; i++) {
            place(i, order.inner().get(i));
        }
        for (int i = 0; i < order.outer().size(); i++) {
            place(innerCount + freeCount + i, order.outer().get(i));
        }
    }

    /** The problem's loop dimensions in the layer's order → the indices orderings use. */
    static Map<String, Integer> dimIndex(PreparedProblem p) {
        Map<String, Integer> dimIndex = new LinkedHashMap<>();
        for (String d : p.problem().tileLoopSizes().keySet()) {
            dimIndex.put(d, dimIndex.size());
        }
        return dimIndex;
    }

    private void place(int i, Lpf loop) {
        dims[i] = dimIndex.get(loop.dim());
        factors[i] = loop.factor();
    }

    /** Sets free position {@code i} (0 = the innermost searched loop). */
    void setFree(int i, int dim, long factor) {
        dims[innerCount + i] = dim;
        factors[innerCount + i] = factor;
    }

    /** Allocates and costs the current ordering, keeping it when strictly better; false when it does not fit. */
    boolean evaluateCurrent() {
        if (!allocator.allocate(dims, factors)) {
            if (firstFailure == null) {
                firstFailure = allocator.lastFailure;
            }
            return false;
        }
        allocated++;
        double e = energy.energy(dims, factors, allocator.cuts, bestEnergy);
        evaluations++;
        if (e < bestEnergy) {
            bestEnergy = e;
            bestDims = dims.clone();
            bestFactors = factors.clone();
        }
        return true;
    }

    /** The lowest energy found so far (pJ; infinite before the first ordering that fits). */
    double bestEnergy() {
        return bestEnergy;
    }

    /** A lower bound on every ordering sharing the first {@code k} loops of the last one evaluated, which fitted ({@link OrderingEnergy#knownEnergy}). */
    double knownEnergy(int k) {
        allocator.ceilings.fill(dims, factors, k, ceilings);
        return energy.knownEnergy(dims, factors, allocator.cuts, allocator.decided.cutDecidedBy, ceilings, k);
    }

    /** Only orderings strictly below {@code energyPj} count from now on (another search's winner sets the bar). */
    void raiseBar(double energyPj) {
        bestEnergy = Math.min(bestEnergy, energyPj);
    }

    /**
     * The outcome after {@code enumerated} orderings when {@code bar} (may be null) set the bar: this
     * search's winner if it found one below it, else {@code bar}'s, with both searches' counts and fit
     * tests; {@code provenOptimal} as {@link LayerCost.Mapped#provenOptimal}.
     */
    Outcome outcome(long enumerated, boolean provenOptimal, Winner bar) {
        Outcome own = outcome(enumerated, provenOptimal);
        if (bar == null) {
            return own;
        }
        if (own.winner() != null) {
            return new Outcome(own.winner().orBetter(bar, provenOptimal), null);
        }
        Winner mine = new Winner(bar.allocation(), bar.energyPj(), enumerated, allocated, evaluations, allocator.fittedMax.clone(),
                allocator.overflowMin.clone(), provenOptimal);
        return new Outcome(bar.orBetter(mine, provenOptimal), null);
    }

    /** The search's outcome after {@code enumerated} orderings; {@code provenOptimal} as {@link LayerCost.Mapped#provenOptimal}. */
    Outcome outcome(long enumerated, boolean provenOptimal) {
        if (bestDims == null) {
            AllocationFailure f = firstFailure;
            if (f == null) {
                return new Outcome(null, new LayerCost.Infeasible("no loop ordering could be allocated", null, null, 0, 0, enumerated));
            }
            return new Outcome(null, new LayerCost.Infeasible(f.reason(), f.memory(), f.operand(), f.demandBits(), f.capacityBits(), enumerated));
        }
        long[] fittedMax = allocator.fittedMax.clone();
        long[] overflowMin = allocator.overflowMin.clone();
        return new Outcome(new Winner(allocation(bestDims, bestFactors), bestEnergy, enumerated, allocated, evaluations, fittedMax, overflowMin,
                provenOptimal), null);
    }

    /** Per operand, per level, the loops of the ordering as allocated (it must fit). */
    private List<List<List<Loop>>> allocation(int[] d, long[] f) {
        if (!allocator.allocate(d, f)) {
            throw new IllegalStateException("the winning ordering no longer fits");
        }
        List<List<List<Loop>>> out = new ArrayList<>();
        for (int[] c : allocator.cuts) {
            List<List<Loop>> levels = new ArrayList<>();
            int from = 0;
            for (int end : c) {
                List<Loop> l = new ArrayList<>(end - from);
                for (int i = from; i < end; i++) {
                    l.add(new Loop(dimNames[d[i]], f[i]));
                }
                levels.add(l);
                from = end;
            }
            out.add(levels);
        }
        return out;
    }
}
