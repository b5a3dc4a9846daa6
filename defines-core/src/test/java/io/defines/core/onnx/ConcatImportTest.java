package io.defines.core.onnx;

import static io.defines.core.onnx.OnnxGraphs.conv;
import static io.defines.core.onnx.OnnxGraphs.input;
import static io.defines.core.onnx.OnnxGraphs.integer;
import static io.defines.core.onnx.OnnxGraphs.node;
import static io.defines.core.onnx.OnnxGraphs.weight;
import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import io.defines.core.input.Diagnostic;
import io.defines.core.input.Parsed;
import io.defines.core.workload.Layer;
import io.defines.core.workload.LayerInput;
import io.defines.core.workload.Workload;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX Concat of feature maps: along the channels its readers read each part from its producer (a
 * Conv, a pooling, a Gemm after Flatten; through fused nodes and nested Concats); along another axis
 * it may be a network output; what cannot be modelled is refused at the node that reads it.
 */
class ConcatImportTest {

    @TempDir
    Path tmp;

    private static OnnxMl.NodeProto concat(String out, long axis, String... in) {
        return node("Concat", out, out, in).toBuilder().addAttribute(integer("axis", axis)).build();
    }

    /** x (4 × 16 × 16) → a (8 ch), b (12 ch), both 3 × 3 pad 1. */
    private static OnnxMl.GraphProto.Builder twoBranches() {
        return OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 4, 16, 16))
                .addInitializer(weight("wa", 8, 4, 3, 3)).addInitializer(weight("wb", 12, 4, 3, 3))
                .addNode(conv("a", "a", "x", "wa", 1, 1)).addNode(conv("b", "b", "x", "wb", 1, 1));
    }

    private Parsed<Workload> read(OnnxMl.GraphProto.Builder g) {
        return OnnxImporter.read(OnnxGraphs.write(tmp, "m.onnx", g), OnnxOptions.DEFAULT);
    }

    @Test
    void nestedConcatenationsThroughFusedNodesGiveOnePartPerProducer() {
        OnnxMl.GraphProto.Builder g = twoBranches().addInitializer(weight("wc", 6, 8, 1, 1)).addInitializer(weight("wd", 5, 26, 1, 1))
                .addNode(conv("c", "c", "a", "wc", 1, 0))
                .addNode(concat("ab", 1, "a", "b")).addNode(node("Relu", "r", "abr", "ab"))
                .addNode(concat("abc", 1, "abr", "c")).addNode(conv("d", "d", "abc", "wd", 1, 0));
        Workload w = read(g).orThrow();
        Layer d = w.layers().stream().filter(l -> l.name().equals("d")).findFirst().orElseThrow();
        assertThat(d.inputs()).extracting(LayerInput::part).containsExactly(
                new LayerInput.Part("C", 0, 8), new LayerInput.Part("C", 8, 12), new LayerInput.Part("C", 20, 6));
        assertThat(d.inputs()).extracting(in -> w.layer(in.producerId()).orElseThrow().name()).containsExactly("a", "b", "c");
        assertThat(w.macCount()).isEqualTo(16L * 16 * (8 * 4 * 9 + 12 * 4 * 9 + 6 * 8 + 5 * 26));
    }

    @Test
    void aGemmReadsAFlattenedConcatenationAsItsParts() {
        OnnxMl.GraphProto.Builder g = twoBranches().addInitializer(weight("wf", 10, 20 * 16 * 16)).addInitializer(weight("bf", 10))
                .addNode(concat("ab", 1, "a", "b")).addNode(node("Flatten", "f", "f", "ab"))
                .addNode(node("Gemm", "fc", "y", "f", "wf", "bf").toBuilder().addAttribute(integer("transB", 1)).build());
        Workload w = read(g).orThrow();
        Layer fc = w.layers().stream().filter(l -> l.name().equals("fc")).findFirst().orElseThrow();
        assertThat(fc.inputs()).extracting(LayerInput::part).containsExactly(new LayerInput.Part("C", 0, 8), new LayerInput.Part("C", 8, 12));
        assertThat(fc.macCount()).isEqualTo(10L * 20 * 16 * 16);
    }

    @Test
    void aConcatenationAlongAnotherAxisMayBeANetworkOutput() {
        // a detector's heads joined along the rows: no layer reads the result, each head is a network output
        OnnxMl.GraphProto.Builder g = twoBranches().addInitializer(weight("wa2", 8, 4, 3, 3))
                .addNode(conv("a2", "a2", "x", "wa2", 1, 1)).addNode(concat("y", 2, "a", "a2"));
        Workload w = read(g).orThrow();
        assertThat(w.layers()).extracting(Layer::name).containsExactly("a", "b", "a2");
    }

    @Test
    void anAddReadsAConcatenationAsItsParts() {
        // ShuffleNet's residual after a stride-2 unit: Add(concat(a, b), c)
        OnnxMl.GraphProto.Builder g = twoBranches().addInitializer(weight("wc", 20, 4, 3, 3))
                .addNode(conv("c", "c", "x", "wc", 1, 1)).addNode(concat("ab", 1, "a", "b")).addNode(node("Add", "sum", "s", "ab", "c"));
        Workload w = read(g).orThrow();
        Layer sum = w.layers().stream().filter(l -> l.name().equals("sum")).findFirst().orElseThrow();
        assertThat(sum.inputs()).extracting(in -> in.operand() + (in.isPart() ? in.part().offset() + "+" + in.part().length() : ""))
                .containsExactly("W0+8", "W8+12", "I");
        assertThat(sum.macCount()).isEqualTo(20L * 16 * 16);
    }

    @Test
    void whatCannotBeModelledIsRefusedAtTheNodeThatReadsIt() {
        OnnxMl.GraphProto.Builder scaled = twoBranches().addInitializer(weight("wc", 20, 4, 3, 3)).addInitializer(weight("wp", 20, 20, 16, 16))
                .addNode(concat("ab", 1, "a", "b")).addNode(node("GlobalAveragePool", "gap", "p", "x"))
                .addNode(conv("c", "c", "p", "wc", 1, 1)).addNode(node("Mul", "scale", "s", "ab", "c"));
        assertThat(read(scaled).errors()).extracting(Diagnostic::message).singleElement()
                .satisfies(m -> assertThat(m).contains("Mul 'scale'").contains("whose channels come from several producers"));
        OnnxMl.GraphProto.Builder withInput = twoBranches().addInitializer(weight("wd", 5, 12, 1, 1))
                .addNode(concat("xa", 1, "x", "a")).addNode(conv("d", "d", "xa", "wd", 1, 0));
        assertThat(read(withInput).errors()).extracting(Diagnostic::message).singleElement()
                .satisfies(m -> assertThat(m).contains("Conv 'd'").contains("the network input 'x' as one part"));
        OnnxMl.GraphProto.Builder along = twoBranches().addInitializer(weight("wd", 5, 8, 1, 1))
                .addNode(concat("aa", 2, "a", "a")).addNode(conv("d", "d", "aa", "wd", 1, 0));
        assertThat(read(along).errors()).extracting(Diagnostic::message).singleElement()
                .satisfies(m -> assertThat(m).contains("a concatenation along axis 2"));
        OnnxMl.GraphProto.Builder mismatched = twoBranches().addInitializer(weight("wp", 8, 4, 3, 3))
                .addNode(conv("p", "p", "x", "wp", 2, 1)).addNode(concat("ap", 1, "a", "p"));
        assertThat(read(mismatched).errors()).extracting(Diagnostic::message).singleElement()
                .satisfies(m -> assertThat(m).contains("concatenates shapes that differ outside axis 1 ([1, 8, 16, 16] and [1, 8, 8, 8])"));
    }
}
