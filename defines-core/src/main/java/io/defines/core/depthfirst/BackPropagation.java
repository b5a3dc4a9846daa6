package io.defines.core.depthfirst;

import io.defines.core.workload.DimRelation;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Back-propagation of a tile through a stack (defines-model §5.2 with §13 C4): from the stack's
 * output tile, every producer's loop sizes become the input extent its consumers need (minus the
 * overlap with the previous tile when that overlap is cached), and the overlaps that consumers will
 * read from / producers must write to the caches are recorded. Traversal is literal: producers are
 * pushed to the front, lags are computed at push time, floor division as Python's.
 */
final class BackPropagation {

    /** A cache requirement: dimension, amount (elements along it) and alignment lag. */
    record Overlap(String dim, long amount, long lag) {
    }

    /** (consumer node, operand) → (tensor dim, overlap). */
    record NodeOperand(DfNode node, String operand) {
    }

    record Result(List<DfNode> discovery, Map<DfNode, Overlap> colsOut, Map<NodeOperand, Overlap> colsIn,
                  Map<DfNode, Overlap> rowsOut, Map<NodeOperand, Overlap> rowsIn) {
    }

    private record Entry(DfNode node, String xDim, String yDim, long lagH, long lagV) {
    }

    private BackPropagation() {
    }

    /**
     * Back-propagates in place: {@code sizes} (node → loop sizes) is updated for every producer.
     * {@code tileX}/{@code tileY} null keep the output node's sizes (the full-network call).
     */
    static Result run(DfNode out, Map<DfNode, Map<String, Long>> sizes, Long tileX, Long tileY,
                      boolean useH, boolean makeH, boolean useV, boolean makeV) {
        Map<String, Long> outSizes = sizes.get(out);
        if (tileX != null) {
            outSizes.put("OX", tileX);
        }
        if (tileY != null) {
            outSizes.put("OY", tileY);
        }
        Map<DfNode, long[]> need = new LinkedHashMap<>();
        need.put(out, new long[] {outSizes.getOrDefault("OX", 1L), outSizes.getOrDefault("OY", 1L)});
        Map<DfNode, Map<DfNode, Overlap>> colsOut = new LinkedHashMap<>();
        Map<DfNode, Map<DfNode, Overlap>> rowsOut = new LinkedHashMap<>();
        Map<NodeOperand, Overlap> colsIn = new LinkedHashMap<>();
        Map<NodeOperand, Overlap> rowsIn = new LinkedHashMap<>();
        Deque<Entry> stack = new ArrayDeque<>();
        stack.add(new Entry(out, "OX", "OY", 0, 0));
        while (!stack.isEmpty()) {
            Entry en = stack.pollFirst();
            DfNode n = en.node();
            Map<String, Long> ns = sizes.get(n);
            for (DfNode.Edge e : n.inputs) {
                Map<String, Long> t = n.tensorDims(e.operand(), ns);
                String xi = tensorDim(n, t, en.xDim());
                String yi = tensorDim(n, t, en.yDim());
                long sx = stride(n, xi, en.xDim());
                long sy = stride(n, yi, en.yDim());
                long nx = ns.getOrDefault(en.xDim(), 1L);
                long ny = ns.getOrDefault(en.yDim(), 1L);
                long ovX = Math.max(0, t.get(xi) - nx * sx);
                long ovY = Math.max(0, t.get(yi) - ny * sy);
                long lagH = sx * en.lagH() - Math.floorDiv(t.get(xi) - nx * sx + sx - 1, 2) + ovX;
                long lagV = sy * en.lagV() - Math.floorDiv(t.get(yi) - ny * sy + sy - 1, 2) + ovY;
                colsIn.put(new NodeOperand(n, e.operand()), new Overlap(xi, ovX, 0));
                rowsIn.put(new NodeOperand(n, e.operand()), new Overlap(yi, ovY, 0));
                long tx = t.get(xi) - (useH ? ovX : 0);
                long ty = t.get(yi) - (useV ? ovY : 0);
                DfNode p = e.producer();
                long[] np = need.computeIfAbsent(p, k -> new long[2]);
                np[0] = Math.max(np[0], tx);
                np[1] = Math.max(np[1], ty);
                String px = e.dims().get(xi);
                String py = e.dims().get(yi);
                sizes.get(p).put(px, np[0]);
                sizes.get(p).put(py, np[1]);
                colsOut.computeIfAbsent(p, k -> new LinkedHashMap<>()).put(n, new Overlap(px, makeH ? ovX : 0, lagH));
                rowsOut.computeIfAbsent(p, k -> new LinkedHashMap<>()).put(n, new Overlap(py, makeV ? ovY : 0, lagV));
                long newLagH = effective(colsOut.get(p), true).lag();
                long newLagV = effective(rowsOut.get(p), true).lag();
                stack.addFirst(new Entry(p, px, py, newLagH, newLagV));
            }
        }
        Map<DfNode, Overlap> cOut = new LinkedHashMap<>();
        colsOut.forEach((p, m) -> cOut.put(p, effective(m, makeH)));
        Map<DfNode, Overlap> rOut = new LinkedHashMap<>();
        rowsOut.forEach((p, m) -> rOut.put(p, effective(m, makeV)));
        return new Result(List.copyOf(need.keySet()), cOut, colsIn, rOut, rowsIn);
    }

    /** Combines the requirements of all consumers of one producer (§5.2 effective()). */
    static Overlap effective(Map<DfNode, Overlap> perConsumer, boolean make) {
        long lag = Long.MIN_VALUE;
        long leftmost = Long.MAX_VALUE;
        String dim = null;
        for (Overlap o : perConsumer.values()) {
            lag = Math.max(lag, o.lag());
            leftmost = Math.min(leftmost, o.lag() - o.amount());
            dim = o.dim();
        }
        return new Overlap(dim, make ? lag - leftmost : 0, lag);
    }

    private static String tensorDim(DfNode n, Map<String, Long> t, String loopDim) {
        if (t.containsKey(loopDim)) {
            return loopDim;
        }
        for (String d : t.keySet()) {
            DimRelation r = n.relation(d).orElse(null);
            if (r != null && (r.firstDim().equals(loopDim) || r.secondDim().equals(loopDim))) {
                return d;
            }
        }
        throw new IllegalStateException(n + ": no input tensor dim covers " + loopDim);
    }

    private static long stride(DfNode n, String tensorDim, String loopDim) {
        if (tensorDim.equals(loopDim)) {
            return 1;
        }
        DimRelation r = n.relation(tensorDim).orElseThrow();
        return r.firstDim().equals(loopDim) ? r.firstCoefficient() : r.secondCoefficient();
    }

    /** Deep copy of a sizes map. */
    static Map<DfNode, Map<String, Long>> copy(Map<DfNode, Map<String, Long>> sizes) {
        Map<DfNode, Map<String, Long>> c = new HashMap<>();
        sizes.forEach((k, v) -> c.put(k, new LinkedHashMap<>(v)));
        return c;
    }
}
