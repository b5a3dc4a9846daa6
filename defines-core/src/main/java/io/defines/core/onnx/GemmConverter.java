package io.defines.core.onnx;

import ai.onnx.proto.OnnxMl;
import io.defines.core.input.LayerDto;
import java.util.Arrays;
import java.util.List;

/**
 * Gemm and MatMul of an activation and a constant weight (or a graph input as the second operand) → a
 * layer {@code O[b][k]+=W[k][c]*I[b][c]}; on a flattened 4-D map, a convolution whose kernel covers the
 * map (same MACs, weights and input). Of two activations: {@link ActivationProduct}.
 */
final class GemmConverter implements OpConverter {

    @Override
    public int minInputs() {
        return 2;
    }

    @Override
    public void convert(OnnxMl.NodeProto n, int pos, GraphImport graph) {
        ShapePropagation shapes = graph.shapes();
        String a = n.getInput(0);
        String bName = n.getInput(1);
        boolean aConst = shapes.isConstant(a);
        // a graph input as the second operand is a weight given at run time (Stream's attention head): fetched like a constant
        boolean bConst = shapes.isConstant(bName) || shapes.isGraphInput(bName) && !aConst && shapes.knownShape(bName) != null
                && shapes.knownShape(bName).length == 2;
        if (aConst && bConst) {
            throw new ShapeException("both inputs are constants", "only products with an activation are modelled");
        }
        if (!aConst && !bConst) {
            ActivationProduct.convert(n, pos, graph);
            return;
        }
        long[] x = shapes.shape(aConst ? bName : a);
        long[] w = shapes.shape(aConst ? a : bName);
        if (x.length != 2 || w.length != 2) {
            throw new ShapeException("only 2-D matrix products are supported (shapes " + Arrays.toString(x) + " and " + Arrays.toString(w) + ")",
                    "flatten the input first (Flatten before Gemm)");
        }
        boolean gemm = n.getOpType().equals("Gemm");
        boolean transB = Attributes.intAttr(n, "transB", 0) == 1 && gemm;
        boolean transA = Attributes.intAttr(n, "transA", 0) == 1 && gemm;
        if (transA || aConst) {
            throw new ShapeException("a transposed or constant first operand is not supported", "export with the activation as the first input");
        }
        long b = x[0];
        long c = x[1];
        long k = transB ? w[0] : w[1];
        long wc = transB ? w[1] : w[0];
        if (wc != c) {
            throw new ShapeException("the weight has " + wc + " input features, the input " + c, "check the export's Flatten/Reshape before it");
        }
        // read in any order: a Transpose before the Gemm permutes its weight alike; a concatenation from each part's producer
        List<LayerDto.PartSource> src = shapes.channelView(a) != null ? shapes.sources(a)
                : List.of(new LayerDto.PartSource(shapes.sourceAnyOrder(a), null, null));
        LayerBuilder layer = graph.newLayer(n, pos, n.getOpType());
        long[] origin = shapes.flattenedFrom(a);
        if (origin != null && src.get(0).layer() >= 0 && origin[1] * origin[2] * origin[3] == c) {
            layer.equation("O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]")
                    .relations(Window.ONES, Window.ONES)
                    .loops(List.of("B", "K", "C", "OY", "OX", "FY", "FX"), b, k, origin[1], 1, 1, origin[2], origin[3]);
            shapes.flattened(n.getOutput(0), new long[] {b, k, 1, 1});
        } else if (shapes.tokenRows(a) && shapes.view(a) == null && shapes.channelView(a) == null) {
            // rows as a feature-map axis (a transformer's tokens): a stack tiles over them
            layer.equation("O[b][k][oy][ox]+=W[k][c]*I[b][c][oy][ox]")
                    .loops(List.of("B", "K", "C", "OY", "OX"), 1, k, c, b, 1);
            layer.precision(graph.options().weightBits(), graph.options()).sources(layer.id(), src);
            graph.add(n, layer, new long[] {b, k});
            shapes.writtenByRows(n.getOutput(0));
            return;
        } else {
            layer.equation("O[b][k]+=W[k][c]*I[b][c]")
                    .loops(List.of("B", "K", "C"), b, k, c);
        }
        layer.precision(graph.options().weightBits(), graph.options()).sources(layer.id(), src);
        graph.add(n, layer, new long[] {b, k});
    }
}
