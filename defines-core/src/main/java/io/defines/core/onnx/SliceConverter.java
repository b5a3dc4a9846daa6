package io.defines.core.onnx;

import ai.onnx.proto.OnnxMl;
import java.util.Arrays;

/**
 * Slice (docs/onnx.md): no layer. Of a graph input (or a Slice of one), a piece of the input, read
 * like a graph input — several pieces that hold each element once, concatenated along the channels,
 * are the input in another order (YOLOX's "focus", {@link FeatureConcat}). Of a tensor no layer reads
 * (a detector's boxes, post-processing) or of a constant: the sliced shape, still not read by layers.
 * Of channels only (a layer's [1, C, H, W] output, or a {@link ChannelView}): the picked channels, read
 * from their producers. A Slice of a feature map's pixels read by another layer is refused.
 */
final class SliceConverter implements OpConverter {

    @Override
    public int minInputs() {
        return 1;
    }

    @Override
    public void convert(OnnxMl.NodeProto n, int pos, GraphImport graph) {
        ShapePropagation shapes = graph.shapes();
        String in = n.getInput(0);
        long[] s = shapes.shape(in);
        long[][] ses = startsAndSteps(n, shapes, s);
        long[] out = ses[2];
        if (shapes.isConstant(in)) {
            shapes.constantShape(n.getOutput(0), out);
            return;
        }
        ShapePropagation.Piece inner = shapes.piece(in);
        ChannelView channels = inner != null || shapes.isGraphInput(in) ? null : channelSlice(shapes, in, s, ses);
        if (inner != null || shapes.isGraphInput(in)) {
            shapes.piece(n.getOutput(0), piece(in, inner, s, ses));
        } else if (channels != null) {
            shapes.channelView(n.getOutput(0), channels, out);
        } else if (shapes.isOutputOnly(in) || s.length != 4) {
            shapes.outputOnly(n.getOutput(0), out, "a Slice of a tensor no layer reads");
        } else {
            throw ShapeException.notModelled("a Slice of a feature map's pixels ('" + GraphImport.printable(in) + "') is not modelled yet",
                    "only Slices of channels, of the network input (e.g. space-to-depth) and of post-processing tensors are modelled");
        }
        graph.markFused(n, pos);
    }

    /** A Slice of the network input, or of a piece of it: the input's elements it holds. */
    private static ShapePropagation.Piece piece(String in, ShapePropagation.Piece inner, long[] s, long[][] ses) {
        if (Arrays.stream(ses[1]).anyMatch(step -> step < 1)) {
            throw ShapeException.notModelled("a Slice of the network input with a negative step (reversing it) is not modelled",
                    "slice with positive steps");
        }
        long[] starts = new long[s.length];
        long[] steps = new long[s.length];
        for (int i = 0; i < s.length; i++) {
            long innerStart = inner == null ? 0 : inner.starts()[i];
            long innerStep = inner == null ? 1 : inner.steps()[i];
            starts[i] = Math.addExact(innerStart, Math.multiplyExact(ses[0][i], innerStep));
            steps[i] = Math.multiplyExact(innerStep, ses[1][i]);
        }
        return new ShapePropagation.Piece(inner == null ? in : inner.input(), starts, steps, ses[2]);
    }

    /**
     * A Slice of channels only (leading axes of a {@link ChannelView}, or the channel axis of a layer's
     * [1, C, H, W] output): the view of the picked channels; null when it slices pixels.
     */
    private static ChannelView channelSlice(ShapePropagation shapes, String in, long[] s, long[][] ses) {
        ChannelView v = ChannelViews.viewOf(shapes, in, s);
        if (v == null) {
            return null;
        }
        for (int ax = v.leading().length; ax < s.length; ax++) {
            if (ses[2][ax] != s[ax]) {
                return null;
            }
        }
        for (int ax = 0; ax < v.leading().length; ax++) {
            if (ses[2][ax] != s[ax] || ses[1][ax] != 1) {
                long[] picked = new long[(int) ses[2][ax]];
                for (int i = 0; i < picked.length; i++) {
                    picked[i] = ses[0][ax] + i * ses[1][ax];
                }
                v = v.select(ax, picked, false);
            }
        }
        return v;
    }

    /** Per axis of the input: {starts}, {steps}, {output extents}, by ONNX's clamping rules (inputs from opset 10, attributes before). */
    private static long[][] startsAndSteps(OnnxMl.NodeProto n, ShapePropagation shapes, long[] s) {
        long[] starts = values(n, shapes, 1, "starts");
        long[] ends = values(n, shapes, 2, "ends");
        long[] axes = n.getInputCount() > 3 && !n.getInput(3).isEmpty() ? constant(n, shapes, 3) : Attributes.ints(n, "axes", null);
        long[] steps = n.getInputCount() > 4 && !n.getInput(4).isEmpty() ? constant(n, shapes, 4) : null;
        if (starts.length != ends.length || axes != null && axes.length != starts.length || steps != null && steps.length != starts.length) {
            throw new ShapeException("starts, ends, axes and steps have different lengths", "the model is malformed; re-export it");
        }
        long[] outStart = new long[s.length];
        long[] outStep = new long[s.length];
        long[] out = s.clone();
        Arrays.fill(outStep, 1);
        for (int k = 0; k < starts.length; k++) {
            long a = axes == null ? k : axes[k] < 0 ? axes[k] + s.length : axes[k];
            if (a < 0 || a >= s.length) {
                throw new ShapeException("axis " + (axes == null ? k : axes[k]) + " is outside the input's " + s.length + " axes",
                        "ONNX Slice's axes are from -rank to rank - 1");
            }
            int ax = (int) a;
            long dim = s[ax];
            long step = steps == null ? 1 : steps[k];
            if (step == 0) {
                throw new ShapeException("a step of 0", "ONNX Slice's steps are non-zero");
            }
            long start = clamp(starts[k] < 0 ? starts[k] + dim : starts[k], step > 0 ? 0 : -1, step > 0 ? dim : dim - 1);
            long end = clamp(ends[k] < 0 ? ends[k] + dim : ends[k], step > 0 ? 0 : -1, step > 0 ? dim : dim - 1);
            long count = step > 0 ? Math.max(0, Math.floorDiv(end - start + step - 1, step)) : Math.max(0, Math.floorDiv(start - end - step - 1, -step));
            if (count == 0) {
                throw new ShapeException("slices nothing along axis " + ax + " (start " + starts[k] + ", end " + ends[k] + ", step " + step + ")",
                        "check the export: an empty tensor does no work");
            }
            outStart[ax] = start;
            outStep[ax] = step;
            out[ax] = count;
        }
        return new long[][] {outStart, outStep, out};
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static long[] values(OnnxMl.NodeProto n, ShapePropagation shapes, int input, String attribute) {
        if (n.getInputCount() > input && !n.getInput(input).isEmpty()) {
            return constant(n, shapes, input);
        }
        long[] v = Attributes.ints(n, attribute, null);
        if (v == null) {
            throw new ShapeException("no " + attribute, "ONNX Slice needs " + attribute + " (an input from opset 10, an attribute before)");
        }
        return v;
    }

    private static long[] constant(OnnxMl.NodeProto n, ShapePropagation shapes, int input) {
        OnnxMl.TensorProto t = shapes.value(n.getInput(input));
        if (t == null) {
            throw new ShapeException("its input '" + GraphImport.printable(n.getInput(input)) + "' is not a constant",
                    "fold constants before export (onnx-simplifier) so Slice gets constant starts, ends, axes and steps");
        }
        return Attributes.longs(t);
    }
}
