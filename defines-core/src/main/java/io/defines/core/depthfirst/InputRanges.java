package io.defines.core.depthfirst;

import io.defines.core.workload.DimRelation;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The input ranges of positional back-propagation (docs/depth-first.md, "Padding"): where a
 * consumer's receptive field starts and ends in its producer's map, clipped to the map, and where
 * each node's range ended in the previous tile (what caching may skip).
 */
final class InputRanges {

    private InputRanges() {
    }

    /** Widens [r[i], r[i+1]) to cover [lo, hi); empty intervals (all cached, or none needed) add nothing. */
    static void union(long[] r, int i, long lo, long hi) {
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
    static long[] clip(DfNode n, String tensorDim, String loopDim, long start, long size, long fullSize, long stride,
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
    static Map<DfNode, long[]> previousEnds(List<BackPropagation.Seed> starts, BackPropagation.Position pos, boolean useH, boolean useV) {
        Map<DfNode, long[]> ends = new HashMap<>();
        Deque<DfNode> todo = new ArrayDeque<>();
        Deque<String[]> dims = new ArrayDeque<>();
        for (BackPropagation.Seed s : starts) {
            // the first tile of a row (column) starts at 0 in every output's map
            long ex = useH && pos.x0() > 0 ? s.x0() : Long.MIN_VALUE;
            long ey = useV && pos.y0() > 0 ? s.y0() : Long.MIN_VALUE;
            ends.put(s.node(), new long[] {ex, ey});
            todo.add(s.node());
            dims.add(new String[] {"OX", "OY"});
        }
        while (!todo.isEmpty()) {
            DfNode n = todo.pollFirst();
            String[] d = dims.pollFirst();
            long[] en = ends.get(n);
            Map<String, Long> nFull = pos.full().get(n);
            for (DfNode.Edge e : n.inputs) {
                Map<String, Long> t = n.tensorDims(e.operand(), nFull);
                String xi = BackPropagation.tensorDim(n, t, d[0]);
                String yi = BackPropagation.tensorDim(n, t, d[1]);
                Map<String, Long> pFull = pos.full().get(e.producer());
                boolean whole = xi == null || yi == null;
                String px = whole ? "OX" : e.dims().get(xi);
                String py = whole ? "OY" : e.dims().get(yi);
                long[] ep = whole
                        // no feature map: the first tile of a cached row (column) computed the producer's whole output
                        ? new long[] {en[0] == Long.MIN_VALUE ? Long.MIN_VALUE : pFull.getOrDefault(px, 1L),
                            en[1] == Long.MIN_VALUE ? Long.MIN_VALUE : pFull.getOrDefault(py, 1L)}
                        : new long[] {e.upsample().producerEnd(inputEnd(n, xi, d[0], en[0], nFull.getOrDefault(d[0], 1L),
                                pFull.getOrDefault(px, 1L) * e.upsample().factor()), pFull.getOrDefault(px, 1L)),
                            e.upsample().producerEnd(inputEnd(n, yi, d[1], en[1], nFull.getOrDefault(d[1], 1L),
                                pFull.getOrDefault(py, 1L) * e.upsample().factor()), pFull.getOrDefault(py, 1L))};
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
    static long inputEnd(DfNode n, String tensorDim, String loopDim, long end, long fullSize, long producerSize) {
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
        // the end padding is whatever lies past the producer's map: clipping to the map drops it, and only the
        // part a window really reaches (declared end padding that no window reaches must not shorten the read)
        long raw = (end - 1) * s + (kernel - 1) * dil + 1 - padBegin;
        return Math.min(producerSize, Math.max(0, raw));
    }
}
