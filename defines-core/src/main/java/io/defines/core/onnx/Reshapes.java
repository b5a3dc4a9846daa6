package io.defines.core.onnx;

import ai.onnx.proto.OnnxMl;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The output shapes of the reshaping operators (Flatten, Reshape, Squeeze, Unsqueeze), by ONNX's rules. */
final class Reshapes {

    private Reshapes() {
    }

    /** The output shape of Flatten, Reshape, Squeeze or Unsqueeze {@code n} over an input of shape {@code s}; other ops keep {@code s}. */
    static long[] of(OnnxMl.NodeProto n, long[] s, Map<String, OnnxMl.TensorProto> constants) {
        return switch (n.getOpType()) {
            case "Flatten" -> flatten(n, s);
            case "Reshape" -> reshape(n, s, constants);
            case "Squeeze" -> squeeze(n, s, constants);
            case "Unsqueeze" -> unsqueeze(n, s, constants);
            default -> s;
        };
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

    private static long[] reshape(OnnxMl.NodeProto n, long[] s, Map<String, OnnxMl.TensorProto> initializers) {
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
    private static long[] axes(OnnxMl.NodeProto n, Map<String, OnnxMl.TensorProto> initializers) {
        long[] axes = Attributes.ints(n, "axes", null);
        if (axes == null && n.getInputCount() > 1 && initializers.containsKey(n.getInput(1))) {
            axes = Attributes.longs(initializers.get(n.getInput(1)));
        }
        return axes;
    }

    /** Drops the given axes, or without axes every axis of size 1. */
    private static long[] squeeze(OnnxMl.NodeProto n, long[] s, Map<String, OnnxMl.TensorProto> initializers) {
        long[] axes = axes(n, initializers);
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
    private static long[] unsqueeze(OnnxMl.NodeProto n, long[] s, Map<String, OnnxMl.TensorProto> initializers) {
        long[] axes = axes(n, initializers);
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
