package io.defines.core.depthfirst;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.RepoPaths;
import io.defines.core.compat.CompatFlags;
import io.defines.core.golden.GoldenRuns;
import io.defines.core.hardware.Accelerator;
import io.defines.core.input.MappingReader;
import io.defines.core.input.WorkloadReader;
import io.defines.core.mapper.SingleLayerCache;
import io.defines.core.mapping.Mapping;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.Schedule;
import io.defines.core.testdomain.GeneratedDags;
import io.defines.core.workload.Workload;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/**
 * The engine never computes an output a layer does not have: a chain of unpadded 3×3 convolutions
 * declared at their input's size (as ZigZag's ResNet-18 is written) reads two rows and columns beyond
 * each producer's map; those reads are clipped to the map, and every layer computes its declared
 * outputs (such chains used to compute several times the network's MACs).
 */
class DeclaredSizesTest {

    /** Three 3×3 convolutions, each declared 16 × 16 on a 16 × 16 producer, no padding. */
    static final String SAME_SIZE_CHAIN = """
            - id: 0
              operator_type: Conv
              equation: O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]
              dimension_relations: [ix=1*ox+1*fx, iy=1*oy+1*fy]
              loop_dims: [B, K, C, OY, OX, FY, FX]
              loop_sizes: [1, 8, 4, 16, 16, 3, 3]
              operand_precision: {W: 8, I: 8, O: 16, O_final: 8}
              operand_source: {W: 0, I: 0}
            - id: 1
              operator_type: Conv
              equation: O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]
              dimension_relations: [ix=1*ox+1*fx, iy=1*oy+1*fy]
              loop_dims: [B, K, C, OY, OX, FY, FX]
              loop_sizes: [1, 8, 8, 16, 16, 3, 3]
              operand_precision: {W: 8, I: 8, O: 16, O_final: 8}
              operand_source: {W: 1, I: 0}
            - id: 2
              operator_type: Conv
              equation: O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]
              dimension_relations: [ix=1*ox+1*fx, iy=1*oy+1*fy]
              loop_dims: [B, K, C, OY, OX, FY, FX]
              loop_sizes: [1, 8, 8, 16, 16, 3, 3]
              operand_precision: {W: 8, I: 8, O: 16, O_final: 8}
              operand_source: {W: 2, I: 1}
            """;

    @Test
    void anUnpaddedSameSizeChainComputesTheDeclaredOutputsOnly() {
        Workload w = WorkloadReader.read("chain.yaml", new StringReader(SAME_SIZE_CHAIN)).orThrow();
        long macs = 16L * 16 * 8 * 9 * (4 + 8 + 8);
        assertThat(w.macCount()).isEqualTo(macs);
        Accelerator acc = new GoldenRuns(RepoPaths.root()).accelerator("meta-prototype-df");
        Mapping m = MappingReader.read("m.yaml", new StringReader(GeneratedDags.MAPPING), w, acc).orThrow();
        DepthFirstEngine engine = new DepthFirstEngine(w, acc, m, new SingleLayerCache());
        // whole map, and fully cached 4 × 4 tiles: every output element once
        for (long[] tile : new long[][] {{16, 16}, {4, 4}}) {
            ScheduleResult cached = engine.evaluate(Schedule.cachingOrRecompute(tile[0], tile[1], true, true, CutPolicy.AUTO, 4,
                    CompatFlags.FIXED)).orThrow();
            assertThat(cached.macCount()).isEqualTo(macs);
        }
        ScheduleResult recompute = engine.evaluate(Schedule.cachingOrRecompute(4, 4, false, false, CutPolicy.AUTO, 4,
                CompatFlags.FIXED)).orThrow();
        assertThat(recompute.macCount()).isGreaterThan(macs);
    }
}
