package io.defines.core.onnx;

import static io.defines.core.onnx.OnnxGraphs.input;
import static io.defines.core.onnx.OnnxGraphs.integer;
import static io.defines.core.onnx.OnnxGraphs.ints;
import static io.defines.core.onnx.OnnxGraphs.node;
import static io.defines.core.onnx.OnnxGraphs.weight;
import static io.defines.core.onnx.OnnxGraphs.write;
import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import io.defines.core.input.Diagnostic;
import io.defines.core.input.Parsed;
import io.defines.core.workload.Workload;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attributes, dims and input counts that cannot describe a layer are reported at their node, with the
 * allowed range, instead of dividing by zero, overflowing or failing with an index out of bounds.
 */
class OnnxBadAttributesTest {

    @TempDir
    Path tmp;

    private List<Diagnostic> conv(OnnxMl.AttributeProto... attributes) {
        OnnxMl.NodeProto.Builder c = node("Conv", "c", "y", "x", "w").toBuilder();
        for (OnnxMl.AttributeProto a : attributes) {
            c.addAttribute(a);
        }
        return errors(OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 4, 8, 8)).addInitializer(weight("w", 8, 4, 3, 3)).addNode(c));
    }

    private List<Diagnostic> errors(OnnxMl.GraphProto.Builder g) {
        Path p = write(tmp, "m.onnx", g);
        Parsed<Workload> w = OnnxImporter.read(p, OnnxOptions.DEFAULT);
        assertThat(w.ok()).isFalse();
        return w.errors();
    }

    private static String only(List<Diagnostic> errors) {
        assertThat(errors).hasSize(1);
        Diagnostic d = errors.get(0);
        assertThat(d.pointer()).startsWith("/graph/");
        assertThat(d.hint()).isNotBlank();
        return d.message();
    }

    @Test
    void aZeroStrideIsReportedInsteadOfDividingByZero() {
        assertThat(only(conv(ints("strides", 0, 1))))
                .isEqualTo("Conv 'c' (node 1): strides [0, 1]: each value must be from 1 to 2147483647 (2^31-1), found 0");
        // with auto_pad the stride divides first
        assertThat(only(conv(ints("strides", 1, 0), OnnxMl.AttributeProto.newBuilder().setName("auto_pad")
                .setType(OnnxMl.AttributeProto.AttributeType.STRING).setS(com.google.protobuf.ByteString.copyFromUtf8("SAME_UPPER")).build())))
                .contains("strides [1, 0]");
    }

    @Test
    void nonPositiveDilationsNegativePadsAndValuesBeyondAnIntAreReported() {
        assertThat(only(conv(ints("dilations", -1, 1)))).contains("dilations [-1, 1]: each value must be from 1 to 2147483647 (2^31-1), found -1");
        assertThat(only(conv(ints("pads", -1, 0, 0, 0)))).contains("pads [-1, 0, 0, 0]: each value must be from 0 to 2147483647 (2^31-1), found -1");
        assertThat(only(conv(ints("strides", 1L << 40, 1)))).contains("found 1099511627776");
        assertThat(only(conv(ints("strides", 2)))).contains("strides [2] has 1 values, 2 expected for 2-D");
        assertThat(only(conv(integer("group", 0)))).contains("group must be from 1 to 2147483647 (2^31-1), found 0");
    }

    @Test
    void aPoolingKernelOfZeroIsReported() {
        OnnxMl.NodeProto pool = node("MaxPool", "p", "y", "x").toBuilder().addAttribute(ints("kernel_shape", 0, 2)).build();
        assertThat(only(errors(OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 4, 8, 8)).addNode(pool))))
                .contains("the kernel (kernel_shape, or the weight's last two dims) [0, 2]: each value must be from 1");
    }

    @Test
    void aNodeWithTooFewInputsIsReportedInsteadOfAnIndexOutOfBounds() {
        assertThat(only(errors(OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 4, 8, 8)).addNode(node("Conv", "c", "y", "x")))))
                .isEqualTo("Conv 'c' (node 1): has 1 input, Conv needs at least 2");
        assertThat(only(errors(OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 16)).addNode(node("Gemm", "g", "y", "x")))))
                .isEqualTo("Gemm 'g' (node 1): has 1 input, Gemm needs at least 2");
        OnnxMl.NodeProto noOutput = node("Relu", "r", "y", "x").toBuilder().clearOutput().build();
        assertThat(errors(OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 4, 8, 8)).addNode(noOutput)))
                .extracting(Diagnostic::message).contains("Relu 'r' (node 1): has no output");
    }

    @Test
    void dimsBeyondAnIntAreReportedNotWrapped() {
        // a graph input dim of 2^63-1 used to pass, and the window arithmetic overflowed
        List<Diagnostic> input = errors(OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 4, Long.MAX_VALUE, 8))
                .addInitializer(weight("w", 8, 4, 3, 3)).addNode(node("Conv", "c", "y", "x", "w")));
        assertThat(only(input)).isEqualTo("graph input 'x' has shape [1, 4, 9223372036854775807, 8]: dims are at most 2147483647 (2^31-1),"
                + " found 9223372036854775807");
        // a weight dim of 2^62 is a kernel beyond the range
        assertThat(only(errors(OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 4, 8, 8))
                .addInitializer(weight("w", 8, 4, 1L << 62, 3)).addNode(node("Conv", "c", "y", "x", "w")))))
                .contains("the kernel (kernel_shape, or the weight's last two dims) [4611686018427387904, 3]");
        // a channel count beyond an int reaches the layer checks, located at the node
        assertThat(errors(OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 4, 8, 8))
                .addInitializer(weight("w", 1L << 40, 4, 3, 3)).addNode(node("Conv", "c", "y", "x", "w"))))
                .extracting(Diagnostic::message)
                .contains("layer 0: loop size must be positive and at most 2147483647 (2^31-1), found 1099511627776");
    }

    @Test
    void axesOutsideTheRankAreReported() {
        OnnxMl.NodeProto flatten = node("Flatten", "f", "y", "x").toBuilder().addAttribute(integer("axis", 1L << 40)).build();
        assertThat(only(errors(OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 4, 8, 8)).addNode(flatten))))
                .isEqualTo("Flatten 'f' (node 1): axis 1099511627776 is outside -4 to 4 for an input of rank 4");
        OnnxMl.NodeProto unsqueeze = node("Unsqueeze", "u", "y", "x").toBuilder().addAttribute(ints("axes", 7)).build();
        assertThat(only(errors(OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 4, 8, 8)).addNode(unsqueeze))))
                .contains("axes [7] are not distinct axes from -5 to 4");
    }
}
