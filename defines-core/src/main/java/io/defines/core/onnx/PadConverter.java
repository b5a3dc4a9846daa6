package io.defines.core.onnx;

import ai.onnx.proto.OnnxMl;
import io.defines.core.input.IntRange;
import java.util.Arrays;

/**
 * Pad in constant mode with zeros around the last two axes of an {@code [N, C, H, W]} tensor → no layer:
 * folded into the Conv or pooling that reads it directly (added to that layer's pads, so the windows'
 * reached padding is computed over both, docs/onnx.md "Padding"); any other reader of its output is refused.
 */
final class PadConverter implements OpConverter {

    @Override
    public int minInputs() {
        return 1;
    }

    @Override
    public void convert(OnnxMl.NodeProto n, int pos, GraphImport graph) {
        ShapePropagation shapes = graph.shapes();
        String in = n.getInput(0);
        long[] x = shapes.shape(in);
        String mode = Attributes.string(n, "mode", "constant");
        if (!mode.equals("constant") || !zeroValue(n, shapes)) {
            throw new ShapeException("only constant padding with zeros is folded (mode '" + GraphImport.printable(mode) + "')",
                    "edge/reflect padding or a non-zero value changes the data; export with zero padding in the Conv's pads");
        }
        long[] pads = pads(n, shapes, x.length);
        long[] out = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.addExact(x[i], Math.addExact(pads[i], pads[i + x.length]));
        }
        if (shapes.isConstant(in)) {
            shapes.constantShape(n.getOutput(0), out);
            return;
        }
        if (x.length != 4 || pads[0] != 0 || pads[1] != 0 || pads[4] != 0 || pads[5] != 0) {
            throw new ShapeException("pads " + Arrays.toString(pads) + " of a rank-" + x.length + " tensor: only padding of the last two axes of an [N, C, H, W] tensor is folded",
                    "a Pad is folded into the Conv or pooling reading it; pad only H and W");
        }
        View v = shapes.view(in);
        if (v != null && v.permuted()) {
            throw new ShapeException("pads a tensor a Transpose reordered", "export in one layout (NCHW), so the Pad's axes are the Conv's");
        }
        shapes.padded(in, n.getOutput(0), out, new long[] {pads[2], pads[3], pads[6], pads[7]});
        graph.markFused(n, pos);
    }

    /** Begin pads of every axis, then end pads, from the {@code pads} input (opset 11+, with optional {@code axes}) or attribute. */
    private static long[] pads(OnnxMl.NodeProto n, ShapePropagation shapes, int rank) {
        long[] given;
        if (n.getInputCount() > 1 && !n.getInput(1).isEmpty()) {
            OnnxMl.TensorProto t = shapes.value(n.getInput(1));
            if (t == null) {
                throw new ShapeException("the pads are not a constant", "fold constants before export (onnx-simplifier) so Pad gets constant pads");
            }
            given = Attributes.longs(t);
        } else {
            given = Attributes.ints(n, "pads", null);
            if (given == null) {
                throw new ShapeException("no pads", "a Pad node needs pads (an input from opset 11, an attribute before)");
            }
        }
        long[] axes = axes(n, shapes, rank);
        if (given.length != 2 * axes.length) {
            throw new ShapeException("pads " + Arrays.toString(given) + " has " + given.length + " values, " + 2 * axes.length + " expected",
                    "pads = [begin of each axis, then end of each axis]");
        }
        long[] pads = new long[2 * rank];
        for (int i = 0; i < axes.length; i++) {
            int a = (int) axes[i];
            if (given[i] < 0 || given[i + axes.length] < 0) {
                throw new ShapeException("pads " + Arrays.toString(given) + " crop (a negative pad)", "cropping is not modelled; pads are 0 or more");
            }
            if (given[i] > IntRange.INT_MAX || given[i + axes.length] > IntRange.INT_MAX) {
                throw new ShapeException("pads " + Arrays.toString(given) + ": each value must be from 0 to " + IntRange.INT_MAX + " (2^31-1)",
                        "pads count zero rows/columns added; re-export the model or fix the pads");
            }
            pads[a] = given[i];
            pads[a + rank] = given[i + axes.length];
        }
        return pads;
    }

    private static long[] axes(OnnxMl.NodeProto n, ShapePropagation shapes, int rank) {
        if (n.getInputCount() <= 3 || n.getInput(3).isEmpty()) {
            return java.util.stream.LongStream.range(0, rank).toArray();
        }
        OnnxMl.TensorProto t = shapes.value(n.getInput(3));
        if (t == null) {
            throw new ShapeException("the axes are not a constant", "fold constants before export (onnx-simplifier)");
        }
        long[] axes = Attributes.longs(t);
        for (int i = 0; i < axes.length; i++) {
            axes[i] = axes[i] < 0 ? axes[i] + rank : axes[i];
            if (axes[i] < 0 || axes[i] >= rank) {
                throw new ShapeException("axes " + Arrays.toString(Attributes.longs(t)) + " are outside -" + rank + " to " + (rank - 1), "Pad's axes are within the rank");
            }
        }
        return axes;
    }

    /** True when the padding value is zero: no {@code constant_value} input (or an all-zero one), or a zero {@code value} attribute. */
    private static boolean zeroValue(OnnxMl.NodeProto n, ShapePropagation shapes) {
        if (n.getInputCount() > 2 && !n.getInput(2).isEmpty()) {
            OnnxMl.TensorProto t = shapes.value(n.getInput(2));
            if (t == null) {
                return false;
            }
            if (!t.getRawData().isEmpty()) {
                return allZero(t.getRawData().toByteArray());
            }
            return t.getFloatDataList().stream().allMatch(f -> f == 0) && t.getDoubleDataList().stream().allMatch(f -> f == 0)
                    && t.getInt32DataList().stream().allMatch(f -> f == 0) && t.getInt64DataList().stream().allMatch(f -> f == 0);
        }
        OnnxMl.AttributeProto v = Attributes.attr(n, "value");
        return v == null || v.getF() == 0;
    }

    private static boolean allZero(byte[] raw) {
        for (byte b : raw) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
