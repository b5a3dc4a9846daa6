package io.defines.core.cost;

import io.defines.core.compat.CompatFlags;
import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.RepoPaths;
import io.defines.core.golden.GoldenRuns;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

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
}
