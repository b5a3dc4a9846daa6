package io.defines.core.onnx;

import ai.onnx.proto.OnnxMl;
import io.defines.core.input.IntRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Conv → a {@code Conv} layer: {@code O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]}, or with a G
 * dimension for a depthwise convolution; a grouped convolution of g groups → g such layers (name/g0, …),
 * each reading its C/g channels of the input, their outputs concatenated.
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
        boolean depthwise = group > 1 && group == c && k == c && w[1] == 1;
        long[] pads = window.reachedPads(x, oy, ox);
        if (group == 1 || depthwise) {
            LayerBuilder layer = graph.newLayer(n, pos, "Conv");
            equation(layer, depthwise, b, k, c, oy, ox, w);
            layer.relations(window.strides(), window.dilations()).precision(graph.options().weightBits(), graph.options())
                    .sources(layer.id(), shapes.sources(in.tensor())).padding(pads);
            graph.add(n, layer, new long[] {b, k, oy, ox});
            return;
        }
        // a grouped convolution: one layer per group, reading its C/g input channels and writing its K/g outputs (exact MACs,
        // weights and tensors); the node's output is the groups' outputs concatenated
        if (b != 1) {
            throw ShapeException.notModelled("a grouped convolution over a batch of " + b + " is not modelled", "export with batch 1");
        }
        if (k % group != 0) {
            throw new ShapeException(k + " output channels do not split into " + group + " groups", "check the export: K is a multiple of group");
        }
        ChannelView input = shapes.channelView(in.tensor()) != null ? shapes.channelView(in.tensor()) : ChannelView.of(in.tensor(), x);
        long cg = w[1];
        long kg = k / group;
        List<ChannelView> outputs = new ArrayList<>();
        for (int g = 0; g < group; g++) {
            long[] picked = java.util.stream.LongStream.range(g * cg, (g + 1) * cg).toArray();
            String part = n.getOutput(0) + "#group-" + g;
            shapes.channelView(part + "#input", input.select(1, picked, false), new long[] {b, cg, x[2], x[3]});
            LayerBuilder layer = graph.newLayer(n, pos, "Conv", "/g" + g);
            equation(layer, false, b, kg, cg, oy, ox, w);
            layer.relations(window.strides(), window.dilations()).precision(graph.options().weightBits(), graph.options())
                    .sources(layer.id(), shapes.sources(part + "#input")).padding(pads);
            graph.add(part, layer, new long[] {b, kg, oy, ox});
            outputs.add(ChannelView.of(part, new long[] {b, kg, oy, ox}));
        }
        shapes.channelView(n.getOutput(0), ChannelView.concat(outputs), new long[] {b, k, oy, ox});
    }

    private static void equation(LayerBuilder layer, boolean depthwise, long b, long k, long c, long oy, long ox, long[] w) {
        if (depthwise) {
            layer.equation("O[b][g][oy][ox]+=W[g][fy][fx]*I[b][g][iy][ix]")
                    .loops(List.of("B", "G", "OY", "OX", "FY", "FX"), b, k, oy, ox, w[2], w[3]);
        } else {
            layer.equation("O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]")
                    .loops(List.of("B", "K", "C", "OY", "OX", "FY", "FX"), b, k, c, oy, ox, w[2], w[3]);
        }
    }
}
