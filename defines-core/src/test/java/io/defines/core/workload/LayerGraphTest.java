package io.defines.core.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.workload.LayerGraph.Cycle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cycles of the producer graph: each found once, described in feeding order, with the edge to point at. */
class LayerGraphTest {

    /** Layer id → the ids it reads, in file order. */
    static Map<Integer, List<Integer>> graph(Object... idAndProducers) {
        Map<Integer, List<Integer>> g = new LinkedHashMap<>();
        for (int i = 0; i < idAndProducers.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<Integer> producers = (List<Integer>) idAndProducers[i + 1];
            g.put((Integer) idAndProducers[i], producers);
        }
        return g;
    }

    @Test
    void aDagHasNoCycle() {
        // a chain with a residual edge: 0 → 1 → 2, 0 → 2
        assertThat(LayerGraph.cycles(graph(0, List.of(), 1, List.of(0), 2, List.of(1, 0)))).isEmpty();
    }

    @Test
    void aTwoLayerCyclePointsAtTheForwardReference() {
        // layer 0 reads layer 1, which is written later in the file: the likely mistake
        List<Cycle> cycles = LayerGraph.cycles(graph(0, List.of(1), 1, List.of(0)));
        assertThat(cycles).containsExactly(new Cycle(List.of(0, 1, 0), 0, 1));
        assertThat(cycles.get(0).message()).isEqualTo("the workload has a cycle: layer 0 → layer 1 → layer 0 (each feeds the next)");
    }

    @Test
    void aSelfLoopIsACycle() {
        assertThat(LayerGraph.cycles(graph(3, List.of(3)))).containsExactly(new Cycle(List.of(3, 3), 3, 3));
    }

    @Test
    void eachCycleIsReportedOnceAndSeparateCyclesEach() {
        // 0 ↔ 1, reachable from 2 as well; and 3 → 4 → 5 → 3
        List<Cycle> cycles = LayerGraph.cycles(graph(0, List.of(1), 1, List.of(0), 2, List.of(0), 3, List.of(5), 4, List.of(3), 5, List.of(4)));
        assertThat(cycles).hasSize(2);
        assertThat(cycles.get(0).layers()).containsExactly(0, 1, 0);
        assertThat(cycles.get(1).message()).isEqualTo("the workload has a cycle: layer 3 → layer 4 → layer 5 → layer 3 (each feeds the next)");
        assertThat(cycles.get(1).consumer()).isEqualTo(3);
        assertThat(cycles.get(1).producer()).isEqualTo(5);
    }
}
