package io.defines.core.onnx;

import static io.defines.core.onnx.OnnxGraphs.input;
import static io.defines.core.onnx.OnnxGraphs.ints;
import static io.defines.core.onnx.OnnxGraphs.node;
import static io.defines.core.onnx.OnnxGraphs.weight;
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
 * ResNet-50's building block as torchvision exports it: a bottleneck with a projection shortcut
 * (1×1 reduce, 3×3 stride 2, 1×1 expand ×4; a 1×1 stride-2 projection; Add; ReLU) followed by an
 * identity bottleneck, with batch normalisations fused. MACs and tensor sizes are computed here from
 * the architecture; the imported block evaluates in DeFiNES' three modes with every layer once.
 */
class BottleneckTest {

    @TempDir
    Path tmp;

    private static OnnxMl.NodeProto conv(String out, String in, String w, long k, long stride, long pad) {
        return node("Conv", out, out, in, w).toBuilder().addAttribute(ints("kernel_shape", k, k)).addAttribute(ints("strides", stride, stride))
                .addAttribute(ints("pads", pad, pad, pad, pad)).build();
    }

    @Test
    void twoBottlenecksImportAndEvaluateWithExactMacs() {
        // input 256 × 28 × 28 (the end of ResNet-50's first stage at 112² input); width 64 → 128, expansion 4
        long c = 256;
        long h = 28;
        long mid = 128;
        long out = 512;
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, c, h, h))
                .addInitializer(weight("w1", mid, c, 1, 1)).addInitializer(weight("w2", mid, mid, 3, 3))
                .addInitializer(weight("w3", out, mid, 1, 1)).addInitializer(weight("wp", out, c, 1, 1))
                .addInitializer(weight("v1", mid, out, 1, 1)).addInitializer(weight("v2", mid, mid, 3, 3))
                .addInitializer(weight("v3", out, mid, 1, 1));
        for (String bn : List.of("s1", "s2", "s3", "sp", "t1", "t2", "t3")) {
            g.addInitializer(weight(bn + "_scale", bn.endsWith("3") || bn.equals("sp") ? out : mid));
        }
        g.addNode(conv("a1", "x", "w1", 1, 1, 0)).addNode(node("BatchNormalization", "b1", "a1n", "a1", "s1_scale"))
                .addNode(node("Relu", "r1", "a1r", "a1n"))
                .addNode(conv("a2", "a1r", "w2", 3, 2, 1)).addNode(node("BatchNormalization", "b2", "a2n", "a2", "s2_scale"))
                .addNode(node("Relu", "r2", "a2r", "a2n"))
                .addNode(conv("a3", "a2r", "w3", 1, 1, 0)).addNode(node("BatchNormalization", "b3", "a3n", "a3", "s3_scale"))
                .addNode(conv("p", "x", "wp", 1, 2, 0)).addNode(node("BatchNormalization", "bp", "pn", "p", "sp_scale"))
                .addNode(node("Add", "add1", "y1", "pn", "a3n")).addNode(node("Relu", "r3", "y1r", "y1"))
                .addNode(conv("c1", "y1r", "v1", 1, 1, 0)).addNode(node("BatchNormalization", "d1", "c1n", "c1", "t1_scale"))
                .addNode(node("Relu", "q1", "c1r", "c1n"))
                .addNode(conv("c2", "c1r", "v2", 3, 1, 1)).addNode(node("BatchNormalization", "d2", "c2n", "c2", "t2_scale"))
                .addNode(node("Relu", "q2", "c2r", "c2n"))
                .addNode(conv("c3", "c2r", "v3", 1, 1, 0)).addNode(node("BatchNormalization", "d3", "c3n", "c3", "t3_scale"))
                .addNode(node("Add", "add2", "y2", "y1r", "c3n")).addNode(node("Relu", "q3", "y", "y2"));
        Workload w = OnnxImporter.read(OnnxGraphs.write(tmp, "bottlenecks.onnx", g), OnnxOptions.DEFAULT).orThrow();
        long s = h / 2; // 14: the 3×3 stride-2 conv with pad 1 and the stride-2 projection
        long macs = h * h * mid * c           // reduce 1×1 at 28²
                + s * s * mid * mid * 9        // 3×3 / 2
                + s * s * out * mid            // expand 1×1
                + s * s * out * c              // projection 1×1 / 2
                + s * s * out                  // add
                + s * s * mid * out            // second block: reduce
                + s * s * mid * mid * 9        // 3×3
                + s * s * out * mid            // expand
                + s * s * out;                 // add
        assertThat(w.layers()).hasSize(9);
        assertThat(w.macCount()).isEqualTo(macs);
        // the 3×3 / 2 reads its 28 × 28 input exactly: the end padding no window reaches is not written
        Layer strided = w.layers().stream().filter(l -> l.loopSizes().getOrDefault("FX", 1L) == 3 && l.loopSize("OX") == s).findFirst().orElseThrow();
        assertThat(strided.tensorDims("I")).containsEntry("IX", h).containsEntry("IY", h);
        Accelerator acc = new GoldenRuns(RepoPaths.root()).accelerator("meta-prototype-df");
        Mapping m = MappingReader.read(RepoPaths.root().resolve("hardware/mappings/meta-prototype/by-operator-type.yaml"), w, acc).orThrow();
        DepthFirstEngine engine = new DepthFirstEngine(w, acc, m, new SingleLayerCache());
        List<Integer> layers = w.layers().stream().map(Layer::id).sorted().toList();
        for (String mode : List.of("fully-recompute", "h-cached-v-recompute", "fully-cached")) {
            for (CutPolicy cuts : List.of(CutPolicy.AUTO, CutPolicy.FUSED, new CutPolicy.After(List.of(layers.get(1))))) {
                OverlapPair p = OverlapPair.parse(mode);
                ScheduleResult r = engine.evaluate(Schedule.uniform(4, 4, p.horizontal(), p.vertical(), cuts, 4, CompatFlags.FIXED)).orThrow();
                assertThat(r.stacks().stream().flatMap(st -> st.layerIds().stream()).sorted().toList()).as(mode + " " + cuts.text())
                        .isEqualTo(layers);
                if (mode.equals("fully-cached")) {
                    assertThat(r.macCount()).as(mode + " " + cuts.text()).isEqualTo(macs);
                } else {
                    assertThat(r.macCount()).as(mode + " " + cuts.text()).isGreaterThanOrEqualTo(macs);
                }
            }
        }
    }
}
