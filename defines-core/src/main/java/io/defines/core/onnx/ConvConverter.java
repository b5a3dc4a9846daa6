package io.defines.core.onnx;

import ai.onnx.proto.OnnxMl;
import io.defines.core.input.IntRange;
import java.util.Arrays;
import java.util.List;

/**
 * Conv → a {@code Conv} layer: {@code O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]}, or with a G
 * dimension for a depthwise convolution; other grouped convolutions count C per group, with a warning.
 */
final class ConvConverter implements OpConverter {

    @Override
    public int minInputs() {
        return 2;
    }

    @Override
    public void convert(OnnxMl.NodeProto n, int pos, GraphImport graph) {
        ShapePropagation shapes = graph.shapes();
        ShapePropagation.Padded in = shapes.unpadded(n.getInput(0)); // a Pad before the Conv is folded into its pads
        long[] x = shapes.shape(in.tensor());
        long[] w = shapes.shape(n.getInput(1));
        if (x.length != 4 || w.length != 4) {
            throw new ShapeException("only 2-D convolutions (4-D tensors) are supported, input has rank " + x.length,
                    "1-D/3-D convolutions are not modelled");
        }
        long group = Attributes.intAttr(n, "group", 1);
        if (group < 1 || group > IntRange.INT_MAX) {
            throw new ShapeException("group must be from 1 to " + IntRange.INT_MAX + " (2^31-1), found " + group, "group = 1 for a plain convolution");
        }
        if (x[1] != Math.multiplyExact(w[1], group)) {
            throw new ShapeException("the input has " + x[1] + " channels, the weight " + Arrays.toString(w) + " reads " + w[1] + " per group × " + group
                    + " group" + (group == 1 ? "" : "s"), "check the export: a convolution's weight is [K, C / group, kH, kW]");
        }
        Window window = Window.of(n, shapes.shape(n.getInput(0)), new long[] {w[2], w[3]}).plus(in.pads());
        long b = x[0];
        long c = x[1];
        long k = w[0];
        long oy = window.output(x, 0, false);
        long ox = window.output(x, 1, false);
        List<Integer> src = shapes.sources(in.tensor());
        LayerBuilder layer = graph.newLayer(n, pos, "Conv");
        boolean depthwise = group > 1 && group == c && k == c && w[1] == 1;
        if (group != 1 && !depthwise) {
            // a grouped convolution: C = channels per group (exact MACs and weights; the input tensor is read as C/g channels)
            graph.warning(pos, n, "grouped convolution (" + group + " groups) modelled as one convolution with C = " + w[1]
                            + " input channels per output channel: MACs and weights are exact, the input tensor is counted as " + w[1]
                            + " instead of " + c + " channels",
                    "accept the approximation, or split the groups into separate convolutions before export");
            c = w[1];
        }
        if (depthwise) {
            layer.equation("O[b][g][oy][ox]+=W[g][fy][fx]*I[b][g][iy][ix]")
                    .loops(List.of("B", "G", "OY", "OX", "FY", "FX"), b, k, oy, ox, w[2], w[3]);
        } else {
            layer.equation("O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]")
                    .loops(List.of("B", "K", "C", "OY", "OX", "FY", "FX"), b, k, c, oy, ox, w[2], w[3]);
        }
        layer.relations(window.strides(), window.dilations())
                .precision(graph.options().weightBits(), graph.options())
                .sources(layer.id(), src)
                .padding(window.reachedPads(x, oy, ox));
        graph.add(n, layer, new long[] {b, k, oy, ox});
    }
}
