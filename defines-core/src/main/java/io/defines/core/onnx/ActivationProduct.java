package io.defines.core.onnx;

import ai.onnx.proto.OnnxMl;
import java.util.Arrays;
import java.util.List;

/**
 * MatMul of two activations (attention: Q·Kᵀ, then A·V), 2-D [T, C] × [C, K] (docs/onnx.md): a layer
 * with both operands from layers, {@code O[b][k]+=I[b][c]*W[…]}, B the rows (tokens). W is written in
 * its producer's order: {@code W[c][k]} when B is read as its producer wrote it, {@code W[k][c]} when B
 * is a Transpose of a 2-D producer's output (Kᵀ: the product reads K[s][d] as W[k = s][c = d]).
 * MACs T·K·C; nothing is counted as weights. Batched (3-D, 4-D) products are refused.
 */
final class ActivationProduct {

    private ActivationProduct() {
    }

    static void convert(OnnxMl.NodeProto n, int pos, GraphImport graph) {
        ShapePropagation shapes = graph.shapes();
        String a = n.getInput(0);
        String b = n.getInput(1);
        long[] x = shapes.shape(a);
        long[] y = shapes.shape(b);
        if (!n.getOpType().equals("MatMul") && (Attributes.intAttr(n, "transA", 0) != 0 || Attributes.intAttr(n, "transB", 0) != 0)) {
            throw ShapeException.notModelled("a Gemm of two activations with transA or transB is not modelled", "export it as MatMul");
        }
        if (x.length != 2 || y.length != 2) {
            throw ShapeException.notModelled("a product of two activations of shapes " + Arrays.toString(x) + " and " + Arrays.toString(y)
                    + ": only 2-D products are modelled (batched, multi-head products are not yet)", "export one head at a time as 2-D MatMuls");
        }
        if (x[1] != y[0]) {
            throw new ShapeException("the inner dims differ (" + Arrays.toString(x) + " × " + Arrays.toString(y) + ")", "check the export");
        }
        int ia = shapes.source(a);
        View v = shapes.view(b);
        boolean transposed = v != null && v.permuted();
        int ib = transposed ? shapes.sourceAnyOrder(b) : shapes.source(b);
        if (transposed && (v.canonical().length != 2 || ib < 0)) {
            throw ShapeException.notModelled("reads '" + GraphImport.printable(b) + "', a Transpose of " + Arrays.toString(v.canonical())
                    + ", as its second operand: only the transpose of a layer's 2-D output is modelled", "export Kᵀ as the Transpose of K's MatMul");
        }
        if (ia < 0) {
            throw ShapeException.notModelled("its first operand is the network input and its second an activation",
                    "a product of a network input and a layer's output is not modelled");
        }
        long t = x[0];
        long c = x[1];
        long k = y[1];
        // Kᵀ is a view of a layer's output, written over its rows when a is
        boolean rows = shapes.tokenRows(a) && (transposed || shapes.tokenRows(b));
        LayerBuilder layer = graph.newLayer(n, pos, "MatMul").precision(graph.options().activationBits(), graph.options());
        if (rows) {
            // the rows (tokens) of I as a feature-map axis; W, written by a layer over its own rows, is read whole
            layer.equation(transposed ? "O[b][k][oy][ox]+=I[b][c][oy][ox]*W[b][c][k][ox]" : "O[b][k][oy][ox]+=I[b][c][oy][ox]*W[b][k][c][ox]")
                    .loops(List.of("B", "K", "C", "OY", "OX"), 1, k, c, t, 1);
        } else {
            layer.equation(transposed ? "O[b][k]+=I[b][c]*W[k][c]" : "O[b][k]+=I[b][c]*W[c][k]")
                    .loops(List.of("B", "K", "C"), t, k, c);
        }
        layer.sources(ib, ia);
        graph.add(n, layer, new long[] {t, k});
        if (rows) {
            shapes.writtenByRows(n.getOutput(0));
        }
    }
}
