package io.defines.core.onnx;

import static io.defines.core.onnx.OnnxGraphs.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.RepoPaths;
import io.defines.core.compat.CompatFlags;
import io.defines.core.depthfirst.DepthFirstEngine;
import io.defines.core.depthfirst.ScheduleOutcome;
import io.defines.core.depthfirst.ScheduleResult;
import io.defines.core.depthfirst.StackResult;
import io.defines.core.golden.GoldenRuns;
import io.defines.core.hardware.Accelerator;
import io.defines.core.input.MappingReader;
import io.defines.core.mapper.SingleLayerCache;
import io.defines.core.mapping.Mapping;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.OverlapPair;
import io.defines.core.schedule.Schedule;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Workload;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ResNet-18, MobileNetV2 and a two-head network, built as PyTorch exports them and imported, evaluate
 * in DeFiNES' three modes (fully recompute, horizontally cached, fully cached) with every layer in
 * exactly one stack; fully cached computes exactly the MACs counted while building the graph (every
 * output element of these networks is used), and recomputing never computes fewer.
 */
class ZooNetworksTest {

    private static final List<String> MODES = List.of("fully-recompute", "h-cached-v-recompute", "fully-cached");

    @TempDir
    Path tmp;

    @Test
    void resnet18() {
        check("resnet18", ZooNetworks.resnet18(224), 8, List.of(CutPolicy.AUTO));
    }

    @Test
    void mobilenetV2() {
        check("mobilenet-v2", ZooNetworks.mobilenetV2(224), 4, List.of(CutPolicy.AUTO));
    }

    @Test
    void twoHeads() {
        List<Integer> stacks = check("two-heads", ZooNetworks.twoHeads(64), 4, List.of(CutPolicy.AUTO, CutPolicy.FUSED,
                CutPolicy.LAYER_BY_LAYER));
        assertThat(stacks).contains(1); // fused: both heads are outputs of the one stack
    }

    @Test
    void squeezenetsFireModules() {
        check("squeezenet-1.1", ZooNetworks.squeezenet11(96), 4, List.of(CutPolicy.AUTO, CutPolicy.LAYER_BY_LAYER));
    }

    @Test
    void inceptionModules() {
        check("inception-3a-3b", ZooNetworks.inception(14), 4, List.of(CutPolicy.AUTO, CutPolicy.FUSED, CutPolicy.LAYER_BY_LAYER));
    }

    @Test
    void aDenseBlock() {
        check("dense-block", ZooNetworks.denseBlock(64), 4, List.of(CutPolicy.AUTO, CutPolicy.FUSED, CutPolicy.LAYER_BY_LAYER));
    }

    @Test
    void shufflenetV1UnitsWithGroupedConvolutionsAndAChannelShuffle() {
        check("shufflenet-v1", ZooNetworks.shufflenetV1Units(32, 4), 4, List.of(CutPolicy.AUTO, CutPolicy.FUSED, CutPolicy.LAYER_BY_LAYER));
    }

    @Test
    void shufflenetV2UnitsWithAChannelSplit() {
        check("shufflenet-v2", ZooNetworks.shufflenetV2Units(32), 4, List.of(CutPolicy.AUTO, CutPolicy.FUSED, CutPolicy.LAYER_BY_LAYER));
    }

    @Test
    void aFeaturePyramidWithUpsampling() {
        check("feature-pyramid", ZooNetworks.featurePyramid(64), 4, List.of(CutPolicy.AUTO, CutPolicy.FUSED, CutPolicy.LAYER_BY_LAYER));
        check("feature-pyramid-odd-tile", ZooNetworks.featurePyramid(48), 3, List.of(CutPolicy.FUSED));
        check("feature-pyramid-linear", ZooNetworks.featurePyramid(64, "linear"), 4, List.of(CutPolicy.AUTO, CutPolicy.FUSED, CutPolicy.LAYER_BY_LAYER));
        check("feature-pyramid-linear-odd-tile", ZooNetworks.featurePyramid(48, "linear"), 3, List.of(CutPolicy.FUSED));
    }

    /** Evaluates every mode × cut policy; returns the stack counts seen. */
    private List<Integer> check(String name, ZooNetworks.Net net, long tile, List<CutPolicy> cutPolicies) {
        Workload w = OnnxImporter.read(write(tmp, name + ".onnx", net.graph()), OnnxOptions.DEFAULT).orThrow();
        assertThat(w.macCount()).as(name).isEqualTo(net.macs());
        if (net.outputElements() >= 0) {
            // every layer's output tensor as the builder sized it: concatenations, groups and upsampled reads write nothing more
            assertThat(w.layers().stream().mapToLong(Layer::outputElements).sum()).as(name + " output elements").isEqualTo(net.outputElements());
        }
        Accelerator acc = new GoldenRuns(RepoPaths.root()).accelerator("meta-prototype-df");
        Mapping m = MappingReader.read(RepoPaths.root().resolve("hardware/mappings/meta-prototype/by-operator-type.yaml"), w, acc).orThrow();
        DepthFirstEngine engine = new DepthFirstEngine(w, acc, m, new SingleLayerCache());
        List<Integer> layers = w.layers().stream().map(Layer::id).sorted().toList();
        List<Integer> stackCounts = new java.util.ArrayList<>();
        for (CutPolicy cuts : cutPolicies) {
            for (String mode : MODES) {
                OverlapPair p = OverlapPair.parse(mode);
                ScheduleOutcome o = engine.evaluate(Schedule.uniform(tile, tile, p.horizontal(), p.vertical(), cuts, 4, CompatFlags.FIXED));
                assertThat(o).as(name + " " + mode + " " + cuts.text() + (o instanceof ScheduleOutcome.Problem pr ? ": " + pr.message() : ""))
                        .isInstanceOf(ScheduleOutcome.Feasible.class);
                ScheduleResult r = o.orThrow();
                assertThat(r.stacks().stream().flatMap(s -> s.layerIds().stream()).sorted().toList()).as(name + " " + mode).isEqualTo(layers);
                assertThat(r.stacks()).extracting(StackResult::layerIds).allSatisfy(ids -> assertThat(ids).isNotEmpty());
                if (mode.equals("fully-cached")) {
                    assertThat(r.macCount()).as(name + " " + mode + " " + cuts.text()).isEqualTo(net.macs());
                } else {
                    assertThat(r.macCount()).as(name + " " + mode + " " + cuts.text()).isGreaterThanOrEqualTo(net.macs());
                }
                stackCounts.add(r.stacks().size());
            }
        }
        return stackCounts;
    }
}
