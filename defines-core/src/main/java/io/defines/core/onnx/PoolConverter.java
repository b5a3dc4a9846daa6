package io.defines.core.onnx;

import ai.onnx.proto.OnnxMl;
import java.util.List;

/**
 * MaxPool, AveragePool and GlobalAveragePool → a {@code Pooling} layer
 * {@code O[b][g][oy][ox]+=W[fx][fy]*I[b][g][iy][ix]} with 0-bit W; a global pool's kernel is the map.
 */
final class PoolConverter implements OpConverter {

    private final boolean global;

    PoolConverter(boolean global) {
        this.global = global;
    }

    @Override
    public int minInputs() {
        return 1;
    }

    @Override
    public void convert(OnnxMl.NodeProto n, int pos, GraphImport graph) {
        ShapePropagation shapes = graph.shapes();
        ShapePropagation.Padded in = shapes.unpadded(n.getInput(0)); // a Pad before the pooling is folded into its pads
        long[] x = shapes.shape(in.tensor());
        if (x.length != 4) {
            throw new ShapeException("only 2-D pooling (4-D tensors) is supported",
                    "export the pooling over an [N, C, H, W] tensor");
        }
        long[] read = shapes.shape(n.getInput(0));
        Window window = (global ? Window.global(read) : window(n, read)).plus(in.pads());
        boolean ceil = !global && Attributes.intAttr(n, "ceil_mode", 0) == 1;
        long oy = window.output(x, 0, ceil);
        long ox = window.output(x, 1, ceil);
        List<io.defines.core.input.LayerDto.PartSource> src = shapes.sources(in.tensor());
        LayerBuilder layer = graph.newLayer(n, pos, "Pooling")
                .equation("O[b][g][oy][ox]+=W[fx][fy]*I[b][g][iy][ix]")
                .relations(window.strides(), window.dilations())
                .loops(List.of("B", "G", "OY", "OX", "FX", "FY"), x[0], x[1], oy, ox, window.kernel()[1], window.kernel()[0])
                .precision(0, graph.options());
        layer.sources(layer.id(), src).padding(window.reachedPads(x, oy, ox));
        graph.add(n, layer, new long[] {x[0], x[1], oy, ox});
    }

    private static Window window(OnnxMl.NodeProto n, long[] x) {
        long[] kernel = Attributes.ints(n, "kernel_shape", null);
        if (kernel == null) {
            throw new ShapeException("no kernel_shape", "a pooling node needs kernel_shape");
        }
        return Window.of(n, x, kernel);
    }
}
