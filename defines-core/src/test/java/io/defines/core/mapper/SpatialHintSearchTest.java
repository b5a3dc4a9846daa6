package io.defines.core.mapper;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.RepoPaths;
import io.defines.core.compat.CompatFlags;
import io.defines.core.cost.LayerCost;
import io.defines.core.cost.SingleLayerProblem;
import io.defines.core.golden.GoldenRuns;
import io.defines.core.hardware.Accelerator;
import io.defines.core.hardware.HierarchyView;
import io.defines.core.mapping.MappingEntry;
import io.defines.core.mapping.SpatialUnroll;
import io.defines.core.workload.Layer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code spatial_mapping_hint} without an explicit spatial mapping: the search picks the spatial
 * mapping with the lowest energy among those the hint allows, here listed by hand for a 3×3
 * convolution (K = C = 12 after the library's FSRCNN, on meta-prototype-df's 32 × 2 × 4 × 4 array).
 */
class SpatialHintSearchTest {

    private static final GoldenRuns LIB = new GoldenRuns(RepoPaths.root());

    @Test
    void theHintsBestSpatialMappingWins() {
        Accelerator acc = LIB.accelerator("meta-prototype-df");
        Layer layer = LIB.workload("fsrcnn").layers().get(2);
        assertThat(layer.loopSize("K")).isEqualTo(12);
        assertThat(layer.loopSize("C")).isEqualTo(12);
        MappingEntry template = LIB.mapping("meta-prototype", "fsrcnn").entryFor(layer).orElseThrow();
        Map<String, List<String>> hint = new LinkedHashMap<>();
        hint.put("D1", List.of("K", "C"));
        hint.put("D2", List.of("C", "K"));
        hint.put("D3", List.of("OX"));
        hint.put("D4", List.of("OY"));
        MappingEntry hinted = new MappingEntry("hinted", Map.of(), hint, List.of(), template.memoryOperandLinks());
        // by hand: D1 (32) takes all of K or all of C (12); D2 (2) then 2 of the other one (the same one is used
        // up, so it is no option); D3 and D4 (4) the largest divisor of OX and of OY that is at most 4
        long ox = SpatialHintSearch.largestDivisorAtMost(layer.loopSize("OX"), 4);
        long oy = SpatialHintSearch.largestDivisorAtMost(layer.loopSize("OY"), 4);
        List<Map<String, List<SpatialUnroll>>> byHand = List.of(
                mapping("K", 12, "C", 2, ox, oy),
                mapping("C", 12, "K", 2, ox, oy));
        LomaMapper loma = new LomaMapper();
        double bestEnergy = Double.POSITIVE_INFINITY;
        Map<String, List<SpatialUnroll>> best = null;
        for (Map<String, List<SpatialUnroll>> m : byHand) {
            LayerCost c = loma.evaluate(problem(layer, new MappingEntry("x", m, Map.of(), List.of(), template.memoryOperandLinks()), acc));
            if (c instanceof LayerCost.Mapped mapped && mapped.energyPj() < bestEnergy) {
                bestEnergy = mapped.energyPj();
                best = m;
            }
        }
        assertThat(SpatialHintSearch.candidates(hint, problem(layer, hinted, acc))).containsExactlyInAnyOrderElementsOf(byHand);
        LayerCost got = new SpatialHintSearch(loma).evaluate(problem(layer, hinted, acc));
        assertThat(got).isInstanceOf(LayerCost.Mapped.class);
        assertThat(((LayerCost.Mapped) got).energyPj()).isEqualTo(bestEnergy);
        // the winner's spatial mapping is in its result: the unrolled dims show on the output's registers
        LayerCost.Mapped expected = (LayerCost.Mapped) loma.evaluate(problem(layer,
                new MappingEntry("x", best, Map.of(), List.of(), template.memoryOperandLinks()), acc));
        assertThat(((LayerCost.Mapped) got).spatialMapping()).isEqualTo(expected.spatialMapping());
        // an explicit spatial mapping is used as it is
        LayerCost explicit = new SpatialHintSearch(loma).evaluate(problem(layer, template, acc));
        assertThat(((LayerCost.Mapped) explicit).energyPj()).isEqualTo(((LayerCost.Mapped) loma.evaluate(problem(layer, template, acc))).energyPj());
    }

    private static Map<String, List<SpatialUnroll>> mapping(String d1, int f1, String d2, int f2, long ox, long oy) {
        Map<String, List<SpatialUnroll>> m = new LinkedHashMap<>();
        m.put("D1", List.of(new SpatialUnroll(d1, f1)));
        if (d2 != null) {
            m.put("D2", List.of(new SpatialUnroll(d2, f2)));
        }
        m.put("D3", List.of(new SpatialUnroll("OX", (int) ox)));
        m.put("D4", List.of(new SpatialUnroll("OY", (int) oy)));
        return m;
    }

    private static SingleLayerProblem problem(Layer layer, MappingEntry e, Accelerator acc) {
        return SingleLayerProblem.wholeLayer(layer, e, HierarchyView.full(acc), 5, CompatFlags.FIXED);
    }
}
