package io.defines.core.depthfirst;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.RepoPaths;
import io.defines.core.compat.CompatFlags;
import io.defines.core.hardware.Accelerator;
import io.defines.core.input.AcceleratorReader;
import io.defines.core.input.MappingReader;
import io.defines.core.input.WorkloadReader;
import io.defines.core.testdomain.ZigZagStyleResNet18;
import java.io.StringReader;
import io.defines.core.mapper.SingleLayerCache;
import io.defines.core.mapping.Mapping;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.Schedule;
import io.defines.core.workload.Workload;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Inputs that are not DeFiNES': a ResNet-18 written as ZigZag's examples are (padded convolutions
 * written without padding, projection shortcuts, adds with one input linked to I2) on meta-prototype,
 * whose activation buffer holds no outputs. DeFiNES crashes on such inputs (§9.18, §13 C20); the
 * engine must not.
 */
class ForeignInputsTest {

    enum Mode { RECOMPUTE, H_CACHED, FULLY_CACHED }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void zigzagResNet18Evaluates(Mode mode) {
        Workload w = WorkloadReader.read("resnet18.yaml", new StringReader(ZigZagStyleResNet18.build().text())).orThrow();
        Accelerator a = AcceleratorReader.read(RepoPaths.root().resolve("hardware/meta-prototype.yaml")).orThrow();
        Mapping m = MappingReader.read("m.yaml", new StringReader(ZigZagStyleResNet18.META_PROTOTYPE_MAPPING), w, a).orThrow();
        ScheduleResult r = new DepthFirstEngine(w, a, m, new SingleLayerCache()).evaluate(Schedule.cachingOrRecompute(
                14, 14, mode != Mode.RECOMPUTE, mode == Mode.FULLY_CACHED, CutPolicy.AUTO, 4, CompatFlags.FIXED)).orThrow();
        assertThat(r.energyPj()).isPositive();
        assertThat(r.latencyCycles()).isPositive();
        assertThat(r.macCount()).isGreaterThanOrEqualTo(w.macCount());
        assertThat(r.perKey()).containsKey("LayerNode_29");
    }
}
