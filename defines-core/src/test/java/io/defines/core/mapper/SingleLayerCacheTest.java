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
}
