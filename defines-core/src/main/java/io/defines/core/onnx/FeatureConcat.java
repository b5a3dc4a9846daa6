package io.defines.core.onnx;

import ai.onnx.proto.OnnxMl;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Concat of feature maps (docs/onnx.md): no layer and no data movement of its own. Along the
 * channels (axis 1 of an [N, C, H, W] or [N, C] tensor) its output is a view of its parts, and a layer
 * reading it reads each part from that part's producer (a concatenated operand, {@code operand_source:
 * {I: [a, b]}}), so MACs, tensor sizes and data copies stay those of the parts. Along another axis (a
 * detector's boxes of all heads) it may be a network output; a layer reading it is refused.
 */
final class FeatureConcat {

    private FeatureConcat() {
    }

    static void convert(OnnxMl.NodeProto n, int pos, GraphImport graph) {
        ShapePropagation shapes = graph.shapes();
        List<String> inputs = n.getInputList().stream().filter(t -> !t.isEmpty()).toList();
        for (String t : inputs) {
            if (shapes.isConstant(t)) {
                throw ShapeException.notModelled("concatenates the constant '" + GraphImport.printable(t) + "' with feature maps",
                        "only concatenations of feature maps (or of constants alone, shape arithmetic) are modelled");
            }
        }
        long[] first = shapes.shape(inputs.get(0));
        int rank = first.length;
        long axisAttr = Attributes.intAttr(n, "axis", Long.MIN_VALUE);
        if (axisAttr == Long.MIN_VALUE || axisAttr < -rank || axisAttr >= rank) {
            throw new ShapeException("axis " + (axisAttr == Long.MIN_VALUE ? "is missing" : axisAttr + " is outside -" + rank + " to " + (rank - 1)),
                    "ONNX Concat needs an axis from -rank to rank - 1");
        }
        int axis = (int) (axisAttr < 0 ? axisAttr + rank : axisAttr);
        long[] out = first.clone();
        out[axis] = 0;
        for (String t : inputs) {
            long[] s = shapes.shape(t);
            boolean fits = s.length == rank;
            for (int i = 0; fits && i < rank; i++) {
                fits = i == axis || s[i] == first[i];
            }
            if (!fits) {
                throw new ShapeException("concatenates shapes that differ outside axis " + axis + " ("
                        + String.join(" and ", inputs.stream().map(x -> Arrays.toString(shapes.shape(x))).toList()) + ")",
                        "check the export: the parts of a concatenation agree on every other axis");
            }
            out[axis] = Math.addExact(out[axis], s[axis]);
        }
        if (spaceToDepth(shapes, inputs, out)) {
            shapes.input(n.getOutput(0), out); // the graph input's elements in another order: read like a graph input
        } else if (axis == 1 && (rank == 4 || rank == 2) && out[0] == 1) {
            List<ChannelView> parts = new ArrayList<>();
            for (String t : inputs) {
                ChannelView inner = shapes.channelView(t);
                parts.add(inner != null ? inner : ChannelView.of(t, shapes.shape(t)));
            }
            shapes.channelView(n.getOutput(0), ChannelView.concat(parts), out);
        } else {
            shapes.outputOnly(n.getOutput(0), out, "a concatenation along axis " + axis);
        }
        graph.markFused(n, pos);
    }

    /**
     * Whether the parts are Slices of one graph input that hold each of its elements once (YOLOv5's and
     * YOLOX's "focus": x[..., ::2, ::2], x[..., 1::2, ::2], … concatenated): equal steps, distinct
     * starts below the steps, and as many elements as the input.
     */
    private static boolean spaceToDepth(ShapePropagation shapes, List<String> inputs, long[] out) {
        ShapePropagation.Piece first = shapes.piece(inputs.get(0));
        if (first == null) {
            return false;
        }
        java.util.Set<List<Long>> starts = new java.util.HashSet<>();
        for (String t : inputs) {
            ShapePropagation.Piece p = shapes.piece(t);
            if (p == null || !p.input().equals(first.input()) || !Arrays.equals(p.steps(), first.steps())) {
                return false;
            }
            for (int i = 0; i < p.starts().length; i++) {
                if (p.starts()[i] >= p.steps()[i]) {
                    return false;
                }
            }
            if (!starts.add(Arrays.stream(p.starts()).boxed().toList())) {
                return false;
            }
        }
        long whole = Arrays.stream(shapes.shape(first.input())).reduce(1, Math::multiplyExact);
        return Arrays.stream(out).reduce(1, Math::multiplyExact) == whole;
    }
}
