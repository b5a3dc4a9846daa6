package io.defines.core.onnx;

import static io.defines.core.onnx.OnnxGraphs.conv;
import static io.defines.core.onnx.OnnxGraphs.input;
import static io.defines.core.onnx.OnnxGraphs.int64s;
import static io.defines.core.onnx.OnnxGraphs.integer;
import static io.defines.core.onnx.OnnxGraphs.node;
import static io.defines.core.onnx.OnnxGraphs.weight;
import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import io.defines.core.input.Diagnostic;
import io.defines.core.input.Parsed;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Workload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX Slice: YOLOX's "focus" (four strided Slices of the input, each two Slices deep, concatenated)
 * is the input in another order; post-processing Slices of a detector's boxes are no layers; a Slice
 * of a feature map read by a layer is refused at the node.
 */
class SliceImportTest {

    @TempDir
    Path tmp;

    /** {@code out = in[start::2]} along {@code axis}, as opset-13 exporters write it (constant inputs). */
    private static void slice(OnnxMl.GraphProto.Builder g, String out, String in, long start, long axis) {
        g.addInitializer(int64s(out + "_s", start)).addInitializer(int64s(out + "_e", Long.MAX_VALUE))
                .addInitializer(int64s(out + "_a", axis)).addInitializer(int64s(out + "_t", 2));
        g.addNode(OnnxMl.NodeProto.newBuilder().setOpType("Slice").setName(out).addOutput(out)
                .addAllInput(List.of(in, out + "_s", out + "_e", out + "_a", out + "_t")).build());
    }

    @Test
    void theFocusOfYoloxIsTheInputInAnotherOrder() {
        // x 3 × 64 × 64 → four 3 × 32 × 32 pieces (even/odd rows × even/odd columns) → 12 × 32 × 32 → conv 3 × 3 to 16
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 3, 64, 64)).addInitializer(weight("w", 16, 12, 3, 3));
        List<String> pieces = new ArrayList<>();
        for (long dy : new long[] {0, 1}) {
            slice(g, "r" + dy, "x", dy, 2);
            for (long dx : new long[] {0, 1}) {
                slice(g, "p" + dy + dx, "r" + dy, dx, 3);
            }
        }
        // YOLOX's order: (0,0), (1,0), (0,1), (1,1)
        for (String p : List.of("p00", "p10", "p01", "p11")) {
            pieces.add(p);
        }
        g.addNode(node("Concat", "focus", "f", pieces.toArray(String[]::new)).toBuilder().addAttribute(integer("axis", 1)).build())
                .addNode(conv("stem", "y", "f", "w", 1, 1));
        Parsed<Workload> p = OnnxImporter.read(OnnxGraphs.write(tmp, "focus.onnx", g), OnnxOptions.DEFAULT);
        assertThat(p.diagnostics()).isEmpty();
        Layer stem = p.value().layers().get(0);
        assertThat(p.value().layers()).hasSize(1);
        assertThat(stem.inputs()).singleElement().satisfies(in -> assertThat(in.isNetworkInput()).isTrue());
        assertThat(stem.tensorDims("I")).containsEntry("C", 12L).containsEntry("IX", 32L).containsEntry("IY", 32L);
        assertThat(stem.inputElements()).isEqualTo(3L * 64 * 64);
        assertThat(stem.macCount()).isEqualTo(32L * 32 * 16 * 12 * 9);
    }

    @Test
    void piecesThatDoNotHoldTheWholeInputOnceAreNotAFocus() {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 3, 64, 64)).addInitializer(weight("w", 16, 6, 3, 3));
        slice(g, "r0", "x", 0, 2);
        slice(g, "r1", "x", 1, 2);
        slice(g, "p0", "r0", 0, 3);
        slice(g, "p1", "r1", 0, 3);
        g.addNode(node("Concat", "half", "f", "p0", "p1").toBuilder().addAttribute(integer("axis", 1)).build())
                .addNode(conv("stem", "y", "f", "w", 1, 1));
        Parsed<Workload> p = OnnxImporter.read(OnnxGraphs.write(tmp, "half.onnx", g), OnnxOptions.DEFAULT);
        assertThat(p.errors()).extracting(Diagnostic::message).singleElement()
                .satisfies(m -> assertThat(m).contains("Conv 'stem'").contains("the network input 'p0' as one part"));
    }

    @Test
    void postProcessingSlicesAreNoLayersAndASliceOfAFeatureMapIsRefused() {
        // a head's [1, 8, 8, 8] output reshaped to [1, 128, 4] boxes; the box centres and sizes sliced out and rescaled
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 3, 8, 8)).addInitializer(weight("w", 8, 3, 3, 3))
                .addInitializer(int64s("shape", 1, 128, 4)).addInitializer(weight("scale", 1))
                .addNode(conv("head", "h", "x", "w", 1, 1)).addNode(node("Reshape", "boxes", "b", "h", "shape"));
        g.addInitializer(int64s("s", 0)).addInitializer(int64s("e", 2)).addInitializer(int64s("a", 2))
                .addNode(node("Slice", "centres", "c", "b", "s", "e", "a")).addNode(node("Mul", "rescale", "cs", "c", "scale"));
        Parsed<Workload> p = OnnxImporter.read(OnnxGraphs.write(tmp, "post.onnx", g), OnnxOptions.DEFAULT);
        assertThat(p.diagnostics()).isEmpty();
        assertThat(p.value().layers()).extracting(Layer::name).containsExactly("head");

        // the first half of the channels: read from the producer as its channels 0 … 3
        OnnxMl.GraphProto.Builder half = OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 3, 8, 8)).addInitializer(weight("w", 8, 3, 3, 3))
                .addInitializer(weight("v", 4, 4, 1, 1)).addInitializer(int64s("s", 4)).addInitializer(int64s("e", 8)).addInitializer(int64s("a", 1))
                .addNode(conv("a", "y", "x", "w", 1, 1)).addNode(node("Slice", "half", "yh", "y", "s", "e", "a"))
                .addNode(conv("b", "z", "yh", "v", 1, 0));
        Workload h = OnnxImporter.read(OnnxGraphs.write(tmp, "half.onnx", half), OnnxOptions.DEFAULT).orThrow();
        assertThat(h.layers().get(1).inputs()).singleElement().satisfies(in -> {
            assertThat(in.part().producerOffset()).isEqualTo(4);
            assertThat(in.part().length()).isEqualTo(4);
        });
        // a crop of the rows: refused
        OnnxMl.GraphProto.Builder crop = OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 3, 8, 8)).addInitializer(weight("w", 8, 3, 3, 3))
                .addInitializer(weight("v", 4, 8, 1, 1)).addInitializer(int64s("s", 0)).addInitializer(int64s("e", 4)).addInitializer(int64s("a", 2))
                .addNode(conv("a", "y", "x", "w", 1, 1)).addNode(node("Slice", "top", "yh", "y", "s", "e", "a"))
                .addNode(conv("b", "z", "yh", "v", 1, 0));
        Parsed<Workload> q = OnnxImporter.read(OnnxGraphs.write(tmp, "crop.onnx", crop), OnnxOptions.DEFAULT);
        assertThat(q.errors()).extracting(Diagnostic::message).singleElement()
                .satisfies(m -> assertThat(m).contains("Slice 'top'").contains("a Slice of a feature map's pixels ('y') is not modelled yet"));
    }
}
