package io.defines.core.mapper;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.RepoPaths;
import io.defines.core.compat.CompatFlags;
import io.defines.core.cost.LayerCost;
import io.defines.core.cost.SingleLayerProblem;
import io.defines.core.golden.GoldenRuns;
import io.defines.core.hardware.Accelerator;
import io.defines.core.hardware.HierarchyView;
import io.defines.core.hardware.MemoryOperand;
import io.defines.core.input.MappingReader;
import io.defines.core.input.Parsed;
import io.defines.core.mapping.Mapping;
import io.defines.core.mapping.MappingEntry;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Workload;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A mapping's bypass (the operand keeps no data in a memory): the same numbers as the accelerator written
 * without that memory for the operand; the mapping file's bypass read with located errors; a bypass of
 * the level where a schedule keeps the operand's data is an infeasible result with the reason.
 */
class BypassTest {

    private static final GoldenRuns LIB = new GoldenRuns(RepoPaths.root());

    private static MappingEntry bypassing(MappingEntry e, Map<String, List<String>> bypass) {
        return new MappingEntry(e.name(), e.spatialMapping(), e.spatialMappingHint(), e.temporalOrdering(), e.memoryOperandLinks(), bypass);
    }

    @Test
    void aBypassCostsWhatTheAcceleratorWithoutThatMemoryCosts() {
        Workload w = LIB.workload("fsrcnn");
        Accelerator acc = LIB.accelerator("meta-prototype-df");
        // sram_32KB holds only the weights: without it, W goes from sram_1MB_W straight to the register
        Accelerator without = acc.withMemories(acc.memories().stream().filter(m -> !m.name().equals("sram_32KB")).toList());
        Mapping mapping = LIB.mapping("meta-prototype", "fsrcnn");
        int compared = 0;
        for (Layer layer : w.layers()) {
            MappingEntry e = mapping.entryFor(layer).orElseThrow();
            for (Map<String, Long> tile : List.of(Map.of("OX", 60L, "OY", 72L), Map.of("OX", 4L, "OY", 4L))) {
                for (TemporalMapper mapper : List.of(new LomaMapper(), new ExactMapper())) {
                    LayerCost bypassed = mapper.evaluate(new SingleLayerProblem(layer, tile, bypassing(e, Map.of("W", List.of("sram_32KB"))),
                            HierarchyView.full(acc), 6, CompatFlags.FIXED));
                    LayerCost expected = mapper.evaluate(new SingleLayerProblem(layer, tile, e, HierarchyView.full(without), 6, CompatFlags.FIXED));
                    LayerCost kept = mapper.evaluate(new SingleLayerProblem(layer, tile, e, HierarchyView.full(acc), 6, CompatFlags.FIXED));
                    assertThat(bypassed).as(layer.id() + " " + tile + " " + mapper.name()).usingRecursiveComparison().isEqualTo(expected);
                    assertThat(((LayerCost.Mapped) bypassed).memoryNames().get("W")).doesNotContain("sram_32KB");
                    assertThat(((LayerCost.Mapped) kept).memoryNames().get("W")).contains("sram_32KB");
                    compared++;
                }
            }
        }
        assertThat(compared).isEqualTo(w.layers().size() * 4);
    }

    @Test
    void bypassingWhereTheScheduleKeepsTheDataIsInfeasibleWithTheReason() {
        Layer layer = LIB.workload("fsrcnn").layers().get(2);
        Accelerator acc = LIB.accelerator("meta-prototype-df");
        MappingEntry e = bypassing(LIB.mapping("meta-prototype", "fsrcnn").entryFor(layer).orElseThrow(), Map.of("W", List.of("sram_32KB")));
        // the weights' top level here is sram_32KB (rf_1B, sram_32KB kept)
        HierarchyView view = new HierarchyView(acc, Map.of(MemoryOperand.I2, 2), false);
        for (TemporalMapper mapper : List.of(new LomaMapper(), new ExactMapper())) {
            LayerCost c = SingleLayerCache.boundedAcrossCapacities(mapper, 10).evaluate(
                    new SingleLayerProblem(layer, Map.of("OX", 8L, "OY", 8L), e, view, 6, CompatFlags.FIXED));
            assertThat(c).isInstanceOfSatisfying(LayerCost.Infeasible.class, i -> assertThat(i.reason())
                    .contains("I2 bypasses sram_32KB, where this schedule keeps its data"));
        }
    }

    @Test
    void theMappingFileSaysWhatEachOperandBypassesAndEveryMistakeIsLocated() {
        Workload w = LIB.workload("fsrcnn");
        Accelerator acc = LIB.accelerator("meta-prototype-df");
        String head = """
                - name: default
                  spatial_mapping: {D1: ["K, 32"], D2: ["C, 2"], D3: ["OX, 4"], D4: ["OY, 4"]}
                  memory_operand_links: {O: O, W: I2, I: I1}
                """;
        Parsed<Mapping> ok = MappingReader.read("m.yaml", new StringReader(head + "  bypass: {W: [sram_32KB], O: [rf_2B]}\n"), w, acc);
        assertThat(ok.errors()).isEmpty();
        MappingEntry e = ok.value().entry("default").orElseThrow();
        assertThat(e.bypass()).isEqualTo(Map.of("W", List.of("sram_32KB"), "O", List.of("rf_2B")));
        assertThat(e.bypassed()).containsEntry(MemoryOperand.I2, java.util.Set.of("sram_32KB")).containsEntry(MemoryOperand.O, java.util.Set.of("rf_2B"));
        Parsed<Mapping> bad = MappingReader.read("m.yaml", new StringReader(head
                + "  bypass: {W: [sram_32kb, sram_64KB, dram], X: [rf_1B], I: sram_64KB}\n"), w, acc);
        assertThat(bad.errors()).extracting(d -> d.line() + ": " + d.message() + " / " + d.hint()).anySatisfy(s -> assertThat(s)
                .contains("names operand X, which memory_operand_links does not link")).anySatisfy(s -> assertThat(s)
                .contains("bypass of I must be a list of memory names"));
        Parsed<Mapping> memories = MappingReader.read("m.yaml", new StringReader(head + "  bypass: {W: [sram_32kb, sram_64KB, dram]}\n"), w, acc);
        assertThat(memories.errors()).extracting(d -> d.line() + ": " + d.message() + " / " + d.hint()).anySatisfy(s -> assertThat(s)
                .startsWith("4: ").contains("names memory 'sram_32kb', which accelerator").contains("you meant 'sram_32KB'?"))
                .anySatisfy(s -> assertThat(s).contains("W (I2) is not held by sram_64KB, so it cannot bypass it"))
                .anySatisfy(s -> assertThat(s).contains("W cannot bypass dram, the outermost memory of its chain"));
    }
}
