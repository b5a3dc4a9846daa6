package io.defines.core.depthfirst;

import io.defines.core.RepoPaths;
import io.defines.core.compat.CompatFlags;
import io.defines.core.hardware.Accelerator;
import io.defines.core.input.AcceleratorReader;
import io.defines.core.input.MappingReader;
import io.defines.core.load.Inputs;
import io.defines.core.mapper.SingleLayerCache;
import io.defines.core.mapping.Mapping;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.Schedule;
import io.defines.core.workload.Workload;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inputs that are not DeFiNES': ZigZag's own ResNet-18 (padded convolutions written without padding,
 * a projection shortcut, adds with one input linked to I2) on its meta_prototype, whose activation
 * buffer holds no outputs. DeFiNES crashes on such inputs (§9.18, §13 C20); the engine must not.
 */
class ForeignInputsTest {

    enum Mode { RECOMPUTE, H_CACHED, FULLY_CACHED }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void zigzagResNet18Evaluates(Mode mode) {
        Workload w = Inputs.readWorkload(RepoPaths.resource("zigzag-inputs/workload/resnet18.yaml")).orThrow();
        Accelerator a = AcceleratorReader.read(RepoPaths.resource("zigzag-inputs/hardware/meta_prototype.yaml")).orThrow();
        Mapping m = MappingReader.read(RepoPaths.resource("zigzag-inputs/mapping/meta_prototype_like.yaml"), w, a).orThrow();
        ScheduleResult r = new DepthFirstEngine(w, a, m, new SingleLayerCache()).evaluate(Schedule.cachingOrRecompute(
                14, 14, mode != Mode.RECOMPUTE, mode == Mode.FULLY_CACHED, CutPolicy.FUSED, 4, CompatFlags.FIXED)).orThrow();
        assertThat(r.energyPj()).isPositive();
        assertThat(r.latencyCycles()).isPositive();
        assertThat(r.macCount()).isGreaterThan(0);
        assertThat(r.perKey()).containsKey("LayerNode_29");
    }

    /**
     * DeFiNES' automatic cuts on ZigZag's ResNet-18, whose topological order interleaves the branches of
     * its projection blocks: every layer in exactly one stack by default; DeFiNES' own stack rule (kept
     * in compat mode) computes layer 15 in two stacks.
     */
    @Test
    void automaticCutsComputeEveryLayerOnce() {
        Workload w = zigzagResNet18();
        DepthFirstEngine engine = zigzagResNet18Engine(w);
        ScheduleResult r = engine.evaluate(Schedule.cachingOrRecompute(14, 14, true, true, CutPolicy.AUTO, 4, CompatFlags.FIXED)).orThrow();
        List<Integer> ids = r.stacks().stream().flatMap(st -> st.layerIds().stream()).sorted().toList();
        assertThat(ids).isEqualTo(w.layers().stream().map(l -> l.id()).sorted().toList());
        // DeFiNES' own stack rule, reproduced in compat mode, computes layer 15 in two stacks
        ScheduleResult compat = engine.evaluate(Schedule.cachingOrRecompute(14, 14, true, true, CutPolicy.AUTO, 4,
                CompatFlags.DEFINES_2023)).orThrow();
        assertThat(compat.stacks().stream().filter(st -> st.layerIds().contains(15)).count()).isEqualTo(2);
    }

    /** ZigZag's own ResNet-18 (unpadded, interleaved projection branches). */
    static Workload zigzagResNet18() {
        return Inputs.readWorkload(RepoPaths.resource("zigzag-inputs/workload/resnet18.yaml")).orThrow();
    }

    /** An engine for {@code w} on ZigZag's meta-prototype with its meta-prototype-like mapping. */
    static DepthFirstEngine zigzagResNet18Engine(Workload w) {
        Accelerator a = AcceleratorReader.read(RepoPaths.resource("zigzag-inputs/hardware/meta_prototype.yaml")).orThrow();
        Mapping m = MappingReader.read(RepoPaths.resource("zigzag-inputs/mapping/meta_prototype_like.yaml"), w, a).orThrow();
        return new DepthFirstEngine(w, a, m, new SingleLayerCache());
    }
}
