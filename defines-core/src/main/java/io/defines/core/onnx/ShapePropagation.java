package io.defines.core.onnx;

import ai.onnx.proto.OnnxMl;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the importer knows about the graph's tensors as it walks the nodes in order: each tensor's
 * shape (from the graph inputs, the initializers' and Constant nodes' dims, and the nodes so far),
 * which tensors are constants, which layer produces each tensor, and the 4-D map a flattened tensor
 * came from. Operators that only reshape or do element-wise work pass their input through
 * ({@link #passThrough}).
 */
final class ShapePropagation {

    private final Map<String, long[]> shapes = new HashMap<>();
    /** tensor → the layer id producing it (after pass-through aliasing); absent = a graph input */
    private final Map<String, Integer> producer = new HashMap<>();
    private final Set<String> constants = new HashSet<>();
    private final Map<String, OnnxMl.TensorProto> initializers = new HashMap<>();
    /** A flattened tensor → the 4-D shape it was flattened from (a Gemm on it is written as a convolution over that shape). */
    private final Map<String, long[]> flattenedFrom = new HashMap<>();

    /** A constant tensor with its value: an initializer, or a Constant node's output. */
    void constant(String name, OnnxMl.TensorProto value) {
        initializers.put(name, value);
        constants.add(name);
        shapes.put(name, Attributes.dims(value));
    }

    boolean isInitializer(String name) {
        return initializers.containsKey(name);
    }

    /** A graph input of a fixed shape. */
    void input(String name, long[] shape) {
        shapes.put(name, shape);
    }

    /** The tensors whose shapes are known so far. */
    Set<String> known() {
        return new HashSet<>(shapes.keySet());
    }

    /** A Constant node: its outputs are constants, with a shape when the value is a tensor. */
    void constantNode(OnnxMl.NodeProto n) {
        OnnxMl.AttributeProto v = Attributes.attr(n, "value");
        for (String o : n.getOutputList()) {
            if (v != null && v.hasT()) {
                constant(o, v.getT());
            } else {
                constants.add(o);
            }
        }
    }

    boolean isConstant(String tensor) {
        return constants.contains(tensor);
    }

    /** The shape of {@code tensor}; a {@link ShapeException} when it is not known. */
    long[] shape(String tensor) {
        long[] s = shapes.get(tensor);
        if (s == null) {
            throw new ShapeException("the shape of its input '" + tensor + "' is unknown",
                    "export with fixed input shapes, or run onnx.shape_inference.infer_shapes on the model");
        }
        return s;
    }

    /** The shape of {@code tensor}, or null when it is not known. */
    long[] knownShape(String tensor) {
        return shapes.get(tensor);
    }

    /** The id of the layer producing {@code tensor}, or −1 for a graph input. */
    int source(String tensor) {
        return producer.getOrDefault(tensor, -1);
    }

    /** Layer {@code id} writes {@code tensor} of {@code shape}. */
    void produced(String tensor, int id, long[] shape) {
        producer.put(tensor, id);
        shapes.put(tensor, shape);
    }

    /** The 4-D shape {@code tensor} was flattened from, or null. */
    long[] flattenedFrom(String tensor) {
        return flattenedFrom.get(tensor);
    }

    void flattened(String tensor, long[] from) {
        flattenedFrom.put(tensor, from);
    }

    /**
     * The node's output is its first activation input, reshaped where the operator says so; false
     * (and the outputs become constants) when the node has no activation input.
     */
    boolean passThrough(OnnxMl.NodeProto n) {
        String in = n.getInputList().stream().filter(t -> !t.isEmpty() && !constants.contains(t)).findFirst().orElse(null);
        if (in == null) {
            constants.addAll(n.getOutputList());
            return false;
        }
        long[] s = shape(in);
        long[] out = switch (n.getOpType()) {
            case "Flatten" -> flatten(n, s);
            case "Reshape" -> reshape(n, s);
            case "Squeeze" -> squeeze(n, s);
            case "Unsqueeze" -> unsqueeze(n, s);
            default -> s;
        };
        String o = n.getOutput(0);
        shapes.put(o, out);
        if (producer.containsKey(in)) {
            producer.put(o, producer.get(in));
        }
        long[] origin = flattenedFrom.getOrDefault(in, s.length == 4 ? s : null);
        if (origin != null && out.length != 4) {
            flattenedFrom.put(o, origin);
        } else if (out.length == 4 && flattenedFrom.containsKey(in)) {
            flattenedFrom.remove(o);
        }
        return true;
    }

    private static long[] flatten(OnnxMl.NodeProto n, long[] s) {
        long axis = Attributes.intAttr(n, "axis", 1);
        if (axis < -s.length || axis > s.length) {
            throw new ShapeException("axis " + axis + " is outside -" + s.length + " to " + s.length + " for an input of rank " + s.length,
                    "ONNX Flatten's axis is from -rank to rank");
        }
        int ax = (int) (axis < 0 ? axis + s.length : axis);
        long a = 1;
        long b = 1;
        for (int i = 0; i < s.length; i++) {
            if (i < ax) {
                a = Math.multiplyExact(a, s[i]);
            } else {
                b = Math.multiplyExact(b, s[i]);
            }
        }
        return new long[] {a, b};
    }

    private long[] reshape(OnnxMl.NodeProto n, long[] s) {
        OnnxMl.TensorProto t = n.getInputCount() > 1 ? initializers.get(n.getInput(1)) : null;
        if (t == null) {
            throw new ShapeException("the target shape is not a constant", "fold constants before export (onnx-simplifier) so Reshape gets a constant shape");
        }
        long[] target = Attributes.longs(t);
        long total = Arrays.stream(s).reduce(1, Math::multiplyExact);
        long known = 1;
        int free = -1;
        for (int i = 0; i < target.length; i++) {
            if (target[i] == 0 && i < s.length) {
                target[i] = s[i];
            }
            if (target[i] == -1 && free < 0) {
                free = i;
            } else if (target[i] < 1) {
                throw new ShapeException("the target shape " + Arrays.toString(Attributes.longs(t)) + " has " + target[i] + " at position " + i,
                        "a Reshape target holds positive dims, 0 (copy the input's) or one -1 (inferred)");
            } else {
                known = Math.multiplyExact(known, target[i]);
            }
        }
        if (free >= 0) {
            target[free] = total / known;
        }
        return target;
    }

    /** The {@code axes} attribute, else a constant second input; null when neither. */
    private long[] axes(OnnxMl.NodeProto n) {
        long[] axes = Attributes.ints(n, "axes", null);
        if (axes == null && n.getInputCount() > 1 && initializers.containsKey(n.getInput(1))) {
            axes = Attributes.longs(initializers.get(n.getInput(1)));
        }
        return axes;
    }

    /** Drops the given axes, or without axes every axis of size 1. */
    private long[] squeeze(OnnxMl.NodeProto n, long[] s) {
        long[] axes = axes(n);
        Set<Long> ax = new HashSet<>();
        if (axes != null) {
            for (long a : axes) {
                ax.add(a < 0 ? a + s.length : a);
            }
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            if (!(axes == null ? s[i] == 1 : ax.contains((long) i))) {
                out.add(s[i]);
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    /** Inserts axes of size 1 at the given positions of the output. */
    private long[] unsqueeze(OnnxMl.NodeProto n, long[] s) {
        long[] axes = axes(n);
        if (axes == null) {
            throw new ShapeException("Unsqueeze without constant axes", "fold constants before export");
        }
        int rank = s.length + axes.length;
        Set<Long> ax = new HashSet<>();
        for (long a : axes) {
            if (a < -rank || a >= rank || !ax.add(a < 0 ? a + rank : a)) {
                throw new ShapeException("axes " + Arrays.toString(axes) + " are not distinct axes from -" + rank + " to " + (rank - 1),
                        "ONNX Unsqueeze's axes are distinct positions of the output, from -rank to rank - 1");
            }
        }
        long[] out = new long[rank];
        int k = 0;
        for (int i = 0; i < rank; i++) {
            out[i] = ax.contains((long) i) ? 1L : s[k++];
        }
        return out;
    }
}
