package io.defines.core.mapper;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.util.concurrent.ExecutionError;
import com.google.common.util.concurrent.UncheckedExecutionException;
import io.defines.core.cost.LayerCost;
import io.defines.core.cost.LayerCostModel;
import io.defines.core.cost.SingleLayerProblem;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
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
    /** With a bound: the most recently used results, at most that many (null: every result is kept). */
    private final Cache<Key, LayerCost> recent;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /** The memoised LOMA search ({@link LomaMapper}). */
    public SingleLayerCache() {
        this(new LomaMapper());
    }

    /** Memoises {@code inner}, which must be a pure function of the problem. */
    public SingleLayerCache(LayerCostModel inner) {
        this.inner = Objects.requireNonNull(inner);
        this.recent = null;
    }

    /**
     * The memoised LOMA search keeping at most {@code maxEntries} results, the least recently used
     * dropped first: for searches that meet far more distinct problems than they reuse (the optimizer
     * with boundary tensors on chip), so that memory stays bounded. A dropped result is computed again
     * when asked for: the same numbers, only later.
     */
    public static SingleLayerCache bounded(long maxEntries) {
        return bounded(new LomaMapper(), maxEntries);
    }

    /** {@code inner} memoised, at most {@code maxEntries} results kept (see {@link #bounded(long)}). */
    public static SingleLayerCache bounded(LayerCostModel inner, long maxEntries) {
        return new SingleLayerCache(inner, maxEntries);
    }

    private SingleLayerCache(LayerCostModel inner, long maxEntries) {
        this.inner = Objects.requireNonNull(inner);
        this.recent = CacheBuilder.newBuilder().maximumSize(maxEntries).concurrencyLevel(4).build();
    }

    /** The result of the decorated model for {@code problem}, computed at most once per distinct problem (while kept). */
    @Override
    public LayerCost evaluate(SingleLayerProblem problem) {
        Key key = new Key(problem);
        if (recent != null) {
            return evaluateBounded(key);
        }
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

    private LayerCost evaluateBounded(Key key) {
        try {
            boolean[] computed = {false};
            // Guava runs one loader per key; threads asking for the same key meanwhile wait for it
            LayerCost cost = recent.get(key, () -> {
                computed[0] = true;
                return inner.evaluate(key.problem());
            });
            (computed[0] ? misses : hits).increment();
            return cost;
        } catch (ExecutionException | UncheckedExecutionException | ExecutionError e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
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
        return recent != null ? (int) recent.size() : results.size();
    }
}
