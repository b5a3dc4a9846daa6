package io.defines.core.onnx;

import ai.onnx.proto.OnnxMl;
import io.defines.core.workload.Upsampling;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Resize and Upsample by one integer factor s along H and W (docs/onnx.md): no layer. The output is the
 * input's map upsampled; a layer reading it reads the producer's map through an upsampled edge
 * ({@code {layer: p, upsample: s}}, {@link Upsampling}): nearest, its feature-map index u reads the
 * producer's ⌊u / s⌋ (ONNX's asymmetric coordinates with floor rounding, or half-pixel ones, which pick
 * the same pixels for an integer factor); linear (half-pixel coordinates), the two pixels around
 * (u + ½) / s − ½.
 */
final class ResizeConverter implements OpConverter {

    @Override
    public int minInputs() {
        return 1;
    }

    @Override
    public void convert(OnnxMl.NodeProto n, int pos, GraphImport graph) {
        ShapePropagation shapes = graph.shapes();
        String in = n.getInput(0);
        long[] x = shapes.shape(in);
        String mode = Attributes.string(n, "mode", "nearest");
        if (!mode.equals("nearest") && !mode.equals("linear") && !mode.equals("bilinear")) {
            throw ShapeException.notModelled("a Resize in mode '" + GraphImport.printable(mode) + "': only nearest and linear upsampling are modelled",
                    "export the upsampling with mode nearest or linear");
        }
        boolean linear = !mode.equals("nearest");
        String nearest = Attributes.string(n, "nearest_mode", "round_prefer_floor");
        String coordinates = Attributes.string(n, "coordinate_transformation_mode", "half_pixel");
        long[] out = outputShape(n, shapes, x);
        if (x.length != 4 || out[0] != x[0] || out[1] != x[1] || out[2] % x[2] != 0 || out[3] % x[3] != 0 || out[2] / x[2] != out[3] / x[3]
                || out[2] / x[2] < 1) {
            throw ShapeException.notModelled("resizes " + Arrays.toString(x) + " to " + Arrays.toString(out)
                    + ": only upsampling of H and W by one integer factor is modelled", "upsample by 2, 3, … along both axes");
        }
        long s = out[2] / x[2];
        boolean halfPixel = coordinates.equals("half_pixel") || coordinates.equals("pytorch_half_pixel");
        boolean floorPixels = coordinates.equals("asymmetric") && nearest.equals("floor") || halfPixel;
        if (linear && !halfPixel && !n.getOpType().equals("Upsample")) {
            throw ShapeException.notModelled("a linear Resize with coordinate_transformation_mode '" + GraphImport.printable(coordinates)
                    + "': only half-pixel coordinates (PyTorch's align_corners=False) are modelled", "export with align_corners=False");
        }
        if (!linear && !floorPixels) {
            throw ShapeException.notModelled("a nearest Resize with coordinate_transformation_mode '" + GraphImport.printable(coordinates)
                    + "' and nearest_mode '" + GraphImport.printable(nearest) + "' picks other pixels than ⌊u / " + s + "⌋",
                    "export with asymmetric coordinates and floor rounding (PyTorch's nearest), or half_pixel");
        }
        ChannelView cv = shapes.channelView(in);
        if (cv != null) {
            // a concatenation or shuffled channels upsampled: each part's producer read upsampled
            if (cv.trailing().length != 2) {
                throw ShapeException.notModelled("upsamples channels regrouped over a flattened map", "upsample an [N, C, H, W] tensor");
            }
            List<String> tensors = new ArrayList<>();
            for (String t : cv.tensors()) {
                String alias = t + "#upsampled-" + s;
                if (shapes.knownShape(alias) == null) {
                    long[] ts = shapes.shape(t);
                    shapes.upsampled(t, alias, new Upsampling(s, linear), new long[] {ts[0], ts[1], ts[2] * s, ts[3] * s});
                }
                tensors.add(alias);
            }
            shapes.channelView(n.getOutput(0), new ChannelView(tensors, cv.channels(), cv.leading(),
                    new long[] {cv.trailing()[0] * s, cv.trailing()[1] * s}), out);
            graph.markFused(n, pos);
            return;
        }
        if (shapes.isConstant(in)) {
            shapes.constantShape(n.getOutput(0), out);
            return;
        }
        shapes.upsampled(in, n.getOutput(0), new Upsampling(s, linear), out);
        graph.markFused(n, pos);
    }

    /** From the sizes input (opset 11+), else the scales (an input from opset 10 on, an attribute of Upsample before). */
    private static long[] outputShape(OnnxMl.NodeProto n, ShapePropagation shapes, long[] x) {
        if (n.getInputCount() > 3 && !n.getInput(3).isEmpty()) {
            OnnxMl.TensorProto sizes = shapes.value(n.getInput(3));
            if (sizes == null) {
                throw new ShapeException("its sizes are not a constant", "fold constants before export (onnx-simplifier)");
            }
            return Attributes.longs(sizes);
        }
        float[] scales;
        String scalesInput = n.getOpType().equals("Upsample") ? (n.getInputCount() > 1 ? n.getInput(1) : "") : n.getInputCount() > 2 ? n.getInput(2)
                : n.getInputCount() > 1 ? n.getInput(1) : "";
        if (!scalesInput.isEmpty()) {
            OnnxMl.TensorProto t = shapes.value(scalesInput);
            if (t == null) {
                throw new ShapeException("its scales are not a constant", "fold constants before export (onnx-simplifier)");
            }
            scales = Attributes.floats(t);
        } else {
            scales = Attributes.floats(n, "scales");
        }
        if (scales == null || scales.length != x.length) {
            throw new ShapeException("no scales or sizes for its " + x.length + " axes", "give scales (e.g. [1, 1, 2, 2]) or sizes");
        }
        long[] out = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (long) Math.floor(x[i] * (double) scales[i]);
        }
        return out;
    }
}
