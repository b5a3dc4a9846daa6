package io.defines.core.onnx;

import static io.defines.core.onnx.OnnxGraphs.input;
import static io.defines.core.onnx.OnnxGraphs.node;
import static io.defines.core.onnx.OnnxGraphs.weight;
import static io.defines.core.onnx.OnnxGraphs.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.onnx.proto.OnnxMl;
import io.defines.core.input.Diagnostic;
import io.defines.core.input.Parsed;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Padding;
import io.defines.core.workload.Workload;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The importer hands layer DTOs to the workload checks, not YAML text: what those checks find in an
 * imported graph is reported at the ONNX node ({@code FILE:N:1: /graph/node/N-1}).
 */
class OnnxLayerChecksTest {

    @TempDir
    Path tmp;

    static OnnxMl.GraphProto.Builder twoConvs(String name1, String name2) {
        return OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 3, 8, 8))
                .addInitializer(weight("w1", 8, 3, 3, 3)).addInitializer(weight("w2", 8, 8, 1, 1))
                .addNode(node("Conv", name1, "y", "x", "w1"))
                .addNode(node("Relu", "r", "y2", "y"))
                .addNode(node("Conv", name2, "z", "y2", "w2"));
    }

    @Test
    void aRepeatedLayerNameIsReportedAtTheSecondNode() {
        Path p = write(tmp, "twice.onnx", twoConvs("c", "c"));
        Parsed<Workload> w = OnnxImporter.read(p, OnnxOptions.DEFAULT);
        assertThat(w.ok()).isFalse();
        assertThat(w.diagnostics()).extracting(Diagnostic::render).containsExactly(p + ":3:1: /graph/node/2: layer name 'c' is used twice"
                + " (first at line 1); mapping entries match layers by name" + System.lineSeparator() + "  Maybe give every layer a unique name");
    }

    @Test
    void aKernelLargerThanItsInputIsReportedAtItsNode() {
        Path p = write(tmp, "small.onnx", OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 3, 2, 2))
                .addInitializer(weight("w", 8, 3, 3, 3)).addNode(node("Conv", "big", "y", "x", "w")));
        List<Diagnostic> errors = OnnxImporter.read(p, OnnxOptions.DEFAULT).errors();
        assertThat(errors).extracting(Diagnostic::file, Diagnostic::line, Diagnostic::column, Diagnostic::pointer)
                .containsOnly(tuple(p.toString(), 1, 1, "/graph/node/0"));
        assertThat(errors).extracting(Diagnostic::message)
                .containsExactly("layer 0: loop size must be positive and at most 2147483647 (2^31-1), found 0",
                        "layer 0: loop size must be positive and at most 2147483647 (2^31-1), found 0");
    }

    @Test
    void theImportNamesLayersAndWorkloadAndListsTheFusedNodes() {
        Path p = write(tmp, "chain.onnx", twoConvs("", "second"));
        OnnxImporter.Import imp = OnnxImporter.importGraph(p, new OnnxOptions(4, 8, 16, 8, false));
        Workload w = imp.workload().orThrow();
        assertThat(w.name()).isEqualTo("chain");
        assertThat(w.layers()).extracting(Layer::name).containsExactly("conv_0", "second");
        assertThat(w.layers().get(1).producers()).containsExactly(0);
        assertThat(w.layers().get(1).precisionBits()).containsEntry("W", 4).containsEntry("I", 8).containsEntry("O", 16).containsEntry("O_final", 8);
        assertThat(w.layers().get(0).padding()).containsEntry("IX", new Padding(0, 0)).containsEntry("IY", new Padding(0, 0));
        assertThat(imp.fused()).containsExactly("Relu 'r' (node 2)");
        assertThat(imp.workload().diagnostics()).isEmpty();
    }

    @Test
    void everyDocumentedOperatorHasAConverter() {
        assertThat(OpConverters.supported()).containsExactly("Add", "AveragePool", "BatchNormalization", "Cast", "Clip", "Concat", "Constant",
                "ConstantOfShape", "Conv", "Div", "Dropout", "Erf", "Exp", "Flatten", "Gather", "Gelu", "Gemm", "GlobalAveragePool", "GlobalMaxPool",
                "HardSigmoid", "HardSwish", "Identity", "LRN", "LayerNormalization", "LeakyRelu", "MatMul", "MaxPool", "Mul", "PRelu", "Pad", "Relu", "Reshape",
                "Resize", "Shape", "Sigmoid", "Silu", "Slice", "Softmax", "Split", "Squeeze", "Sub", "Sum", "Tanh", "Transpose", "Unsqueeze", "Upsample");
        assertThat(OpConverters.forOpType("SpaceToDepth")).isNull();
        assertThat(OpConverters.forOpType("ConvTranspose")).isNotNull(); // registered to be refused with its reason, not listed as supported
    }
}
