package io.defines.core.onnx;

import ai.onnx.proto.OnnxMl;
import io.defines.core.input.IntRange;
import java.util.Arrays;

/**
 * ConstantOfShape with a constant shape input → a constant of that shape, no layer (the ONNX model
 * zoo's "light" copies store every weight so; like an initializer, only its dims matter).
 */
final class ConstantOfShapeConverter implements OpConverter {

    @Override
    public int minInputs() {
        return 1;
    }

    @Override
    public void convert(OnnxMl.NodeProto n, int pos, GraphImport graph) {
        OnnxMl.TensorProto shape = graph.shapes().value(n.getInput(0));
        if (shape == null) {
            throw new ShapeException("its shape input '" + GraphImport.printable(n.getInput(0)) + "' is not a constant",
                    "fold constants before export (onnx-simplifier) so ConstantOfShape gets a constant shape");
        }
        long[] dims = Attributes.longs(shape);
        for (long d : dims) {
            if (d < 0 || d > IntRange.INT_MAX) {
                throw new ShapeException("the shape " + Arrays.toString(dims) + " holds " + d + ": dims are from 0 to " + IntRange.INT_MAX + " (2^31-1)",
                        "the model is malformed; re-export it");
            }
        }
        graph.shapes().constantShape(n.getOutput(0), dims);
    }
}
