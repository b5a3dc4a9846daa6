package io.defines.core.depthfirst;

import io.defines.core.workload.DimRelation;
import io.defines.core.workload.Upsampling;
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
     * extents of padded tiles ({@code caps}), every node's loop sizes for the tile, and for each output
     * other than the last layer the loop sizes of its own part of the tile ({@code outputParts}; absent
     * when the tile has none of it).
     */
    record Result(List<DfNode> discovery, Map<DfNode, Overlap> colsOut, Map<NodeOperand, Overlap> colsIn,
                  Map<DfNode, Overlap> rowsOut, Map<NodeOperand, Overlap> rowsIn, Map<NodeOperand, Map<String, Long>> caps,
                  Map<DfNode, Map<String, Long>> sizes, Map<DfNode, Map<String, Long>> outputParts) {
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

    /**
     * A stack output other than the last layer and the part of its map a tile computes: columns
     * [x0, x0 + tx), rows [y0, y0 + ty) (ignored along axes it does not have).
     */
    record Seed(DfNode node, long x0, long y0, long tx, long ty) {
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
        return run(out, List.of(), base, req);
    }

    /**
     * The same from several outputs: {@code out} with the requested tile and each of {@code others}
     * with its own part of its map; a node is computed where any output needs it (the union of the
     * ranges, the largest extent), and a node no output needs computes nothing (all its sizes 0).
     */
    static Result run(DfNode out, List<Seed> others, Map<DfNode, Map<String, Long>> base, Request req) {
        return new Walk(copy(base), req).run(out, others);
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
        private final Map<DfNode, Map<String, Long>> parts = new LinkedHashMap<>();
        // positional mode: [start, end) of each node's computed range along its X and Y dims
        private final Map<DfNode, long[]> range = new HashMap<>();
        // where each node's range ended in the previous tile of the row (column) / column (row): with
        // caching, a producer computes only beyond it, whichever consumer asks (aligns branches)
        private Map<DfNode, long[]> prevEnd = new HashMap<>();
        // a whole-tensor producer computed by an earlier tile of a cached row (column) was skipped
        private boolean wholeKept;
        // each node's state when it was last walked from ({@link #changed})
        private final Map<DfNode, List<Object>> walked = new HashMap<>();

        Walk(Map<DfNode, Map<String, Long>> sizes, Request req) {
            this.sizes = sizes;
            this.req = req;
        }

        Result run(DfNode out, List<Seed> others) {
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
            }
            Deque<Entry> stack = new ArrayDeque<>();
            stack.add(new Entry(out, "OX", "OY", 0, 0));
            List<Seed> starts = new java.util.ArrayList<>();
            starts.add(new Seed(out, pos == null ? 0 : pos.x0(), pos == null ? 0 : pos.y0(), 0, 0));
            List<Seed> live = others.stream().filter(s -> hasPart(s)).toList();
            starts.addAll(live);
            if (pos != null) {
                prevEnd = InputRanges.previousEnds(starts, pos, req.useH(), req.useV());
            }
            for (Seed s : live) {
                if (seed(s)) {
                    stack.add(new Entry(s.node(), "OX", "OY", 0, 0));
                }
            }
            while (!stack.isEmpty()) {
                Entry en = stack.pollFirst();
                for (DfNode.Edge e : en.node().inputs) {
                    Entry next = edge(en, e);
                    if (next != null && changed(next)) {
                        stack.addFirst(next);
                    }
                }
            }
            if (!others.isEmpty() || wholeKept) {
                // a node only outputs with nothing to compute in this tile read from computes nothing
                sizes.forEach((n, s) -> {
                    if (!need.containsKey(n)) {
                        s.replaceAll((d, v) -> 0L);
                    }
                });
            }
            Map<DfNode, Overlap> cOut = new LinkedHashMap<>();
            colsOut.forEach((p, m) -> cOut.put(p, effective(m, req.makeH())));
            Map<DfNode, Overlap> rOut = new LinkedHashMap<>();
            rowsOut.forEach((p, m) -> rOut.put(p, effective(m, req.makeV())));
            return new Result(List.copyOf(need.keySet()), cOut, colsIn, rOut, rowsIn, caps, sizes, parts);
        }

        /**
         * Whether walking on from the producer of {@code next} can change anything: its visit, needed
         * extent or range differ from its last walk. Every write of a walk is a function of these, so an
         * identical walk is skipped — without this, a node reached along many paths (a layer reading
         * several parts of a split or shuffled tensor) was walked once per path, exponentially often.
         */
        private boolean changed(Entry next) {
            long[] np = need.get(next.node());
            long[] r = range.get(next.node());
            List<Object> state = List.of(next, np[0], np[1], r == null ? List.of() : java.util.Arrays.stream(r).boxed().toList());
            return !state.equals(walked.put(next.node(), state));
        }

        /** Whether the tile has a part of another output (along the axes that output has). */
        private boolean hasPart(Seed s) {
            Map<String, Long> ss = sizes.get(s.node());
            return !(ss.containsKey("OX") && s.tx() <= 0) && !(ss.containsKey("OY") && s.ty() <= 0);
        }

        /**
         * Starts the walk at another output: its part of the tile, without what an earlier tile of the
         * row (column) computed already when that direction is cached; false when nothing is left.
         */
        private boolean seed(Seed s) {
            Map<String, Long> ss = sizes.get(s.node());
            Map<String, Long> part = new LinkedHashMap<>(ss);
            part.computeIfPresent("OX", (d, v) -> s.tx());
            part.computeIfPresent("OY", (d, v) -> s.ty());
            parts.put(s.node(), part);
            long[] pe = prevEnd.getOrDefault(s.node(), new long[] {Long.MIN_VALUE, Long.MIN_VALUE});
            long x0 = Math.max(s.x0(), pe[0]);
            long y0 = Math.max(s.y0(), pe[1]);
            long tx = s.x0() + part.getOrDefault("OX", 1L) - x0;
            long ty = s.y0() + part.getOrDefault("OY", 1L) - y0;
            if (tx <= 0 || ty <= 0) {
                return false;
            }
            ss.computeIfPresent("OX", (d, v) -> tx);
            ss.computeIfPresent("OY", (d, v) -> ty);
            long[] np = need.computeIfAbsent(s.node(), k -> new long[2]);
            np[0] = Math.max(np[0], tx);
            np[1] = Math.max(np[1], ty);
            if (req.position() != null) {
                range.put(s.node(), new long[] {x0, x0 + tx, y0, y0 + ty});
            }
            return true;
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
                if (!e.upsample().none()) {
                    throw new IllegalStateException("an upsampled read is propagated by position");
                }
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
            // the producer keeps its own rows (columns): an overlap of an upsampled read is ⌈ov / s⌉ of them
            colsOut.computeIfAbsent(p, k -> new LinkedHashMap<>()).put(n, new Overlap(px, req.makeH() ? e.producerExtent(px, ovX) : 0, lagH));
            rowsOut.computeIfAbsent(p, k -> new LinkedHashMap<>()).put(n, new Overlap(py, req.makeV() ? e.producerExtent(py, ovY) : 0, lagV));
            return new Entry(p, px, py, effective(colsOut.get(p), true).lag(), effective(rowsOut.get(p), true).lag());
        }

        /**
         * An input without both feature-map axes (a fully connected layer's, one reading a flattened
         * map, or a squeeze-excitation's [N, C, 1, 1] scale): there is nothing to tile, the producer
         * computes its whole output for the tile and no overlap is kept. With caching (padded stacks),
         * the first tile of a row (column) computes it and later tiles keep it: null, the producer and
         * what only it needs compute nothing.
         */
        private Entry wholeTensor(Entry en, DfNode.Edge e) {
            DfNode p = e.producer();
            if (req.position() != null && prevEnd.containsKey(p)) {
                Map<String, Long> full = req.position().full().get(p);
                long[] pe = prevEnd.get(p);
                if (pe[0] >= full.getOrDefault("OX", 1L) || pe[1] >= full.getOrDefault("OY", 1L)) {
                    colsIn.put(new NodeOperand(en.node(), e.operand()), new Overlap(null, 0, 0));
                    rowsIn.put(new NodeOperand(en.node(), e.operand()), new Overlap(null, 0, 0));
                    wholeKept = true;
                    return null;
                }
            }
            need.computeIfAbsent(p, k -> new long[2]);
            if (req.position() != null) {
                // its whole map (the sizes stay whole)
                Map<String, Long> full = req.position().full().get(p);
                range.put(p, new long[] {0, full.getOrDefault("OX", 1L), 0, full.getOrDefault("OY", 1L)});
            }
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
            Upsampling up = e.upsample();
            long pw = pos.full().get(p).getOrDefault(e.dims().get(xi), 1L);
            long ph = pos.full().get(p).getOrDefault(e.dims().get(yi), 1L);
            long[] cx = InputRanges.clip(n, xi, en.xDim(), rn[0], nx, nFull.getOrDefault(en.xDim(), 1L), sx, up.scaled(pe[0]),
                    pw * up.factor(), req.useH());
            long[] cy = InputRanges.clip(n, yi, en.yDim(), rn[2], ny, nFull.getOrDefault(en.yDim(), 1L), sy, up.scaled(pe[1]),
                    ph * up.factor(), req.useV());
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
            // the producer's rows (columns) under the read ones (of an upsampled read, Upsampling's), beyond what is cached
            long[] px0 = up.producerRange(cx[0], cx[1], pw);
            long[] py0 = up.producerRange(cy[0], cy[1], ph);
            long xLo = cx[2] == cx[0] ? px0[0] : Math.max(px0[0], Math.min(pe[0], px0[1]));
            long xHi = Math.max(xLo, px0[1]);
            long yLo = cy[2] == cy[0] ? py0[0] : Math.max(py0[0], Math.min(pe[1], py0[1]));
            long yHi = Math.max(yLo, py0[1]);
            long[] rp = range.get(p);
            if (rp == null) {
                rp = new long[] {xLo, xHi, yLo, yHi};
                range.put(p, rp);
            } else {
                InputRanges.union(rp, 0, xLo, xHi);
                InputRanges.union(rp, 2, yLo, yHi);
            }
            return new long[] {rp[1] - rp[0], rp[3] - rp[2]};
        }
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

    static String tensorDim(DfNode n, Map<String, Long> t, String loopDim) {
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

    static long stride(DfNode n, String tensorDim, String loopDim) {
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
