package io.defines.core.depthfirst;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.compat.CompatFlags;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.Schedule;
import io.defines.core.workload.Workload;
import org.junit.jupiter.api.Test;

/**
 * The engine never computes an output a layer does not have: ZigZag's ResNet-18 declares its 3×3
 * convolutions unpadded at their input's size, so each reads two rows and columns beyond its
 * producer's map; those reads are clipped to the map, and every layer computes its declared outputs
 * (it used to compute 5.6× the network's MACs).
 */
class DeclaredSizesTest {

    @Test
    void anUnpaddedSameSizeChainComputesTheDeclaredOutputsOnly() {
        Workload w = ForeignInputsTest.zigzagResNet18();
        DepthFirstEngine engine = ForeignInputsTest.zigzagResNet18Engine(w);
        // whole map, and fully cached 14 × 14 tiles: every output element once
        ScheduleResult whole = engine.evaluate(Schedule.cachingOrRecompute(4000, 4000, false, false, CutPolicy.AUTO, 4,
                CompatFlags.FIXED)).orThrow();
        assertThat(whole.macCount()).isEqualTo(w.macCount());
        ScheduleResult cached = engine.evaluate(Schedule.cachingOrRecompute(14, 14, true, true, CutPolicy.AUTO, 4,
                CompatFlags.FIXED)).orThrow();
        assertThat(cached.macCount()).isEqualTo(w.macCount());
        ScheduleResult recompute = engine.evaluate(Schedule.cachingOrRecompute(14, 14, false, false, CutPolicy.AUTO, 4,
                CompatFlags.FIXED)).orThrow();
        assertThat(recompute.macCount()).isGreaterThan(w.macCount());
    }
}
