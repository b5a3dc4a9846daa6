package io.defines.core.onnx;

import ai.onnx.proto.OnnxMl;
import io.defines.core.input.LayerDto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Add, Sub, Mul, Div and Sum (docs/onnx.md). With one activation input and constants (a bias, a
 * scale, a per-channel [C, 1, 1] or scalar operand that does not enlarge the activation): fused into
 * the producer, zero cost, like BatchNormalization. With two activations of equal 4-D shape: an
 * element-wise layer {@code O[b][g][oy][ox]=W[b][g][oy][ox]+I[b][g][oy][ox]} (type {@code Add} for
 * Add/Sub/Sum, {@code Mul} with {@code *} for Mul/Div), one operation per output element. An
 * [N, C, 1, 1] activation over an [N, C, H, W] one (squeeze-excitation's channel scaling) reads its
 * operand as {@code W[b][g][sy][sx]} with SY = SX = 1: no feature-map axis, so the depth-first engine
 * reads it whole. Sum of n activations: a chain of n − 1 Add layers. Two activations of equal shape
 * [T, K] (two Gemm or MatMul outputs: SwiGLU's gate) give {@code O[b][k]=W[b][k]*I[b][k]}; two activations of
 * equal shape of another kind (post-processing on reshaped boxes and scores) are fused; other
 * broadcasts are refused.
 */
final class AddConverter implements OpConverter {

    private final boolean nary;

    /** Add, Sub, Mul and Div: two inputs. */
    AddConverter() {
        this(false);
    }

    /** {@code nary}: Sum, one or more inputs. */
    AddConverter(boolean nary) {
        this.nary = nary;
    }

    @Override
    public int minInputs() {
        return nary ? 1 : 2;
    }

    @Override
    public void convert(OnnxMl.NodeProto n, int pos, GraphImport graph) {
        ShapePropagation shapes = graph.shapes();
        List<String> acts = new ArrayList<>();
        List<long[]> actShapes = new ArrayList<>();
        long[] out = new long[0];
        for (String t : n.getInputList()) {
            if (t.isEmpty() || shapes.isConstant(t) && shapes.knownShape(t) == null) {
                continue; // a scalar Constant (value_float) broadcasts to anything without enlarging it
            }
            long[] s = shapes.shape(t);
            if (!shapes.isConstant(t)) {
                acts.add(t);
                actShapes.add(s);
            }
            long[] b = broadcast(out, s);
            if (b == null) {
                throw new ShapeException("its inputs' shapes do not broadcast (" + shapesOf(n, shapes) + ")",
                        "ONNX broadcasting aligns shapes from the right, each dim equal or 1; check the export");
            }
            out = b;
        }
        if (acts.isEmpty()) {
            graph.fuse(n, pos); // constants only: the output is a constant
            return;
        }
        long[] a = actShapes.get(0);
        boolean equal = actShapes.stream().allMatch(s -> Arrays.equals(s, a));
        if (equal && !Arrays.equals(out, a)) {
            throw new ShapeException("a constant input enlarges the activation " + Arrays.toString(a) + " to " + Arrays.toString(out),
                    "only constants that broadcast into the activation's shape (a scalar, a per-channel [C, 1, 1] bias or scale) are modelled");
        }
        if (equal && acts.size() > 1 && a.length == 2 && acts.stream().allMatch(t -> layerRows(shapes, t))) {
            chain(n, pos, graph, acts, a); // SwiGLU's gate: an element-wise layer over two Gemm/MatMul outputs
        } else if (acts.size() == 1 || equal && a.length != 4) {
            graph.fuse(n, pos); // a bias or scale by constants; or post-processing on non-4-D tensors: zero cost
        } else if (equal) {
            chain(n, pos, graph, acts, a);
        } else if (acts.size() == 2 && channelScale(actShapes)) {
            int full = actShapes.get(0)[2] == 1 && actShapes.get(0)[3] == 1 ? 1 : 0;
            if (!Arrays.equals(out, actShapes.get(full))) {
                throw new ShapeException("a constant input enlarges the output to " + Arrays.toString(out), "only constants that broadcast into the activation's shape are modelled");
            }
            scale(n, pos, graph, acts.get(full), acts.get(1 - full), out);
        } else {
            throw new ShapeException("activation inputs of shapes " + shapesOf(n, shapes)
                    + ": only equal shapes, or an [N, C, 1, 1] activation over an [N, C, H, W] one, are modelled",
                    "check the exported shapes: a residual addition reads two tensors of one shape, a channel attention an [N, C, 1, 1] scale");
        }
    }

    /** Whether {@code t} is a layer's 2-D output as written (a Gemm's, a MatMul's), not post-processing on a reshaped map. */
    private static boolean layerRows(ShapePropagation shapes, String t) {
        return shapes.hasProducer(t) && !shapes.isOutputOnly(t) && shapes.channelView(t) == null && shapes.flattenedFrom(t) == null
                && shapes.view(t) == null;
    }

    /** An [N, C, H, W] and an [N, C, 1, 1] activation, in either order. */
    private static boolean channelScale(List<long[]> s) {
        if (s.get(0).length != 4 || s.get(1).length != 4) {
            return false;
        }
        boolean firstSmall = s.get(0)[2] == 1 && s.get(0)[3] == 1;
        long[] f = firstSmall ? s.get(1) : s.get(0);
        long[] c = firstSmall ? s.get(0) : s.get(1);
        return f[0] == c[0] && f[1] == c[1] && c[2] == 1 && c[3] == 1;
    }

    /** Layers {@code acc ∘ acts[k]} for k = 1 … m − 1; the last writes the node's output. */
    private void chain(OnnxMl.NodeProto n, int pos, GraphImport graph, List<String> acts, long[] s) {
        ShapePropagation shapes = graph.shapes();
        String type = type(n);
        // two [T, K] outputs written over their rows: the same rows as a feature-map axis
        boolean rows = s.length == 2 && acts.stream().allMatch(shapes::tokenRows);
        List<LayerDto.PartSource> acc = shapes.sources(acts.get(0));
        for (int k = 1; k < acts.size(); k++) {
            List<LayerDto.PartSource> other = shapes.sources(acts.get(k));
            boolean last = k == acts.size() - 1;
            LayerBuilder layer = graph.newLayer(n, pos, type, last ? "" : "/" + k);
            if (s.length == 2 && !rows) {
                layer.equation("O[b][k]=W[b][k]" + operator(type) + "I[b][k]").loops(List.of("B", "K"), s[0], s[1]);
            } else {
                // a [T, K] pair written over its rows is the map [1, K, T, 1]
                long[] map = rows ? new long[] {1, s[1], s[0], 1} : s;
                layer.equation("O[b][g][oy][ox]=W[b][g][oy][ox]" + operator(type) + "I[b][g][oy][ox]")
                        .loops(List.of("B", "G", "OY", "OX"), map);
            }
            layer.precision(graph.options().activationBits(), graph.options());
            // a graph input is read as I (an operand W from outside the network would count as weights)
            boolean accIsInput = acc.size() == 1 && acc.get(0).layer() < 0;
            layer.sources(accIsInput ? other : acc, accIsInput ? acc : other);
            String tensor = last ? n.getOutput(0) : n.getOutput(0) + "#partial-sum-" + k;
            graph.add(tensor, layer, s);
            if (rows) {
                shapes.writtenByRows(tensor);
            }
            acc = List.of(new LayerDto.PartSource(layer.id(), null, null));
        }
    }

    /** {@code O[b][g][oy][ox]=W[b][g][sy][sx]*I[b][g][oy][ox]}: the [N, C, 1, 1] operand W over the map I. */
    private void scale(OnnxMl.NodeProto n, int pos, GraphImport graph, String map, String channels, long[] s) {
        ShapePropagation shapes = graph.shapes();
        String type = type(n);
        LayerBuilder layer = graph.newLayer(n, pos, type, "")
                .equation("O[b][g][oy][ox]=W[b][g][sy][sx]" + operator(type) + "I[b][g][oy][ox]")
                .loops(List.of("B", "G", "OY", "OX", "SY", "SX"), s[0], s[1], s[2], s[3], 1, 1)
                .precision(graph.options().activationBits(), graph.options());
        layer.sources(shapes.source(channels), shapes.source(map));
        graph.add(n.getOutput(0), layer, s);
    }

    private String type(OnnxMl.NodeProto n) {
        return n.getOpType().equals("Mul") || n.getOpType().equals("Div") ? "Mul" : "Add";
    }

    private static String operator(String type) {
        return type.equals("Mul") ? "*" : "+";
    }

    /** ONNX (numpy) broadcasting of two shapes; null when they do not broadcast. */
    static long[] broadcast(long[] a, long[] b) {
        int rank = Math.max(a.length, b.length);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long x = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            long y = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (x != y && x != 1 && y != 1) {
                return null;
            }
            out[i] = x == 1 ? y : x;
        }
        return out;
    }

    private static String shapesOf(OnnxMl.NodeProto n, ShapePropagation shapes) {
        List<String> s = new ArrayList<>();
        for (String t : n.getInputList()) {
            long[] k = t.isEmpty() ? null : shapes.knownShape(t);
            s.add(k == null ? "?" : Arrays.toString(k));
        }
        return String.join(" and ", s);
    }
}
