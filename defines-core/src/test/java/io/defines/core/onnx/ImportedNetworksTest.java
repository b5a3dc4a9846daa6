package io.defines.core.onnx;

import static io.defines.core.onnx.OnnxGraphs.conv;
import static io.defines.core.onnx.OnnxGraphs.input;
import static io.defines.core.onnx.OnnxGraphs.node;
import static io.defines.core.onnx.OnnxGraphs.weight;
import static io.defines.core.onnx.OnnxGraphs.write;
import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import io.defines.core.RepoPaths;
import io.defines.core.compat.CompatFlags;
import io.defines.core.depthfirst.DepthFirstEngine;
import io.defines.core.depthfirst.ScheduleResult;
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
 * A network as PyTorch exports a ResNet: a stem convolution, a stride-2 residual block whose
 * projection shortcut is listed between the two convolutions of the main branch, global pooling and a
 * classifier. Imported and evaluated in DeFiNES' three modes with automatic cuts: every layer in
 * exactly one stack, and fully cached computes the MACs counted here by hand.
 */
class ImportedNetworksTest {

    @TempDir
    Path tmp;

    @Test
    void anInterleavedResidualNetworkEvaluatesEveryLayerOnce() {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 8, 16, 16))
                .addInitializer(weight("w0", 16, 8, 3, 3)).addInitializer(weight("wa", 32, 16, 3, 3))
                .addInitializer(weight("ws", 32, 16, 1, 1)).addInitializer(weight("wb", 32, 32, 3, 3))
                .addInitializer(weight("wfc", 10, 32)).addInitializer(weight("bfc", 10))
                .addNode(conv("stem", "s", "x", "w0", 2, 1))           // 16 × 8 × 8
                .addNode(conv("a", "a", "s", "wa", 2, 1))              // 32 × 4 × 4
                .addNode(conv("shortcut", "sc", "s", "ws", 2, 0))      // 32 × 4 × 4, listed before b
                .addNode(conv("b", "b", "a", "wb", 1, 1))              // 32 × 4 × 4
                .addNode(node("Add", "add", "y", "sc", "b"))
                .addNode(node("GlobalAveragePool", "gap", "p", "y"))
                .addNode(node("Flatten", "flat", "f", "p"))
                .addNode(node("Gemm", "fc", "z", "f", "wfc", "bfc").toBuilder().addAttribute(OnnxGraphs.integer("transB", 1)).build());
        Workload w = OnnxImporter.read(write(tmp, "resnet-like.onnx", g), OnnxOptions.DEFAULT).orThrow();
        long macs = 8L * 8 * 16 * 8 * 9      // stem
                + 4L * 4 * 32 * 16 * 9         // a
                + 4L * 4 * 32 * 16             // shortcut
                + 4L * 4 * 32 * 32 * 9         // b
                + 32L * 4 * 4                  // add
                + 32L * 4 * 4                  // global pool
                + 10L * 32;                    // classifier
        assertThat(w.macCount()).isEqualTo(macs);
        Accelerator acc = new GoldenRuns(RepoPaths.root()).accelerator("meta-prototype-df");
        Mapping m = MappingReader.read(RepoPaths.root().resolve("hardware/mappings/meta-prototype/by-operator-type.yaml"), w, acc).orThrow();
        DepthFirstEngine engine = new DepthFirstEngine(w, acc, m, new SingleLayerCache());
        List<Integer> layers = w.layers().stream().map(Layer::id).sorted().toList();
        for (String mode : List.of("fully-recompute", "h-cached-v-recompute", "fully-cached")) {
            OverlapPair p = OverlapPair.parse(mode);
            for (CutPolicy cuts : List.of(CutPolicy.AUTO, CutPolicy.LAYER_BY_LAYER)) {
                ScheduleResult r = engine.evaluate(Schedule.uniform(2, 2, p.horizontal(), p.vertical(), cuts, 4, CompatFlags.FIXED))
                        .orThrow();
                assertThat(r.stacks().stream().flatMap(s -> s.layerIds().stream()).sorted().toList()).as(mode).isEqualTo(layers);
                if (mode.equals("fully-cached")) {
                    assertThat(r.macCount()).as(mode + " " + cuts.text()).isEqualTo(macs);
                } else {
                    assertThat(r.macCount()).as(mode + " " + cuts.text()).isGreaterThanOrEqualTo(macs);
                }
            }
        }
    }
}
