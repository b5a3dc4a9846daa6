package io.defines.core.onnx;

import ai.onnx.proto.OnnxMl;
import java.util.Arrays;
import java.util.List;

/**
 * Add of two activations of equal 4-D shape → an {@code Add} layer
 * {@code O[b][g][oy][ox]=W[b][g][oy][ox]+I[b][g][oy][ox]}, W and I in ONNX input order; Add of one
 * activation and a constant (a bias) is fused into the producer.
 */
final class AddConverter implements OpConverter {

    @Override
    public void convert(OnnxMl.NodeProto n, int pos, GraphImport graph) {
        ShapePropagation shapes = graph.shapes();
        List<String> acts = n.getInputList().stream().filter(t -> !shapes.isConstant(t)).toList();
        if (acts.size() == 1) {
            graph.fuse(n, pos);
            return;
        }
        if (acts.size() != 2) {
            throw new ShapeException("Add with " + acts.size() + " activation inputs", "two activation inputs (a residual addition) are modelled");
        }
        long[] a = shapes.shape(acts.get(0));
        long[] b = shapes.shape(acts.get(1));
        if (!Arrays.equals(a, b) || a.length != 4) {
            throw new ShapeException("inputs of shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                    + ": only equal 4-D shapes (no broadcasting) are modelled",
                    "check the exported shapes: a residual Add reads two [N, C, H, W] tensors of the same shape");
        }
        LayerBuilder layer = graph.newLayer(n, pos, "Add")
                .equation("O[b][g][oy][ox]=W[b][g][oy][ox]+I[b][g][oy][ox]")
                .loops(List.of("B", "G", "OY", "OX"), a[0], a[1], a[2], a[3])
                .precision(graph.options().activationBits(), graph.options())
                .sources(shapes.source(acts.get(0)), shapes.source(acts.get(1)));
        graph.add(n, layer, a);
    }
}
