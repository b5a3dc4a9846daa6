package io.defines.core.mapper;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.RepoPaths;
import io.defines.core.compat.CompatFlags;
import io.defines.core.cost.LayerCost;
import io.defines.core.cost.Loop;
import io.defines.core.cost.SingleLayerProblem;
import io.defines.core.golden.GoldenRuns;
import io.defines.core.hardware.Accelerator;
import io.defines.core.hardware.HierarchyView;
import io.defines.core.input.MappingReader;
import io.defines.core.input.Parsed;
import io.defines.core.mapper.loma.Lpf;
import io.defines.core.mapping.Mapping;
import io.defines.core.mapping.MappingEntry;
import io.defines.core.mapping.TemporalLoop;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Workload;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ZigZag's constrained mappings: {@code temporal_ordering} fixes loops (innermost first), {@code
 * ["*", "*"]} marks where the search places the rest. The winning mapping keeps the fixed loops where
 * they are listed; an order that cannot hold is refused (a located error when the mapping file is
 * checked against its workload, an infeasible problem with the reason when a tile cannot take it).
 */
class TemporalOrderingTest {

    private static final GoldenRuns LIB = new GoldenRuns(RepoPaths.root());

    private static TemporalLoop loop(String dim, Long size) {
        return new TemporalLoop(dim, size);
    }

    @Test
    void fixedLoopsAndTheSearchedRest() {
        Map<String, Long> temporal = Map.of("K", 8L, "C", 4L, "OX", 12L, "OY", 1L);
        List<String> dims = List.of("K", "C", "OX", "OY", "FX");
        TemporalOrder none = TemporalOrder.of(List.of(), temporal, dims);
        assertThat(none.free()).containsOnlyKeys("K", "C", "OX");
        // [OX, 3] innermost, then the rest searched, then all that is left of K outermost; OY (1) is skipped
        TemporalOrder partial = TemporalOrder.of(List.of(loop("OX", 3L), loop("OY", null), loop("*", null), loop("K", null)), temporal, dims);
        assertThat(partial.problem()).isNull();
        assertThat(partial.inner()).containsExactly(new Lpf("OX", 3));
        assertThat(partial.free()).isEqualTo(Map.of("C", 4L, "OX", 4L));
        assertThat(partial.outer()).containsExactly(new Lpf("K", 8));
        TemporalOrder fixed = TemporalOrder.of(List.of(loop("C", null), loop("OX", 4L), loop("K", 8L), loop("OX", 3L)), temporal, dims);
        assertThat(fixed.problem()).isNull();
        assertThat(fixed.free()).isEmpty();
        assertThat(fixed.inner()).containsExactly(new Lpf("C", 4), new Lpf("OX", 4), new Lpf("K", 8), new Lpf("OX", 3));
        assertThat(TemporalOrder.of(List.of(loop("OX", 5L), loop("*", null)), temporal, dims).problem())
                .contains("loop of OX of size 5").contains("12 is left");
        assertThat(TemporalOrder.of(List.of(loop("OX", null), loop("K", null)), temporal, dims).problem())
                .contains("leaves temporal loops unplaced: {C=4}").contains("[\"*\", \"*\"]");
        assertThat(TemporalOrder.of(List.of(loop("G", 2L), loop("*", null)), temporal, dims).problem()).contains("G, which is not a loop dimension");
    }

    /** Each operand's allocation cuts one ordering: its levels' loops, innermost first, flattened. */
    private static List<String> ordering(LayerCost.Mapped m, String operand) {
        List<String> out = new ArrayList<>();
        for (List<Loop> level : m.temporalMapping().get(operand)) {
            for (Loop l : level) {
                out.add(l.dim() + (long) l.size());
            }
        }
        return out;
    }

    private static SingleLayerProblem problem(Layer layer, MappingEntry e, Accelerator acc) {
        return SingleLayerProblem.wholeLayer(layer, e, HierarchyView.full(acc), 6, CompatFlags.FIXED);
    }

    private static MappingEntry withOrdering(MappingEntry e, List<TemporalLoop> ordering) {
        return new MappingEntry(e.name(), e.spatialMapping(), e.spatialMappingHint(), ordering, e.memoryOperandLinks());
    }

    @Test
    void theWinningMappingKeepsTheFixedLoopsWhereTheyAreListed() {
        Workload w = LIB.workload("fsrcnn");
        Accelerator acc = LIB.accelerator("meta-prototype-df");
        Mapping mapping = LIB.mapping("meta-prototype", "fsrcnn");
        Layer layer = w.layers().get(2); // 3×3 conv 12 → 12 on 556 × 556... (the library's FSRCNN)
        MappingEntry e = mapping.entryFor(layer).orElseThrow();
        LomaMapper loma = new LomaMapper();
        LayerCost.Mapped free = (LayerCost.Mapped) loma.evaluate(problem(layer, e, acc));

        // partial, as in ZigZag's *_constrainted.yaml: OY whole innermost, then OX whole, the rest searched
        MappingEntry partial = withOrdering(e, List.of(loop("OY", null), loop("OX", null), loop("*", null)));
        LayerCost.Mapped p = (LayerCost.Mapped) loma.evaluate(problem(layer, partial, acc));
        long oy = (long) Math.ceil((double) layer.loopSize("OY") / e.unrolling("OY"));
        long ox = (long) Math.ceil((double) layer.loopSize("OX") / e.unrolling("OX"));
        for (String op : p.temporalMapping().keySet()) {
            List<String> order = ordering(p, op);
            assertThat(order.subList(0, 2)).as(op).containsExactly("OY" + oy, "OX" + ox);
            assertThat(order.subList(2, order.size())).as(op).noneMatch(s -> s.startsWith("OX") || s.startsWith("OY"));
        }
        assertThat(p.orderingsEnumerated()).isLessThan(free.orderingsEnumerated());

        // fully fixed: the winner is that one ordering
        List<String> fixedOrder = ordering(free, "O");
        List<TemporalLoop> fixed = new ArrayList<>();
        for (List<Loop> level : free.temporalMapping().get("O")) {
            for (Loop l : level) {
                fixed.add(loop(l.dim(), (long) l.size()));
            }
        }
        LayerCost.Mapped f = (LayerCost.Mapped) loma.evaluate(problem(layer, withOrdering(e, fixed), acc));
        assertThat(f.orderingsEnumerated()).isEqualTo(1);
        for (String op : f.temporalMapping().keySet()) {
            assertThat(ordering(f, op)).as(op).isEqualTo(fixedOrder);
        }
        // the unconstrained winner's own order, fixed, costs what the unconstrained search found
        assertThat(f.energyPj()).isEqualTo(free.energyPj());
    }

    @Test
    void anOrderThatCannotHoldIsRefused() {
        Workload w = LIB.workload("fsrcnn");
        Accelerator acc = LIB.accelerator("meta-prototype-df");
        Layer layer = w.layers().get(2);
        MappingEntry e = LIB.mapping("meta-prototype", "fsrcnn").entryFor(layer).orElseThrow();
        // 7 does not divide what is left of K in time
        LayerCost c = new LomaMapper().evaluate(problem(layer, withOrdering(e, List.of(loop("K", 7L), loop("*", null))), acc));
        assertThat(c).isInstanceOfSatisfying(LayerCost.Infeasible.class, i -> assertThat(i.reason()).contains("loop of K of size 7"));

        // checked against the workload, the mapping file names the entry, the layers and the line
        String yaml = """
                - name: default
                  spatial_mapping: {D1: ["K, 32"], D2: ["C, 2"], D3: ["OX, 4"], D4: ["OY, 4"]}
                  temporal_ordering:
                    - [OX, 7]
                    - [K, "*"]
                  memory_operand_links: {O: O, W: I2, I: I1}
                """;
        Parsed<Mapping> m = MappingReader.read("m.yaml", new StringReader(yaml), w, acc);
        assertThat(m.errors()).anySatisfy(d -> {
            assertThat(d.line()).isEqualTo(4);
            assertThat(d.message()).contains("temporal_ordering cannot hold for layers").contains("loop of OX of size 7");
            assertThat(d.hint()).contains("\"*\" sizes");
        });
    }
}
