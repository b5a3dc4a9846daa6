package io.defines.core.onnx;

import ai.onnx.proto.OnnxMl;

/**
 * The sliding window of a 2-D convolution or pooling node over an {@code [N, C, H, W]} input: kernel,
 * strides and dilations as {@code {y, x}}, pads as ONNX writes them, {@code {top, left, bottom, right}}.
 */
record Window(long[] kernel, long[] strides, long[] dilations, long[] pads) {

    /** Strides or dilations of 1 along both axes (never written to). */
    static final long[] ONES = {1, 1};

    /** The window of {@code n} with kernel {@code {kH, kW}} over input shape {@code x}, from its attributes. */
    static Window of(OnnxMl.NodeProto n, long[] x, long[] kernel) {
        long[] strides = Attributes.ints(n, "strides", ONES);
        long[] dilations = Attributes.ints(n, "dilations", ONES);
        return new Window(kernel, strides, dilations, pads(n, x, kernel, strides, dilations));
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
        long num = x[2 + d] + pads[d] + pads[d + 2] - dilations[d] * (kernel[d] - 1) - 1;
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
            long extent = (outputs[d] - 1) * strides[d] + dilations[d] * (kernel[d] - 1) + 1;
            out[d + 2] = Math.max(0, extent - pads[d] - x[2 + d]);
        }
        return out;
    }

    /** From {@code pads} or {@code auto_pad} (SAME_UPPER, SAME_LOWER; else none). */
    private static long[] pads(OnnxMl.NodeProto n, long[] x, long[] kernel, long[] strides, long[] dil) {
        long[] p = Attributes.ints(n, "pads", null);
        if (p != null) {
            if (p.length != 4) {
                throw new ShapeException("pads has " + p.length + " values, 4 expected for 2-D", "pads = [top, left, bottom, right]");
            }
            return p;
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
