package io.defines.core.onnx;

import static io.defines.core.onnx.OnnxGraphs.input;
import static io.defines.core.onnx.OnnxGraphs.integer;
import static io.defines.core.onnx.OnnxGraphs.ints;
import static io.defines.core.onnx.OnnxGraphs.node;
import static io.defines.core.onnx.OnnxGraphs.weight;
import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import io.defines.core.input.Diagnostic;
import io.defines.core.input.Parsed;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Workload;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shape arithmetic folded to constants: PyTorch's {@code x.view(x.size(0), -1)} exports as Shape →
 * Gather → Unsqueeze → Concat (with a constant −1) → Reshape; it must import exactly like a Flatten.
 * Concat and Gather of feature maps stay refused.
 */
class ShapeArithmeticTest {

    @TempDir
    Path tmp;

    private static OnnxMl.TensorProto int64(long... v) {
        OnnxMl.TensorProto.Builder b = OnnxMl.TensorProto.newBuilder().setDataType(OnnxMl.TensorProto.DataType.INT64_VALUE);
        if (v.length != 1) {
            b.addDims(v.length);
        }
        for (long x : v) {
            b.addInt64Data(x);
        }
        return b.build();
    }

    /** conv 3×3 (16 → 32, pad 1) on 8 × 8, then the classifier 32·8·8 → 10 after {@code flatten}. */
    private static OnnxMl.GraphProto.Builder net(boolean viewPattern) {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 16, 8, 8))
                .addInitializer(weight("w", 32, 16, 3, 3)).addInitializer(weight("wfc", 10, 32 * 8 * 8)).addInitializer(weight("bfc", 10))
                .addNode(node("Conv", "conv", "c", "x", "w").toBuilder().addAttribute(ints("pads", 1, 1, 1, 1)).build())
                .addNode(node("Relu", "relu", "r", "c"));
        if (viewPattern) {
            g.addInitializer(int64(0).toBuilder().setName("zero").build()).addInitializer(int64(-1).toBuilder().clearDims().addDims(1).setName("minus1").build())
                    .addNode(node("Shape", "shape", "s", "r"))
                    .addNode(node("Gather", "gather", "n", "s", "zero").toBuilder().addAttribute(integer("axis", 0)).build())
                    .addNode(node("Unsqueeze", "unsq", "n1", "n").toBuilder().addAttribute(ints("axes", 0)).build())
                    .addNode(node("Concat", "cat", "target", "n1", "minus1").toBuilder().addAttribute(integer("axis", 0)).build())
                    .addNode(node("Reshape", "view", "f", "r", "target"));
        } else {
            g.addNode(node("Flatten", "flat", "f", "r"));
        }
        return g.addNode(node("Gemm", "fc", "y", "f", "wfc", "bfc").toBuilder().addAttribute(integer("transB", 1)).build());
    }

    @Test
    void theViewPatternImportsLikeAFlatten() {
        Parsed<Workload> view = OnnxImporter.read(OnnxGraphs.write(tmp, "view.onnx", net(true)), OnnxOptions.DEFAULT);
        assertThat(view.diagnostics()).isEmpty();
        Workload flat = OnnxImporter.read(OnnxGraphs.write(tmp, "flat.onnx", net(false)), OnnxOptions.DEFAULT).orThrow();
        assertThat(view.value().macCount()).isEqualTo(flat.macCount()).isEqualTo(8L * 8 * 32 * 16 * 9 + 10L * 32 * 8 * 8);
        assertThat(view.value().layers()).extracting(Layer::loopSizes).isEqualTo(flat.layers().stream().map(Layer::loopSizes).toList());
    }

    @Test
    void aGatherOfAFeatureMapIsRefusedWithTheReason() {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 16, 8, 8))
                .addInitializer(weight("w", 32, 16, 3, 3))
                .addInitializer(OnnxMl.TensorProto.newBuilder().setName("idx").setDataType(OnnxMl.TensorProto.DataType.INT64_VALUE).addDims(2)
                        .addInt64Data(0).addInt64Data(3).build())
                .addNode(node("Conv", "a", "a", "x", "w").toBuilder().addAttribute(ints("pads", 1, 1, 1, 1)).build())
                .addNode(node("Gather", "pick", "c", "a", "idx").toBuilder().addAttribute(integer("axis", 2)).build()); // rows 0 and 3
        Parsed<Workload> p = OnnxImporter.read(OnnxGraphs.write(tmp, "gather.onnx", g), OnnxOptions.DEFAULT);
        assertThat(p.errors()).singleElement().satisfies(d -> {
            assertThat(d.render()).contains("/graph/node/1: Gather 'pick' (node 2)").contains("only Gathers of a feature map's channels are modelled")
                    .contains("Maybe");
        });
        assertThat(p.diagnostics()).extracting(Diagnostic::isError).containsOnly(true);
        assertThat(List.of(p.ok())).containsExactly(false);
    }
}
