package io.defines.core.mapper;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.defines.core.cost.LayerCost;
import io.defines.core.cost.LayerCostModel;
import io.defines.core.cost.OperandInfo;
import io.defines.core.cost.PreparedProblem;
import io.defines.core.cost.SingleLayerProblem;
import io.defines.core.hardware.Accelerator;
import io.defines.core.hardware.HierarchyView;
import io.defines.core.hardware.Memory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;

/**
 * LOMA's search reused across memory capacities: problems that differ only in how much of some
 * memories is free (the optimizer's boundary tensors held on chip take part of a memory,
 * {@link Accelerator#withCapacityTaken}) share their search when every fit test of the first one's
 * search would come out the same at the other's capacities. LOMA compares capacities only in those
 * tests (a tile prefix, or a combination of operands' prefixes, fits a memory or not), so the same
 * orderings allocate alike, cost the same energy and the same one wins; the winner is then evaluated
 * in full on the asking problem, whose capacities also set its double buffering and so its latency.
 * The result is the one {@link LomaMapper} computes for that problem, with the same counts
 * ({@code CapacityRangeMemoTest} checks it on generated layers and capacities). Infeasible problems
 * are searched every time (their reason names the capacity). Thread-safe; bounded by the number of
 * capacity-free problems kept.
 */
public final class CapacityRangeMemo implements LayerCostModel {

    private final OrderingSearch.Strategy mapper;
    /** Per problem with its memories' capacities erased: the winners found so far with their ranges. */
    private final Cache<SingleLayerProblem, List<OrderingSearch.Winner>> winners;
    /** Per accelerator (by identity): the same with every memory's capacity erased. */
    private final Cache<Accelerator, Accelerator> erased = CacheBuilder.newBuilder().weakKeys().build();
    private final LongAdder reused = new LongAdder();
    private final LongAdder searched = new LongAdder();

    /** The memo over {@link LomaMapper}, keeping the winners of at most {@code maxProblems} capacity-free problems. */
    public CapacityRangeMemo(long maxProblems) {
        this(new LomaMapper(), maxProblems);
    }

    /** The memo over {@code mapper}'s searches (whose fit tests all go through {@link FastAllocator}). */
    CapacityRangeMemo(OrderingSearch.Strategy mapper, long maxProblems) {
        this.mapper = mapper;
        this.winners = CacheBuilder.newBuilder().maximumSize(maxProblems).concurrencyLevel(4).build();
    }

    @Override
    public LayerCost evaluate(SingleLayerProblem problem) {
        String conflict = problem.bypassConflict();
        if (conflict != null) {
            return LayerCost.Infeasible.because(conflict);
        }
        PreparedProblem p = PreparedProblem.of(problem);
        long[] capacities = p.view().memoriesHolding(p.operands().stream().map(OperandInfo::memoryOperand).toList()).stream()
                .mapToLong(Memory::sizeBits).toArray();
        List<OrderingSearch.Winner> known;
        try {
            known = winners.get(capacityFree(problem), CopyOnWriteArrayList::new);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        OrderingSearch.Winner hit = covering(known, capacities);
        if (hit != null) {
            reused.increment();
            return hit.evaluate(p);
        }
        searched.increment();
        OrderingSearch.Outcome o = mapper.search(p);
        if (o.winner() == null) {
            return o.infeasible();
        }
        known.add(o.winner());
        return o.winner().evaluate(p);
    }

    private static OrderingSearch.Winner covering(List<OrderingSearch.Winner> known, long[] capacities) {
        for (OrderingSearch.Winner w : known) {
            if (w.holdsFor(capacities)) {
                return w;
            }
        }
        return null;
    }

    /** Problems answered from an earlier search at other capacities. */
    public long reused() {
        return reused.sum();
    }

    /** Problems searched. */
    public long searched() {
        return searched.sum();
    }

    private SingleLayerProblem capacityFree(SingleLayerProblem problem) {
        HierarchyView v = problem.hierarchy();
        Accelerator a;
        try {
            a = erased.get(v.accelerator(), () -> erase(v.accelerator()));
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return new SingleLayerProblem(problem.layer(), problem.tileLoopSizes(), problem.mapping(),
                new HierarchyView(a, v.levelCounts(), v.i2AliasesI1(), v.bypassed()), problem.lpfLimit(), problem.flags(), problem.inputExtentCaps());
    }

    private static Accelerator erase(Accelerator a) {
        return a.withMemories(a.memories().stream().map(m -> m.withSizeBits(0)).toList());
    }
}
