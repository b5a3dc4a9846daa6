package io.defines.core.depthfirst;

import io.defines.core.hardware.Memory;
import java.util.List;
import java.util.Map;

/**
 * The bits of the overlap a tile reads in each direction, summed over the stack's inputs
 * (docs/depth-first.md, "Cache placement"): the column overlap, the row overlap (over the full map
 * width), and the corner counted in both.
 */
record OverlapSizes(long horizontalBits, long verticalBits, long sharedBits) {

    static OverlapSizes of(BackPropagation.Result ra, Stack stack) {
        long sumHIn = 0;
        long sumVIn = 0;
        long sumOverlap = 0;
        for (var e : ra.colsIn().entrySet()) {
            DfNode n = e.getKey().node();
            String op = e.getKey().operand();
            Map<String, Long> t = n.tensorDims(op, ra.sizes().get(n));
            long elems = DfNode.product(t);
            int prec = n.precision(op);
            BackPropagation.Overlap h = e.getValue();
            BackPropagation.Overlap v = ra.rowsIn().get(e.getKey());
            if (h.dim() == null || v.dim() == null || elems == 0) {
                continue; // an input without a feature map keeps no overlap, nor does a node the tile computes nothing of
            }
            List<String> rdims = n.relevantDims(op);
            boolean hPlain = !n.prDims(op).contains(h.dim());
            boolean vPlain = !n.prDims(op).contains(v.dim());
            if (!rdims.contains(h.dim())) {
                sumHIn += ((elems / t.get(h.dim())) * h.amount()) * prec;
            }
            if (!rdims.contains(v.dim())) {
                Map<String, Long> full = n.tensorDims(op, stack.fullSizes().get(n));
                sumVIn += ((((elems / t.get(h.dim())) * full.get(h.dim())) / t.get(v.dim())) * v.amount()) * prec;
            }
            if (!hPlain && !vPlain) {
                sumOverlap += ((((elems / t.get(h.dim())) * h.amount()) / t.get(v.dim())) * v.amount()) * prec;
            }
        }
        return new OverlapSizes(sumHIn, sumVIn, sumOverlap);
    }

    /** The overlap bits kept in on-chip levels when the caches go to {@code h} and {@code v}. */
    long onChip(Memory h, Memory v, Memory offChip) {
        boolean hOn = h != null && h != offChip;
        boolean vOn = v != null && v != offChip;
        long bits = 0;
        if (hOn) {
            bits += horizontalBits;
        }
        if (vOn) {
            bits += verticalBits;
        }
        if (hOn && vOn && h == v) {
            bits -= sharedBits;
        }
        return bits;
    }
}
