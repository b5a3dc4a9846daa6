package io.defines.core.mapper;

import io.defines.core.RepoPaths;
import io.defines.core.compat.CompatFlags;
import io.defines.core.cost.LayerCost;
import io.defines.core.cost.LayerCostModel;
import io.defines.core.golden.GoldenRuns;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class SingleLayerCacheTest {

    @Test
    void equalProblemsAreSearchedOnceEvenFromSeveralThreads() throws Exception {
        GoldenRuns golden = new GoldenRuns(RepoPaths.root());
        // two independently built row lists: equal problems are different objects
        List<GoldenRuns.Row> a = golden.layerRows(6, CompatFlags.DEFINES_2023).subList(0, 88);
        List<GoldenRuns.Row> b = new GoldenRuns(RepoPaths.root()).layerRows(6, CompatFlags.DEFINES_2023).subList(0, 88);
        SingleLayerCache cache = new SingleLayerCache();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<LayerCost>> fa = a.stream().map(r -> pool.submit(() -> cache.evaluate(r.problem()))).toList();
            List<Future<LayerCost>> fb = b.stream().map(r -> pool.submit(() -> cache.evaluate(r.problem()))).toList();
            for (int i = 0; i < a.size(); i++) {
                assertThat(fb.get(i).get()).isSameAs(fa.get(i).get());
            }
        } finally {
            pool.shutdown();
        }
        long distinct = a.stream().map(GoldenRuns.Row::problem).distinct().count();
        assertThat(cache.misses()).isEqualTo(distinct).isEqualTo(cache.size());
        assertThat(cache.hits()).isEqualTo(2L * a.size() - distinct);
        assertThat(distinct).as("tile types repeat across modes and rows").isLessThan(a.size());
    }

    @Test
    void decoratesAnyLayerCostModel_evaluatingEachDistinctProblemOnce() {
        List<GoldenRuns.Row> rows = new GoldenRuns(RepoPaths.root()).layerRows(6, CompatFlags.DEFINES_2023).subList(0, 40);
        AtomicInteger calls = new AtomicInteger();
        LayerCostModel counting = problem -> {
            calls.incrementAndGet();
            return new LayerCost.Infeasible("stub for " + problem.layer().name(), null, null, 0, 0, 0);
        };
        SingleLayerCache cache = new SingleLayerCache(counting);
        for (GoldenRuns.Row row : rows) {
            LayerCost c = cache.evaluate(row.problem());
            assertThat(((LayerCost.Infeasible) c).reason()).isEqualTo("stub for " + row.problem().layer().name());
            assertThat(cache.evaluate(row.problem())).isSameAs(c);
        }
        long distinct = rows.stream().map(GoldenRuns.Row::problem).distinct().count();
        assertThat(calls.get()).isEqualTo(distinct).isEqualTo(cache.misses());
        assertThat(cache.hits()).isEqualTo(2L * rows.size() - distinct);
    }

    @Test
    void noArgumentCacheMemoisesTheLomaSearch() {
        GoldenRuns.Row row = new GoldenRuns(RepoPaths.root()).layerRows(6, CompatFlags.DEFINES_2023).get(0);
        LayerCost.Mapped cached = (LayerCost.Mapped) new SingleLayerCache().evaluate(row.problem());
        LayerCost.Mapped direct = (LayerCost.Mapped) new LomaMapper().evaluate(row.problem());
        assertThat(cached.energyPj()).isEqualTo(direct.energyPj());
        assertThat(cached.temporalMapping()).isEqualTo(direct.temporalMapping());
    }

    /** A bounded memo keeps the most recently used results: an evicted problem is evaluated again, to the same result. */
    @Test
    void aBoundedCacheKeepsTheMostRecentResultsAndRecomputesTheOthers() throws Exception {
        List<GoldenRuns.Row> rows = new GoldenRuns(RepoPaths.root()).layerRows(6, CompatFlags.DEFINES_2023).subList(0, 40);
        List<io.defines.core.cost.SingleLayerProblem> distinct = rows.stream().map(GoldenRuns.Row::problem).distinct().limit(3).toList();
        AtomicInteger calls = new AtomicInteger();
        LayerCostModel counting = problem -> {
            calls.incrementAndGet();
            return new LayerCost.Infeasible("stub for " + problem.layer().name() + " " + problem.tileLoopSizes(), null, null, 0, 0, 0);
        };
        SingleLayerCache cache = SingleLayerCache.bounded(counting, 2);
        String first = ((LayerCost.Infeasible) cache.evaluate(distinct.get(0))).reason();
        cache.evaluate(distinct.get(1));
        assertThat(cache.evaluate(distinct.get(1))).isSameAs(cache.evaluate(distinct.get(1))); // kept: a hit
        cache.evaluate(distinct.get(2)); // the third evicts the least recently used, the first
        assertThat(cache.size()).isEqualTo(2);
        assertThat(((LayerCost.Infeasible) cache.evaluate(distinct.get(0))).reason()).isEqualTo(first);
        assertThat(calls.get()).isEqualTo(4).isEqualTo(cache.misses());
        assertThat(cache.hits()).isEqualTo(2);
        // one evaluation per problem even when threads ask at once
        SingleLayerCache shared = SingleLayerCache.bounded(counting, 100);
        calls.set(0);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<LayerCost>> all = java.util.stream.IntStream.range(0, 40).mapToObj(i -> pool.submit(() -> shared.evaluate(distinct.get(i % 3))))
                    .toList();
            for (Future<LayerCost> f : all) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(calls.get()).isEqualTo(3);
    }
}
