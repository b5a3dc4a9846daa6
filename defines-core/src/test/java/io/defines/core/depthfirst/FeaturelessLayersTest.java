package io.defines.core.depthfirst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.defines.core.RepoPaths;
import io.defines.core.compat.CompatFlags;
import io.defines.core.golden.GoldenRuns;
import io.defines.core.hardware.Accelerator;
import io.defines.core.input.MappingReader;
import io.defines.core.input.WorkloadReader;
import io.defines.core.mapper.SingleLayerCache;
import io.defines.core.mapping.Mapping;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.OverlapPair;
import io.defines.core.schedule.Schedule;
import io.defines.core.testdomain.ZigZagStyleResNet18;
import io.defines.core.workload.Workload;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Layers without a feature map (fully connected, Gemm) evaluate: the stack is one tile whatever tile
 * size is asked for, and every MAC is counted once (they used to end in "no input tensor dim covers OX").
 */
class FeaturelessLayersTest {

    /** A two-layer MLP, batch 4: 128 → 64 → 10; 4·64·128 + 4·10·64 = 35 328 MACs. */
    static final String MLP = """
            - id: 0
              name: fc0
              operator_type: Gemm
              equation: O[b][k]+=W[k][c]*I[b][c]
              loop_dims: [B, K, C]
              loop_sizes: [4, 64, 128]
              operand_precision: {W: 8, I: 8, O: 16, O_final: 8}
              operand_source: {W: 0, I: 0}
            - id: 1
              name: fc1
              operator_type: Gemm
              equation: O[b][k]+=W[k][c]*I[b][c]
              loop_dims: [B, K, C]
              loop_sizes: [4, 10, 64]
              operand_precision: {W: 8, I: 8, O: 16, O_final: 8}
              operand_source: {W: 1, I: 0}
            """;

    @Test
    void anMlpEvaluatesInEveryModeWithExactMacs() {
        Workload w = WorkloadReader.read("mlp.yaml", new StringReader(MLP)).orThrow();
        assertThat(w.macCount()).isEqualTo(4L * 64 * 128 + 4L * 10 * 64);
        Accelerator acc = new GoldenRuns(RepoPaths.root()).accelerator("meta-prototype-df");
        Mapping m = MappingReader.read(RepoPaths.root().resolve("hardware/mappings/meta-prototype/by-operator-type.yaml"), w, acc).orThrow();
        DepthFirstEngine engine = new DepthFirstEngine(w, acc, m, new SingleLayerCache());
        for (String overlap : List.of("fully-recompute", "h-cached-v-recompute", "fully-cached", "h=global,v=global")) {
            OverlapPair p = OverlapPair.parse(overlap);
            for (long tile : new long[] {1, 60}) {
                ScheduleResult r = engine.evaluate(Schedule.uniform(tile, tile, p.horizontal(), p.vertical(), CutPolicy.AUTO, 4,
                        CompatFlags.FIXED)).orThrow();
                assertThat(r.macCount()).as(overlap).isEqualTo(w.macCount());
                assertThat(r.stacks()).extracting(StackResult::layerIds).containsExactly(List.of(0, 1));
                double perMemory = r.energyPerMemoryPj(acc).values().stream().mapToDouble(Double::doubleValue).sum();
                assertThat(perMemory + r.macEnergyPj()).isCloseTo(r.energyPj(), within(1e-9 * r.energyPj()));
                LatencyBreakdown lb = r.latencyBreakdown(acc);
                assertThat(lb.compute() + lb.control() + lb.stalls() + lb.onloading() + lb.dataCopies() + lb.exposedTransfers()).isEqualTo(r.latencyCycles());
            }
        }
    }

    @Test
    void aGemmInZigZagsNotationEvaluates() {
        Workload w = WorkloadReader.read("gemm.yaml", new StringReader(ZigZagStyleResNet18.GEMM)).orThrow();
        Accelerator acc = new GoldenRuns(RepoPaths.root()).accelerator("meta-prototype-df");
        Mapping m = MappingReader.read("m.yaml", new StringReader("""
                - name: default
                  spatial_mapping:
                    D1: ["D1, 32"]
                    D2: ["D2, 2"]
                  memory_operand_links: {O: O, W: I2, I: I1}
                """), w, acc).orThrow();
        ScheduleResult r = new DepthFirstEngine(w, acc, m, new SingleLayerCache()).evaluate(Schedule.cachingOrRecompute(8, 8, true, true,
                CutPolicy.AUTO, 4, CompatFlags.FIXED)).orThrow();
        assertThat(r.macCount()).isEqualTo(128L * 128 * 128);
    }
}
