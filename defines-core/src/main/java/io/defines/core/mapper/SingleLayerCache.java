package io.defines.core.mapper;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.util.concurrent.ExecutionError;
import com.google.common.util.concurrent.UncheckedExecutionException;
import io.defines.core.cost.LayerCost;
import io.defines.core.cost.LayerCostModel;
import io.defines.core.cost.SingleLayerProblem;
import java.util.Objects;
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
    /** The results by problem: all of them, or the most recently used up to a bound. */
    private final Cache<Key, LayerCost> results;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /** The memoised LOMA search ({@link LomaMapper}), spatial mapping hints searched ({@link SpatialHintSearch}). */
    public SingleLayerCache() {
        this(new SpatialHintSearch(new LomaMapper()));
    }

    /** Memoises {@code inner}, which must be a pure function of the problem. */
    public SingleLayerCache(LayerCostModel inner) {
        this(inner, CacheBuilder.newBuilder());
    }

    /**
     * The memoised LOMA search keeping at most {@code maxEntries} results, the least recently used
     * dropped first: for searches that meet far more distinct problems than they reuse (the optimizer
     * with boundary tensors on chip), so that memory stays bounded. A dropped result is computed again
     * when asked for: the same numbers, only later.
     */
    public static SingleLayerCache bounded(long maxEntries) {
        return bounded(new SpatialHintSearch(new LomaMapper()), maxEntries);
    }

    /**
     * As {@link #bounded(long)}, and a problem met at other memory capacities than an earlier one reuses
     * that one's search when the capacities cannot change its outcome ({@link CapacityRangeMemo}): the
     * optimizer's boundary tensors on chip make many problems differ only in the capacity left.
     */
    public static SingleLayerCache boundedAcrossCapacities(long maxEntries) {
        return bounded(new SpatialHintSearch(new CapacityRangeMemo(maxEntries)), maxEntries);
    }

    /** {@code mapper}'s results memoised, spatial mapping hints searched ({@link SpatialHintSearch}). */
    public static SingleLayerCache of(TemporalMapper mapper) {
        return new SingleLayerCache(new SpatialHintSearch(mapper));
    }

    /**
     * As {@link #boundedAcrossCapacities(long)} for {@code mapper}: its searches reused across capacities
     * when it is one of this package's ordering searches, else only memoised.
     */
    public static SingleLayerCache boundedAcrossCapacities(TemporalMapper mapper, long maxEntries) {
        LayerCostModel inner = mapper instanceof OrderingSearch.Strategy s ? new CapacityRangeMemo(s, maxEntries) : mapper;
        return bounded(new SpatialHintSearch(inner), maxEntries);
    }

    /** {@code inner} memoised, at most {@code maxEntries} results kept (see {@link #bounded(long)}). */
    public static SingleLayerCache bounded(LayerCostModel inner, long maxEntries) {
        return new SingleLayerCache(inner, CacheBuilder.newBuilder().maximumSize(maxEntries));
    }

    private SingleLayerCache(LayerCostModel inner, CacheBuilder<Object, Object> builder) {
        this.inner = Objects.requireNonNull(inner);
        this.results = builder.concurrencyLevel(4).build();
    }

    /**
     * The result of the decorated model for {@code problem}, computed at most once per distinct problem
     * (while kept): threads asking for a problem being computed wait for that computation.
     */
    @Override
    public LayerCost evaluate(SingleLayerProblem problem) {
        try {
            boolean[] computed = {false};
            LayerCost cost = results.get(new Key(problem), () -> {
                computed[0] = true;
                return inner.evaluate(problem);
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
        return (int) results.size();
    }
}
