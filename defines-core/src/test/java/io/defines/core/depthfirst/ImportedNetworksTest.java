package io.defines.core.depthfirst;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.RepoPaths;
import io.defines.core.compat.CompatFlags;
import io.defines.core.golden.GoldenRuns;
import io.defines.core.hardware.Accelerator;
import io.defines.core.input.MappingReader;
import io.defines.core.load.Inputs;
import io.defines.core.mapper.SingleLayerCache;
import io.defines.core.mapping.Mapping;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.OverlapPair;
import io.defines.core.schedule.Schedule;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Workload;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Networks as PyTorch exports them (ResNet-18 with projection shortcuts whose branches interleave in
 * the topological order; MobileNetV2 with inverted residuals), imported from ONNX and evaluated in
 * DeFiNES' three modes with automatic cuts: every layer in exactly one stack, and fully cached
 * computes every output element once.
 */
class ImportedNetworksTest {

    @ParameterizedTest
    @ValueSource(strings = {"resnet18", "mobilenetv2"})
    void everyLayerOnceAndFullyCachedComputesTheNetworksMacs(String network) {
        Workload w = Inputs.readWorkload(RepoPaths.resource("zigzag-inputs/workload/" + network + ".onnx")).orThrow();
        Accelerator acc = new GoldenRuns(RepoPaths.root()).accelerator("meta-prototype-df");
        Mapping m = MappingReader.read(RepoPaths.root().resolve("hardware/mappings/meta-prototype/by-operator-type.yaml"), w, acc).orThrow();
        DepthFirstEngine engine = new DepthFirstEngine(w, acc, m, new SingleLayerCache());
        List<Integer> layers = w.layers().stream().map(Layer::id).sorted().toList();
        for (String mode : List.of("fully-recompute", "h-cached-v-recompute", "fully-cached")) {
            OverlapPair p = OverlapPair.parse(mode);
            ScheduleResult r = engine.evaluate(Schedule.uniform(8, 8, p.horizontal(), p.vertical(), CutPolicy.AUTO, 4, CompatFlags.FIXED))
                    .orThrow();
            assertThat(r.stacks().stream().flatMap(s -> s.layerIds().stream()).sorted().toList()).as(mode).isEqualTo(layers);
            if (mode.equals("fully-cached")) {
                assertThat(r.macCount()).as(mode).isEqualTo(w.macCount());
            } else {
                assertThat(r.macCount()).as(mode).isGreaterThanOrEqualTo(w.macCount());
            }
        }
    }
}
