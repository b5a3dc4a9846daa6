package io.defines.core.onnx;

import ai.onnx.proto.OnnxMl;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Transpose → no layer. Of a constant (a weight stored transposed): a constant of the permuted shape. Of
 * the network input: the network input in the permuted order (it can be supplied in any order). Of an
 * activation: fused, the consumer sees the permuted shape and the tensor remembers how its elements lie
 * in its producer's output ({@link View}); a Gemm may read them in any order (its weight
 * is permuted alike, same MACs), other layers only in the producer's order (an NHWC↔NCHW pair undoes
 * itself), else the layer is refused ({@link ShapePropagation#source}).
 */
final class TransposeConverter implements OpConverter {

    @Override
    public int minInputs() {
        return 1;
    }

    @Override
    public void convert(OnnxMl.NodeProto n, int pos, GraphImport graph) {
        ShapePropagation shapes = graph.shapes();
        String in = n.getInput(0);
        long[] s = shapes.shape(in);
        int[] perm = perm(n, s.length);
        long[] out = new long[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[perm[i]];
        }
        if (shapes.isConstant(in)) {
            shapes.constantShape(n.getOutput(0), out);
            return;
        }
        ChannelView cv = shapes.channelView(in);
        ChannelView moved = cv == null ? null : cv.transposed(perm);
        if (moved != null) {
            // channels reordered over the same pixels (ShuffleNet's channel shuffle)
            shapes.channelView(n.getOutput(0), moved, out);
            graph.markFused(n, pos);
            return;
        }
        if (cv != null && !cv.trivial() || shapes.isOutputOnly(in)) {
            // a detector's heads joined and reordered for its output
            shapes.outputOnly(n.getOutput(0), out, "a Transpose moving the pixels of a concatenation or of shuffled channels");
            graph.markFused(n, pos);
            return;
        }
        int src = shapes.sourceAnyOrder(in); // a Pad's output is refused here
        View v = shapes.view(in);
        if (src < 0 && v == null) {
            shapes.input(n.getOutput(0), out);
        } else {
            View base = v != null ? v : View.of(s);
            shapes.viewed(in, n.getOutput(0), out, new View(base.canonical(), reorder(base, s, perm)));
        }
        graph.markFused(n, pos);
    }

    /**
     * Runs {@code convert} for node {@code n}; when its activation inputs (two or more) are all read through
     * the same reordering of equal producer shapes (an Add between NHWC↔NCHW pairs), in the producers'
     * order: the inputs are shown with the producers' shape while it runs, and the layer's output is then
     * read through that reordering too, so that the inverse Transpose after it undoes it.
     */
    static void inProducerOrder(ShapePropagation shapes, OnnxMl.NodeProto n, Runnable convert) {
        List<String> acts = n.getInputList().stream().filter(t -> !t.isEmpty() && !shapes.isConstant(t)).toList();
        View first = acts.size() < 2 ? null : shapes.view(acts.get(0));
        boolean same = first != null && first.order() != null && first.permuted();
        for (String a : acts) {
            View v = shapes.view(a);
            same = same && v != null && Arrays.equals(v.order(), first.order()) && Arrays.equals(v.canonical(), first.canonical())
                    && Arrays.equals(shapes.shape(a), shapes.shape(acts.get(0)));
        }
        if (!same) {
            convert.run();
            return;
        }
        long[] logical = shapes.shape(acts.get(0));
        acts.forEach(a -> shapes.reshown(a, first.canonical(), null));
        try {
            convert.run();
        } finally {
            acts.forEach(a -> shapes.reshown(a, logical, first));
        }
        String o = n.getOutputCount() > 0 ? n.getOutput(0) : "";
        if (shapes.hasProducer(o) && shapes.known().contains(o) && Arrays.equals(shapes.shape(o), first.canonical())) {
            shapes.reshown(o, logical, first);
        }
    }

    /** The {@code perm} attribute (default: the axes reversed), checked to be a permutation of the rank. */
    private static int[] perm(OnnxMl.NodeProto n, int rank) {
        long[] p = Attributes.ints(n, "perm", null);
        int[] out = new int[rank];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            long a = p == null ? rank - 1 - i : i < p.length ? p[i] : -1;
            if (a < 0 || a >= rank || seen[(int) a] || (p != null && p.length != rank)) {
                throw new ShapeException("perm " + Arrays.toString(p) + " is not a permutation of the " + rank + " axes of its input",
                        "ONNX Transpose's perm lists each axis from 0 to rank - 1 once");
            }
            seen[(int) a] = true;
            out[i] = (int) a;
        }
        return out;
    }

    /**
     * The producer's axes in the order of the transposed tensor: each axis of the input ({@code s}) is
     * a run of {@code view}'s axes whose sizes multiply to it; null when an axis splits one of them.
     */
    private static int[] reorder(View view, long[] s, int[] perm) {
        if (view.order() == null) {
            return null;
        }
        List<List<Integer>> groups = new ArrayList<>();
        int k = 0;
        for (long size : s) {
            List<Integer> group = new ArrayList<>();
            long product = 1;
            while (product < size && k < view.order().length) {
                int axis = view.order()[k++];
                group.add(axis);
                product = Math.multiplyExact(product, view.canonical()[axis]);
            }
            if (product != size) {
                return null;
            }
            groups.add(group);
        }
        return Arrays.stream(perm).boxed().flatMap(i -> groups.get(i).stream()).mapToInt(Integer::intValue).toArray();
    }
}
