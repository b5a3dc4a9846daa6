package io.defines.core.depthfirst;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.RepoPaths;
import io.defines.core.compat.CompatFlags;
import io.defines.core.golden.GoldenRuns;
import io.defines.core.hardware.Accelerator;
import io.defines.core.input.MappingReader;
import io.defines.core.input.ScheduleReader;
import io.defines.core.input.WorkloadReader;
import io.defines.core.mapper.SingleLayerCache;
import io.defines.core.mapping.Mapping;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.OverlapStrategy;
import io.defines.core.schedule.Schedule;
import io.defines.core.schedule.SchedulePlan;
import io.defines.core.testdomain.GeneratedDags;
import io.defines.core.workload.Workload;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Boundary tensors kept on chip (docs/schedules.md): the off-chip traffic they save, the on-chip peak
 * they add, and the placements refused, with expectations computed here from the network's sizes.
 * Network: conv 0 (8 → 40 channels, 32×32, 1×1), conv 1 (40 → 40) reading 0, Add 2 of 0 and 1; 8-bit
 * outputs, so each tensor is 40 · 32 · 32 · 8 = 327 680 bits — one fits sram_64KB (524 288 bits), two do not.
 */
class BoundaryTensorsTest {

    static final Accelerator ACC = new GoldenRuns(RepoPaths.root()).accelerator("meta-prototype-df");
    static final long TENSOR_BITS = 40L * 32 * 32 * 8;
    static final String NETWORK = """
            - id: 0
              operator_type: Conv
              equation: O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]
              dimension_relations: [ix=1*ox+1*fx, iy=1*oy+1*fy]
              loop_dims: [B, K, C, OY, OX, FY, FX]
              loop_sizes: [1, 40, 8, 32, 32, 1, 1]
              operand_precision: {W: 8, I: 8, O: 16, O_final: 8}
              operand_source: {W: 0, I: 0}
            - id: 1
              operator_type: Conv
              equation: O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]
              dimension_relations: [ix=1*ox+1*fx, iy=1*oy+1*fy]
              loop_dims: [B, K, C, OY, OX, FY, FX]
              loop_sizes: [1, 40, 40, 32, 32, 1, 1]
              operand_precision: {W: 8, I: 8, O: 16, O_final: 8}
              operand_source: {W: 1, I: 0}
            - id: 2
              operator_type: Add
              equation: O[b][g][oy][ox]=W[b][g][oy][ox]+I[b][g][oy][ox]
              loop_dims: [B, G, OY, OX]
              loop_sizes: [1, 40, 32, 32]
              operand_precision: {W: 8, I: 8, O: 16, O_final: 8}
              operand_source: {W: 0, I: 1}
            """;

    final Workload workload = WorkloadReader.read("net.yaml", new StringReader(NETWORK)).orThrow();
    final Mapping mapping = MappingReader.read("m.yaml", new StringReader(GeneratedDags.MAPPING), workload, ACC).orThrow();
    final DepthFirstEngine engine = new DepthFirstEngine(workload, ACC, mapping, new SingleLayerCache());

    private ScheduleOutcome layerByLayer(Map<Integer, String> onChip) {
        return engine.evaluate(new Schedule(CutPolicy.LAYER_BY_LAYER, List.of(new io.defines.core.schedule.StackSettings(
                new io.defines.core.schedule.TileSize(32, 32), OverlapStrategy.CACHE, OverlapStrategy.CACHE)), 4, CompatFlags.FIXED, onChip));
    }

    @Test
    void theTensorsAndTheMemoriesThatCanKeepThem() {
        BoundaryTensors t = engine.boundaryTensors();
        assertThat(t.of(0).orElseThrow().bits()).isEqualTo(TENSOR_BITS);
        assertThat(t.of(0).orElseThrow().readers()).containsExactly(1, 2);
        // activation memories holding I1 and O, single instance, at least the tensor's bits; not the weight SRAMs, not DRAM
        assertThat(t.of(0).orElseThrow().memories()).containsExactly("sram_64KB", "sram_1MB_A");
        assertThat(t.of(2)).isEmpty(); // a network output
        assertThat(t.crossing(1)).extracting(BoundaryTensors.Tensor::producerId).containsExactly(0);
        assertThat(t.crossing(2)).extracting(BoundaryTensors.Tensor::producerId).containsExactly(0, 1);
    }

    @Test
    void aTensorKeptOnChipIsNeitherWrittenToNorReadFromTheOffChipMemory() {
        ScheduleResult off = layerByLayer(Map.of()).orThrow();
        ScheduleResult on = layerByLayer(Map.of(1, "sram_1MB_A")).orThrow();
        // one tile per stack: layer 1's output is written once and read once by the Add
        assertThat(off.offChipAccessBits(ACC) - on.offChipAccessBits(ACC)).isEqualTo(2.0 * TENSOR_BITS);
        assertThat(on.energyPj()).isLessThan(off.energyPj());
        assertThat(on.stacks().get(1).onChipPeakBits()).isGreaterThanOrEqualTo(TENSOR_BITS);
        // layer 0's stack does not see it; the Add's stack holds it while it runs
        assertThat(on.stacks().get(0)).isEqualTo(off.stacks().get(0));
        assertThat(on.stacks().get(1).keptOutputs()).isEqualTo(Map.of(1, "sram_1MB_A"));
        assertThat(on.onChipPeakBits()).isGreaterThanOrEqualTo(TENSOR_BITS);
    }

    @Test
    void aTensorPassingAStackTakesItsMemoryWhileThatStackRuns() {
        ScheduleResult on = layerByLayer(Map.of(0, "sram_1MB_A")).orThrow();
        ScheduleResult off = layerByLayer(Map.of()).orThrow();
        // layer 0's output waits on chip through layer 1's stack (for the Add) and is read there too
        assertThat(on.stacks().get(1).onChipPeakBits()).isGreaterThanOrEqualTo(TENSOR_BITS);
        assertThat(on.stacks().get(2).onChipPeakBits()).isGreaterThanOrEqualTo(TENSOR_BITS);
        // written once, read by both readers from chip: 3 tensor transfers saved
        assertThat(off.offChipAccessBits(ACC) - on.offChipAccessBits(ACC)).isEqualTo(3.0 * TENSOR_BITS);
    }

    @Test
    void placementsThatCannotBeKeptAreRefusedWithTheMemoryAndTheBits() {
        assertThat(layerByLayer(Map.of(0, "sram_64KB", 1, "sram_64KB")))
                .isEqualTo(new ScheduleOutcome.Overfull(1, "sram_64KB", 2 * TENSOR_BITS, 524_288));
        assertThat(((ScheduleOutcome.Problem) layerByLayer(Map.of(0, "sram_32KB"))).message())
                .contains("sram_32KB cannot keep layer 0's output (327680 bits)", "[sram_64KB, sram_1MB_A]");
        assertThat(((ScheduleOutcome.Problem) layerByLayer(Map.of(2, "sram_1MB_A"))).message()).contains("network output");
        ScheduleOutcome fused = engine.evaluate(new Schedule(CutPolicy.FUSED, List.of(new io.defines.core.schedule.StackSettings(
                new io.defines.core.schedule.TileSize(8, 8), OverlapStrategy.CACHE, OverlapStrategy.CACHE)), 4, CompatFlags.FIXED,
                Map.of(0, "sram_1MB_A")));
        assertThat(((ScheduleOutcome.Problem) fused).message()).contains("read only inside its own stack");
        ScheduleOutcome compat = engine.evaluate(new Schedule(CutPolicy.LAYER_BY_LAYER, List.of(new io.defines.core.schedule.StackSettings(
                new io.defines.core.schedule.TileSize(8, 8), OverlapStrategy.CACHE, OverlapStrategy.CACHE)), 4, CompatFlags.DEFINES_2023,
                Map.of(0, "sram_1MB_A")));
        assertThat(compat).isInstanceOf(ScheduleOutcome.Unsupported.class);
    }

    @Test
    void aScheduleFileStatesWhereItsBoundaryTensorsLive() {
        String file = """
                lpf_limit: 4
                stacks:
                  - layers: [0]
                    tile: 32x32
                    on_chip: {0: sram_1MB_A}
                  - layers: [1]
                    tile: 32x32
                    on_chip: {1: sram_64KB}
                  - layers: [2]
                    tile: 32x32
                """;
        SchedulePlan plan = ScheduleReader.read("s.yaml", new StringReader(file), workload).orThrow();
        Schedule s = plan.schedule(workload);
        assertThat(s.onChip()).isEqualTo(Map.of(0, "sram_1MB_A", 1, "sram_64KB"));
        ScheduleResult r = engine.evaluate(s).orThrow();
        // written back, read again: the same plan
        SchedulePlan again = ScheduleReader.read("t.yaml", new StringReader(
                io.defines.core.depthfirst.StackResult.plan(r.stacks(), 4, CompatFlags.FIXED).toYaml()), workload).orThrow();
        assertThat(again).isEqualTo(plan);
        String wrong = file.replace("{1: sram_64KB}", "{0: sram_64KB}");
        assertThat(ScheduleReader.read("w.yaml", new StringReader(wrong), workload).diagnostics().toString())
                .contains("w.yaml:8:", "not a layer of this stack");
        String output = file.replace("  - layers: [2]\n    tile: 32x32\n", "  - layers: [2]\n    tile: 32x32\n    on_chip: {2: sram_1MB_A}\n");
        assertThat(ScheduleReader.read("o.yaml", new StringReader(output), workload).diagnostics().toString())
                .contains("o.yaml:11:15:", "layer 2's output is a network output");
        String inside = """
                stacks:
                  - layers: [0, 1]
                    tile: 32x32
                    on_chip: {1: sram_1MB_A}
                  - layers: [2]
                    tile: 32x32
                """;
        assertThat(ScheduleReader.read("i.yaml", new StringReader(inside.replace("{1: sram_1MB_A}", "{0: sram_1MB_A}")), workload)
                .diagnostics().toString()).doesNotContain("read only inside"); // layer 2 reads 0 too: it crosses
        String fused = """
                stacks:
                  - layers: [0, 1, 2]
                    tile: 32x32
                    on_chip: {0: sram_1MB_A}
                """;
        assertThat(ScheduleReader.read("f.yaml", new StringReader(fused), workload).diagnostics().toString())
                .contains("f.yaml:4:", "layer 0's output is read only inside its own stack (by layers [1, 2])");
    }
}
