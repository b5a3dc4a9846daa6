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

    /**
     * What a back-propagation found: the nodes in discovery order, the overlaps producers write for
     * the next tile (columns, rows) and consumers read from the previous one, the clipped input
     * extents of padded tiles ({@code caps}), and every node's loop sizes for the tile.
     */
    record Result(List<DfNode> discovery, Map<DfNode, Overlap> colsOut, Map<NodeOperand, Overlap> colsIn,
                  Map<DfNode, Overlap> rowsOut, Map<NodeOperand, Overlap> rowsIn, Map<NodeOperand, Map<String, Long>> caps,
                  Map<DfNode, Map<String, Long>> sizes) {
    }

    /**
     * One back-propagation: the output tile ({@code tileX}/{@code tileY} null keep the output node's
     * sizes: the whole map), whether the tile reuses (use) and keeps (make) the overlap in each
     * direction, and where it sits ({@code position}, padded stacks only; else null).
     */
    record Request(Long tileX, Long tileY, boolean useH, boolean makeH, boolean useV, boolean makeV, Position position) {

        /** The whole output map, nothing cached. */
        static Request wholeMap(Position position) {
            return new Request(null, null, false, false, false, false, position);
        }
    }

    /**
     * Where the tile sits, for padded stacks: the output tile's first column and row, and each node's
     * full output map (to clip receptive fields that reach into the padding). Null = DeFiNES' purely
     * extent-based propagation (no padding anywhere).
     */
    record Position(long x0, long y0, Map<DfNode, Map<String, Long>> full) {
    }

    private record Entry(DfNode node, String xDim, String yDim, long lagH, long lagV) {
    }

    private BackPropagation() {
    }

    /**
     * Back-propagates a tile from {@code out}: starting from {@code base} (node → loop sizes, not
     * changed), every producer's sizes become the input extent its consumers need. With a
     * {@link Position}, each node's computed range has an absolute start; a consumer's input range
     * [start·s − pad_begin, … + extent) is clipped to the producer's map, and with caching only the part
     * beyond the cached overlap is new; the clipped input extents are returned as caps.
     */
    static Result run(DfNode out, Map<DfNode, Map<String, Long>> base, Request req) {
        return new Walk(copy(base), req).run(out);
    }

    /** The state of one back-propagation while it walks the stack from its output. */
    private static final class Walk {
        private final Map<DfNode, Map<String, Long>> sizes;
        private final Request req;
        private final Map<DfNode, long[]> need = new LinkedHashMap<>();
        private final Map<DfNode, Map<DfNode, Overlap>> colsOut = new LinkedHashMap<>();
        private final Map<DfNode, Map<DfNode, Overlap>> rowsOut = new LinkedHashMap<>();
        private final Map<NodeOperand, Overlap> colsIn = new LinkedHashMap<>();
        private final Map<NodeOperand, Overlap> rowsIn = new LinkedHashMap<>();
        private final Map<NodeOperand, Map<String, Long>> caps = new LinkedHashMap<>();
        // positional mode: [start, end) of each node's computed range along its X and Y dims
        private final Map<DfNode, long[]> range = new HashMap<>();
        // where each node's range ended in the previous tile of the row (column) / column (row): with
        // caching, a producer computes only beyond it, whichever consumer asks (aligns branches)
        private Map<DfNode, long[]> prevEnd = new HashMap<>();

        Walk(Map<DfNode, Map<String, Long>> sizes, Request req) {
            this.sizes = sizes;
            this.req = req;
        }

        Result run(DfNode out) {
            Map<String, Long> outSizes = sizes.get(out);
            // a stack output without a feature map (a fully connected layer) is one tile: its sizes stay whole
            if (req.tileX() != null && outSizes.containsKey("OX")) {
                outSizes.put("OX", req.tileX());
            }
            if (req.tileY() != null && outSizes.containsKey("OY")) {
                outSizes.put("OY", req.tileY());
            }
            need.put(out, new long[] {outSizes.getOrDefault("OX", 1L), outSizes.getOrDefault("OY", 1L)});
            Position pos = req.position();
            if (pos != null) {
                range.put(out, new long[] {pos.x0(), pos.x0() + outSizes.getOrDefault("OX", 1L), pos.y0(),
                    pos.y0() + outSizes.getOrDefault("OY", 1L)});
                prevEnd = previousEnds(out, pos, req.useH(), req.useV());
            }
            Deque<Entry> stack = new ArrayDeque<>();
            stack.add(new Entry(out, "OX", "OY", 0, 0));
            while (!stack.isEmpty()) {
                Entry en = stack.pollFirst();
                for (DfNode.Edge e : en.node().inputs) {
                    stack.addFirst(edge(en, e));
                }
            }
            Map<DfNode, Overlap> cOut = new LinkedHashMap<>();
            colsOut.forEach((p, m) -> cOut.put(p, effective(m, req.makeH())));
            Map<DfNode, Overlap> rOut = new LinkedHashMap<>();
            rowsOut.forEach((p, m) -> rOut.put(p, effective(m, req.makeV())));
            return new Result(List.copyOf(need.keySet()), cOut, colsIn, rOut, rowsIn, caps, sizes);
        }

        /** Propagates one input edge of a visited node to its producer; returns the producer's visit. */
        private Entry edge(Entry en, DfNode.Edge e) {
            DfNode n = en.node();
            Map<String, Long> ns = sizes.get(n);
            Map<String, Long> t = n.tensorDims(e.operand(), ns);
            String xi = tensorDim(n, t, en.xDim());
            String yi = tensorDim(n, t, en.yDim());
            if (xi == null || yi == null) {
                return wholeTensor(en, e);
            }
            long sx = stride(n, xi, en.xDim());
            long sy = stride(n, yi, en.yDim());
            long nx = ns.getOrDefault(en.xDim(), 1L);
            long ny = ns.getOrDefault(en.yDim(), 1L);
            long ovX = Math.max(0, t.get(xi) - nx * sx);
            long ovY = Math.max(0, t.get(yi) - ny * sy);
            long lagH = sx * en.lagH() - Math.floorDiv(t.get(xi) - nx * sx + sx - 1, 2) + ovX;
            long lagV = sy * en.lagV() - Math.floorDiv(t.get(yi) - ny * sy + sy - 1, 2) + ovY;
            DfNode p = e.producer();
            String px = e.dims().get(xi);
            String py = e.dims().get(yi);
            long[] txy;
            if (req.position() == null) {
                colsIn.put(new NodeOperand(n, e.operand()), new Overlap(xi, ovX, 0));
                rowsIn.put(new NodeOperand(n, e.operand()), new Overlap(yi, ovY, 0));
                txy = new long[] {t.get(xi) - (req.useH() ? ovX : 0), t.get(yi) - (req.useV() ? ovY : 0)};
            } else {
                txy = positional(en, e, xi, yi, sx, sy, nx, ny);
            }
            long[] np = need.computeIfAbsent(p, k -> new long[2]);
            np[0] = Math.max(np[0], txy[0]);
            np[1] = Math.max(np[1], txy[1]);
            sizes.get(p).put(px, np[0]);
            sizes.get(p).put(py, np[1]);
            colsOut.computeIfAbsent(p, k -> new LinkedHashMap<>()).put(n, new Overlap(px, req.makeH() ? ovX : 0, lagH));
            rowsOut.computeIfAbsent(p, k -> new LinkedHashMap<>()).put(n, new Overlap(py, req.makeV() ? ovY : 0, lagV));
            return new Entry(p, px, py, effective(colsOut.get(p), true).lag(), effective(rowsOut.get(p), true).lag());
        }

        /**
         * An input without both feature-map axes (a fully connected layer's, or one reading a flattened
         * map): there is nothing to tile, the producer computes its whole output for the tile and no
         * overlap is kept.
         */
        private Entry wholeTensor(Entry en, DfNode.Edge e) {
            DfNode p = e.producer();
            need.computeIfAbsent(p, k -> new long[2]);
            colsOut.computeIfAbsent(p, k -> new LinkedHashMap<>()).put(en.node(), new Overlap(null, 0, 0));
            rowsOut.computeIfAbsent(p, k -> new LinkedHashMap<>()).put(en.node(), new Overlap(null, 0, 0));
            colsIn.put(new NodeOperand(en.node(), e.operand()), new Overlap(null, 0, 0));
            rowsIn.put(new NodeOperand(en.node(), e.operand()), new Overlap(null, 0, 0));
            return new Entry(p, "OX", "OY", 0, 0);
        }

        /** The producer's new extent {x, y} for a tile that sits somewhere: input ranges clipped to the maps, cached parts skipped. */
        private long[] positional(Entry en, DfNode.Edge e, String xi, String yi, long sx, long sy, long nx, long ny) {
            DfNode n = en.node();
            DfNode p = e.producer();
            Position pos = req.position();
            long[] rn = range.get(n);
            Map<String, Long> nFull = pos.full().get(n);
            long[] pe = prevEnd.getOrDefault(p, new long[] {Long.MIN_VALUE, Long.MIN_VALUE});
            long[] cx = clip(n, xi, en.xDim(), rn[0], nx, nFull.getOrDefault(en.xDim(), 1L), sx, pe[0],
                    pos.full().get(p).getOrDefault(e.dims().get(xi), 1L), req.useH());
            long[] cy = clip(n, yi, en.yDim(), rn[2], ny, nFull.getOrDefault(en.yDim(), 1L), sy, pe[1],
                    pos.full().get(p).getOrDefault(e.dims().get(yi), 1L), req.useV());
            // cx = {lo, hi, newLo, cachedAmount}
            colsIn.put(new NodeOperand(n, e.operand()), new Overlap(xi, cx[3], 0));
            rowsIn.put(new NodeOperand(n, e.operand()), new Overlap(yi, cy[3], 0));
            Map<String, Long> c = new LinkedHashMap<>();
            if (n.relation(xi).isPresent()) {
                c.put(xi, cx[1] - cx[0]);
            }
            if (n.relation(yi).isPresent()) {
                c.put(yi, cy[1] - cy[0]);
            }
            caps.put(new NodeOperand(n, e.operand()), c);
            long[] rp = range.get(p);
            if (rp == null) {
                rp = new long[] {cx[2], cx[1], cy[2], cy[1]};
                range.put(p, rp);
            } else {
                union(rp, 0, cx[2], cx[1]);
                union(rp, 2, cy[2], cy[1]);
            }
            return new long[] {rp[1] - rp[0], rp[3] - rp[2]};
        }
    }

    /** Widens [r[i], r[i+1]) to cover [lo, hi); empty intervals (all cached, or none needed) add nothing. */
    private static void union(long[] r, int i, long lo, long hi) {
        if (hi <= lo) {
            return;
        }
        if (r[i + 1] <= r[i]) {
            r[i] = lo;
            r[i + 1] = hi;
        } else {
            r[i] = Math.min(r[i], lo);
            r[i + 1] = Math.max(r[i + 1], hi);
        }
    }

    /**
     * Clips a consumer's input range to the producer's map: returns {lo, hi, newLo, cached}, where
     * [lo, hi) is the real input range, newLo the start of the part not held in the cache (when
     * {@code useCache}) and cached the number of real elements read from the cache.
     */
    private static long[] clip(DfNode n, String tensorDim, String loopDim, long start, long size, long fullSize, long stride,
                               long computedUpTo, long producerSize, boolean useCache) {
        long padBegin = n.relation(tensorDim).isPresent() ? n.layer.padding(tensorDim).begin() : 0;
        long lo = Math.max(0, start * stride - padBegin);
        long hi = Math.max(lo, inputEnd(n, tensorDim, loopDim, start + size, fullSize, producerSize));
        long cachedEnd = Math.min(hi, Math.max(lo, computedUpTo));
        long newLo = useCache ? cachedEnd : lo;
        return new long[] {lo, hi, newLo, cachedEnd - lo};
    }

    /**
     * For each node, the end (exclusive) of the range it computed in the previous tile of this row
     * (x) and of this column (y); MIN_VALUE when there is none or that direction is not cached. Range
     * ends do not depend on caching, so they follow from the previous tile's end alone.
     */
    private static Map<DfNode, long[]> previousEnds(DfNode out, Position pos, boolean useH, boolean useV) {
        Map<DfNode, long[]> ends = new HashMap<>();
        long ex = useH && pos.x0() > 0 ? pos.x0() : Long.MIN_VALUE;
        long ey = useV && pos.y0() > 0 ? pos.y0() : Long.MIN_VALUE;
        ends.put(out, new long[] {ex, ey});
        Deque<DfNode> todo = new ArrayDeque<>(List.of(out));
        Deque<String[]> dims = new ArrayDeque<>();
        dims.add(new String[] {"OX", "OY"});
        while (!todo.isEmpty()) {
            DfNode n = todo.pollFirst();
            String[] d = dims.pollFirst();
            long[] en = ends.get(n);
            Map<String, Long> nFull = pos.full().get(n);
            for (DfNode.Edge e : n.inputs) {
                Map<String, Long> t = n.tensorDims(e.operand(), nFull);
                String xi = tensorDim(n, t, d[0]);
                String yi = tensorDim(n, t, d[1]);
                if (xi == null || yi == null) {
                    continue; // no feature map: nothing computed in an earlier tile is reused
                }
                String px = e.dims().get(xi);
                String py = e.dims().get(yi);
                Map<String, Long> pFull = pos.full().get(e.producer());
                long[] ep = {inputEnd(n, xi, d[0], en[0], nFull.getOrDefault(d[0], 1L), pFull.getOrDefault(px, 1L)),
                    inputEnd(n, yi, d[1], en[1], nFull.getOrDefault(d[1], 1L), pFull.getOrDefault(py, 1L))};
                long[] old = ends.get(e.producer());
                if (old == null || ep[0] > old[0] || ep[1] > old[1]) {
                    ends.put(e.producer(), old == null ? ep : new long[] {Math.max(old[0], ep[0]), Math.max(old[1], ep[1])});
                    todo.addFirst(e.producer());
                    dims.addFirst(new String[] {px, py});
                }
            }
        }
        return ends;
    }

    /** End (exclusive, clipped) of the input range read by output positions below {@code end}. */
    private static long inputEnd(DfNode n, String tensorDim, String loopDim, long end, long fullSize, long producerSize) {
        if (end == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        if (tensorDim.equals(loopDim)) {
            return Math.min(producerSize, end);
        }
        DimRelation r = n.relation(tensorDim).orElseThrow();
        boolean first = r.firstDim().equals(loopDim);
        long s = first ? r.firstCoefficient() : r.secondCoefficient();
        String other = first ? r.secondDim() : r.firstDim();
        long kernel = n.layer.loopSize(other);
        long dil = first ? r.secondCoefficient() : r.firstCoefficient();
        long padBegin = n.layer.padding(tensorDim).begin();
        long padEnd = end >= fullSize ? n.layer.padding(tensorDim).end() : 0;
        long raw = (end - 1) * s + (kernel - 1) * dil + 1 - padBegin - padEnd;
        return Math.min(producerSize, Math.max(0, raw));
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
        return null; // the tensor has no dim along this axis (a Gemm's input has no feature map)
    }

    private static long stride(DfNode n, String tensorDim, String loopDim) {
        if (tensorDim.equals(loopDim)) {
            return 1;
        }
        DimRelation r = n.relation(tensorDim).orElseThrow();
        return r.firstDim().equals(loopDim) ? r.firstCoefficient() : r.secondCoefficient();
    }

    /** Deep copy of a sizes map. */
    private static Map<DfNode, Map<String, Long>> copy(Map<DfNode, Map<String, Long>> sizes) {
        Map<DfNode, Map<String, Long>> c = new HashMap<>();
        sizes.forEach((k, v) -> c.put(k, new LinkedHashMap<>(v)));
        return c;
    }
}
