package io.defines.core.mapper;

import io.defines.core.cost.LayerCost;
import io.defines.core.cost.LayerCostModel;
import io.defines.core.cost.SingleLayerProblem;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A thread-safe memo of single-layer evaluations, decorating any {@link LayerCostModel}, keyed by the
 * {@link SingleLayerProblem} record (tile loop sizes, precisions and links via the layer and mapping,
 * hierarchy view, LPF limit, flags). Across tile types, overlap modes, tile sizes and sweep points
 * most searches repeat; each distinct problem is evaluated once, even when several threads ask for it
 * at the same time (the others wait for the first one's result instead of searching again).
 */
public final class SingleLayerCache implements LayerCostModel {

    /** The problem with its hash computed once (records hash deeply on every call). */
    private record Key(SingleLayerProblem problem, int hash) {
        Key(SingleLayerProblem problem) {
            this(problem, problem.hashCode());
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && k.problem.equals(problem);
        }
    }

    private final LayerCostModel inner;
    private final ConcurrentHashMap<Key, CompletableFuture<LayerCost>> results = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /** The memoised LOMA search ({@link LomaMapper}). */
    public SingleLayerCache() {
        this(new LomaMapper());
    }

    /** Memoises {@code inner}, which must be a pure function of the problem. */
    public SingleLayerCache(LayerCostModel inner) {
        this.inner = Objects.requireNonNull(inner);
    }

    /** The result of the decorated model for {@code problem}, computed at most once per distinct problem. */
    @Override
    public LayerCost evaluate(SingleLayerProblem problem) {
        Key key = new Key(problem);
        CompletableFuture<LayerCost> mine = new CompletableFuture<>();
        CompletableFuture<LayerCost> existing = results.putIfAbsent(key, mine);
        if (existing != null) {
            hits.increment();
            return existing.join();
        }
        misses.increment();
        try {
            LayerCost cost = inner.evaluate(problem);
            mine.complete(cost);
            return cost;
        } catch (RuntimeException | Error e) {
            results.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    /** Distinct problems held. */
    public int size() {
        return results.size();
    }
}
