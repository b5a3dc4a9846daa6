package io.defines.core.onnx;

import static io.defines.core.onnx.OnnxGraphs.conv;
import static io.defines.core.onnx.OnnxGraphs.input;
import static io.defines.core.onnx.OnnxGraphs.integer;
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
 * {@code --skip-unsupported} never makes a number silently wrong (issue 16): a skipped node is an
 * identity only where its output has its input's shape (from value_info, the graph outputs, or an
 * element-wise operator's semantics); else it is refused at the node. After a refused node, the nodes
 * reading its outputs are not reported one by one with a wrong "export with fixed shapes" hint.
 */
class OnnxSkipUnsupportedTest {

    private static final OnnxOptions SKIP = OnnxOptions.DEFAULT.withSkipUnsupported(true);

    @TempDir
    Path tmp;

    /** x [1, 3, 8, 8] → conv a (4 channels) → {@code op} → conv c (weight [4, c, 3, 3]). */
    private static OnnxMl.GraphProto.Builder around(OnnxMl.NodeProto op, long cChannels) {
        return OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 3, 8, 8)).addInitializer(weight("wa", 4, 3, 3, 3))
                .addInitializer(weight("wb", 4, 3, 3, 3)).addInitializer(weight("wc", 4, cChannels, 3, 3))
                .addNode(conv("a", "ya", "x", "wa", 1, 1)).addNode(op).addNode(conv("c", "yc", "y", "wc", 1, 1));
    }

    private Parsed<Workload> read(String name, OnnxMl.GraphProto.Builder g, OnnxOptions options) {
        Parsed<Workload> p = OnnxImporter.read(write(tmp, name + ".onnx", g), options);
        assertThat(p.diagnostics()).allSatisfy(d -> assertThat(d.render()).contains(name + ".onnx:").contains("Maybe"));
        return p;
    }

    private static List<String> rendered(Parsed<Workload> p) {
        return p.diagnostics().stream().map(Diagnostic::render).toList();
    }

    @Test
    void aConcatNoLongerNeedsSkippingAndTheNextConvolutionReadsBothParts() {
        // before: Concat skipped as ya, conv c counted C = 4 although its weight reads 8 channels; then refused
        OnnxMl.GraphProto.Builder g = around(node("Concat", "cat", "y", "ya", "yb"), 8);
        g.clearNode().addNode(conv("a", "ya", "x", "wa", 1, 1)).addNode(conv("b", "yb", "x", "wb", 1, 1))
                .addNode(node("Concat", "cat", "y", "ya", "yb").toBuilder().addAttribute(integer("axis", 1)).build())
                .addNode(conv("c", "yc", "y", "wc", 1, 1));
        Parsed<Workload> p = read("concat", g, SKIP);
        assertThat(p.diagnostics()).isEmpty();
        assertThat(p.value().layers()).filteredOn(l -> l.name().equals("c")).singleElement()
                .satisfies(c -> assertThat(c.loopSize("C")).isEqualTo(8));
    }

    @Test
    void aSkippedNodeWithoutAKnownOutputShapeIsRefused() {
        OnnxMl.GraphProto.Builder g = around(node("Tile", "t", "y", "ya", "reps"), 8);
        Parsed<Workload> p = read("tile", g, SKIP);
        assertThat(p.value()).isNull();
        assertThat(rendered(p)).hasSize(2);
        assertThat(rendered(p).get(0)).contains("tile.onnx:2:1: /graph/node/1: Tile 't' (node 2): operator Tile is not supported and cannot be skipped: "
                + "its output shape is unknown").contains("Maybe --skip-unsupported skips only nodes whose output has their input's shape");
        assertThat(rendered(p).get(1)).contains("tile.onnx:3:1: /graph/node/2: warning: Conv 'c' (node 3): this node reads outputs of the nodes refused above")
                .doesNotContain("export with fixed input shapes");
    }

    @Test
    void aSkippedNodeIsAnIdentityOnlyWhereItsDeclaredOutputHasItsInputsShape() {
        // a SpaceToDepth-like node halving the map: value_info says [1, 4, 4, 4], refused (skipped Slices used to double a detector's resolution so)
        OnnxMl.GraphProto.Builder half = around(node("SpaceToDepth", "s", "y", "ya"), 4).addValueInfo(input("y", 1, 4, 4, 4));
        Parsed<Workload> p = read("resize-half", half, SKIP);
        assertThat(rendered(p)).first().asString().contains("SpaceToDepth 's' (node 2): operator SpaceToDepth is not supported and cannot be skipped: "
                + "its output [1, 4, 4, 4] differs from its input [1, 4, 8, 8]");
        // the same node declared shape-preserving: skipped with a warning, the numbers unchanged
        OnnxMl.GraphProto.Builder same = around(node("SpaceToDepth", "s", "y", "ya"), 4).addValueInfo(input("y", 1, 4, 8, 8));
        Parsed<Workload> q = read("resize-same", same, SKIP);
        assertThat(q.errors()).isEmpty();
        assertThat(q.value().macCount()).isEqualTo(8 * 8 * 4 * 3 * 9 + 8 * 8 * 4 * 4 * 9); // conv a 3 → 4, conv c 4 → 4, 3 × 3 on 8²
        assertThat(rendered(q)).singleElement().asString().contains("warning: SpaceToDepth 's' (node 2): unsupported operator skipped: its output ([1, 4, 8, 8])");
        // an element-wise operator keeps its input's shape by its semantics: skipped without value_info
        Parsed<Workload> mish = read("mish", around(node("Mish", "e", "y", "ya"), 4), SKIP);
        assertThat(mish.errors()).isEmpty();
        assertThat(mish.value().layers()).hasSize(2);
        assertThat(rendered(mish)).singleElement().asString().contains("warning: Mish 'e' (node 2): unsupported operator skipped");
    }

    @Test
    void aConvolutionWhoseWeightReadsOtherChannelsThanItsInputHasIsRefused() {
        // even where value_info (wrongly) declares a skipped node shape-preserving, conv c cannot silently count 4 channels for its 8
        OnnxMl.GraphProto.Builder g = around(node("Tile", "t", "y", "ya"), 8).addValueInfo(input("y", 1, 4, 8, 8));
        Parsed<Workload> p = read("channels", g, SKIP);
        assertThat(rendered(p)).filteredOn(d -> !d.contains("warning")).singleElement().asString()
                .contains("Conv 'c' (node 3): the input has 4 channels, the weight [4, 8, 3, 3] reads 8 per group × 1 group");
    }

    @Test
    void aSkippedNodeReadingAnUnknownTensorIsReportedAtTheNode() {
        // before: an internal error; the input 'ghost' is produced by nothing
        OnnxMl.GraphProto.Builder g = around(node("SpaceToDepth", "up", "y", "ghost"), 4);
        Parsed<Workload> p = read("ghost", g, SKIP);
        assertThat(rendered(p)).first().asString().contains("ghost.onnx:2:1: /graph/node/1: SpaceToDepth 'up' (node 2): the shape of its input 'ghost' is unknown");
    }

    @Test
    void afterAnUnsupportedNodeTheNodesReadingItAreSummarisedOnce() {
        OnnxMl.GraphProto.Builder g = around(node("SpaceToDepth", "up", "y", "ya"), 4).addNode(node("Relu", "r", "yr", "yc"))
                .addNode(node("Add", "add", "z", "yr", "ya"));
        Parsed<Workload> p = read("resize", g, OnnxOptions.DEFAULT);
        assertThat(rendered(p)).hasSize(2);
        assertThat(rendered(p).get(0)).contains("SpaceToDepth 'up' (node 2): operator SpaceToDepth is not supported");
        assertThat(rendered(p).get(1)).contains("resize.onnx:3:1: /graph/node/2: warning: Conv 'c' (node 3): this and 2 later nodes read outputs of the nodes refused above");
    }
}
