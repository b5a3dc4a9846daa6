package io.defines.core.onnx;

import ai.onnx.proto.OnnxMl;
import io.defines.core.input.IntRange;
import java.util.Arrays;

/**
 * The sliding window of a 2-D convolution or pooling node over an {@code [N, C, H, W]} input: kernel,
 * strides and dilations as {@code {y, x}}, pads as ONNX writes them, {@code {top, left, bottom, right}}.
 */
record Window(long[] kernel, long[] strides, long[] dilations, long[] pads) {

    /** Strides or dilations of 1 along both axes (never written to). */
    static final long[] ONES = {1, 1};

    /**
     * The window of {@code n} with kernel {@code {kH, kW}} over input shape {@code x}, from its attributes;
     * a {@link ShapeException} when the kernel, strides or dilations are not two values from 1 to 2³¹−1 or
     * the pads not four from 0 to 2³¹−1 (a stride of 0 used to divide by zero).
     */
    static Window of(OnnxMl.NodeProto n, long[] x, long[] kernel) {
        check("kernel", kernel, 2, 1, "the kernel (kernel_shape, or the weight's last two dims)");
        long[] strides = check("strides", Attributes.ints(n, "strides", ONES), 2, 1, "strides");
        long[] dilations = check("dilations", Attributes.ints(n, "dilations", ONES), 2, 1, "dilations");
        return new Window(kernel, strides, dilations, pads(n, x, kernel, strides, dilations));
    }

    /** {@code values} when there are {@code count} of them, each from {@code min} to 2³¹−1; else a ShapeException. */
    private static long[] check(String attribute, long[] values, int count, long min, String what) {
        if (values.length != count) {
            throw new ShapeException(what + " " + Arrays.toString(values) + " has " + values.length + " values, " + count + " expected for 2-D",
                    "one value per spatial axis" + (count == 4 ? ": pads = [top, left, bottom, right]" : ", e.g. " + attribute + " = [1, 1]"));
        }
        for (long v : values) {
            if (v < min || v > IntRange.INT_MAX) {
                throw new ShapeException(what + " " + Arrays.toString(values) + ": each value must be from " + min + " to "
                        + IntRange.INT_MAX + " (2^31-1), found " + v, min == 0 ? "pads count zero rows/columns added, 0 or more"
                        : "strides, dilations and kernel sizes are at least 1; re-export the model or fix the attribute");
            }
        }
        return values;
    }

    /** This window with {@code extra} pads {top, left, bottom, right} added (a Pad folded into the layer). */
    Window plus(long[] extra) {
        long[] sum = new long[4];
        for (int i = 0; i < 4; i++) {
            sum[i] = Math.addExact(pads[i], extra[i]);
        }
        return new Window(kernel, strides, dilations, sum);
    }

    /** A window that covers the whole map (global pooling). */
    static Window global(long[] x) {
        return new Window(new long[] {x[2], x[3]}, ONES, ONES, new long[4]);
    }

    /**
     * The output extent along axis {@code d} (0 = y, 1 = x) of input shape {@code x}, rounded down or,
     * with {@code ceil}, up — without a last window that would start in the end padding or beyond it
     * (ONNX's and PyTorch's ceil-mode rule: every window starts inside the input or its begin padding).
     */
    long output(long[] x, int d, boolean ceil) {
        // exact arithmetic: an input dim near 2^63 must not wrap into a plausible size (reported at the node)
        long num = Math.subtractExact(Math.addExact(x[2 + d], pads[d] + pads[d + 2]), Math.multiplyExact(dilations[d], kernel[d] - 1) + 1);
        long out = (ceil ? (num + strides[d] - 1) / strides[d] : num / strides[d]) + 1;
        if (ceil && out > 1 && (out - 1) * strides[d] >= x[2 + d] + pads[d]) {
            out--;
        }
        return out;
    }

    /**
     * The pads as the windows use them, {@code {top, left, bottom, right}}, for outputs {@code oy} × {@code ox}:
     * the begin pads as given, the end pads only as far as the last window reaches past the input
     * (less than given when the stride skips them, more in ceil mode), so that the layer's input is
     * exactly the {@code H} × {@code W} map it reads (docs/onnx.md, "Padding").
     */
    long[] reachedPads(long[] x, long oy, long ox) {
        long[] out = pads.clone();
        long[] outputs = {oy, ox};
        for (int d = 0; d < 2; d++) {
            long extent = Math.addExact(Math.multiplyExact(outputs[d] - 1, strides[d]), Math.multiplyExact(dilations[d], kernel[d] - 1) + 1);
            out[d + 2] = Math.max(0, extent - pads[d] - x[2 + d]);
        }
        return out;
    }

    /** From {@code pads} or {@code auto_pad} (SAME_UPPER, SAME_LOWER; else none). */
    private static long[] pads(OnnxMl.NodeProto n, long[] x, long[] kernel, long[] strides, long[] dil) {
        long[] p = Attributes.ints(n, "pads", null);
        if (p != null) {
            return check("pads", p, 4, 0, "pads");
        }
        String mode = Attributes.string(n, "auto_pad", "NOTSET");
        long[] out = new long[4];
        if (mode.startsWith("SAME")) {
            for (int d = 0; d < 2; d++) {
                long o = (x[2 + d] + strides[d] - 1) / strides[d];
                long total = Math.max(0, (o - 1) * strides[d] + dil[d] * (kernel[d] - 1) + 1 - x[2 + d]);
                long small = total / 2;
                long big = total - small;
                out[d] = mode.equals("SAME_UPPER") ? small : big;
                out[d + 2] = mode.equals("SAME_UPPER") ? big : small;
            }
        }
        return out;
    }
}
