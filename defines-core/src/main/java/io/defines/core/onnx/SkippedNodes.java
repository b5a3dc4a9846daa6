package io.defines.core.onnx;

import ai.onnx.proto.OnnxMl;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --skip-unsupported}: an unsupported node is treated as an identity (its output = its first
 * activation input, no cost) only where its output has that input's shape — known from the graph's
 * {@code value_info} or outputs, or from the semantics of an element-wise operator — so that skipping
 * never changes a later layer's size. Any other unsupported node is refused at the node.
 */
final class SkippedNodes {

    /** Unsupported operators whose output has their input's shape (element-wise or normalising, one output). */
    static final Set<String> SHAPE_PRESERVING = Set.of("Abs", "Neg", "Sqrt", "Log", "Erf", "Floor", "Ceil", "Round", "Cast", "Elu",
            "Selu", "Celu", "Softplus", "Softsign", "Mish", "Gelu", "ThresholdedRelu", "Reciprocal", "Sign", "Sin", "Cos", "Not",
            "LogSoftmax", "Hardmax", "Shrink", "InstanceNormalization", "GroupNormalization",
            "MeanVarianceNormalization", "QuantizeLinear", "DequantizeLinear");

    /** Tensor → its declared shape (value_info and graph outputs with fixed dims). */
    private final Map<String, long[]> declared = new HashMap<>();

    SkippedNodes(OnnxMl.GraphProto g) {
        for (List<OnnxMl.ValueInfoProto> list : List.of(g.getValueInfoList(), g.getOutputList())) {
            for (OnnxMl.ValueInfoProto v : list) {
                long[] s = OnnxImporter.shapeOf(v);
                if (s != null) {
                    declared.put(v.getName(), s);
                }
            }
        }
    }

    /** Skips {@code n} with a warning when its output keeps its input's shape; else refuses it. */
    void skip(OnnxMl.NodeProto n, int pos, GraphImport graph) {
        ShapePropagation shapes = graph.shapes();
        String in = n.getInputList().stream().filter(t -> !t.isEmpty() && !shapes.isConstant(t)).findFirst().orElse(null);
        String op = GraphImport.printable(n.getOpType());
        if (in == null) {
            graph.warning(pos, n, "unsupported operator skipped: it reads only constants, so its output is a constant (no cost)",
                    "list the operator in docs/onnx.md's table or remove it from the export");
            shapes.passThrough(n);
            return;
        }
        long[] s = shapes.shape(in);
        long[] out = declared.get(n.getOutput(0));
        if (out == null && SHAPE_PRESERVING.contains(n.getOpType())) {
            out = s;
        }
        if (out == null || !Arrays.equals(out, s) || n.getOutputList().stream().filter(o -> !o.isEmpty()).count() > 1) {
            String why = out == null ? "its output shape is unknown (the model has no value_info for '" + GraphImport.printable(n.getOutput(0)) + "')"
                    : !Arrays.equals(out, s) ? "its output " + Arrays.toString(out) + " differs from its input " + Arrays.toString(s)
                    : "it has more than one output";
            graph.error(pos, n, "operator " + op + " is not supported and cannot be skipped: " + why
                            + ", so treating it as an identity would change the layers after it",
                    "--skip-unsupported skips only nodes whose output has their input's shape; remove the " + op
                            + " from the export, or run onnx.shape_inference.infer_shapes so its output shape is known");
            return;
        }
        graph.warning(pos, n, "unsupported operator skipped: its output (" + Arrays.toString(s) + ") is treated as its first input (no cost)",
                "list the operator in docs/onnx.md's table or remove it from the export");
        shapes.passThrough(n);
    }
}
