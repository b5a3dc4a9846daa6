package io.defines.core.depthfirst;

import io.defines.core.hardware.Memory;
import io.defines.core.hardware.MemoryOperand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The data copies around one layer of one tile (docs/depth-first.md, "Data copies"): before it runs,
 * its inputs brought from where their producers left them to its input level, and the overlap cached
 * by the previous tile read from the cache level (column cache, then row cache); after it runs, its
 * overlap for the next tiles written to the cache levels (row cache, then column cache). The copies
 * after a layer are costed with the copies before the next one.
 */
final class CopyPlanner {

    private final MemoryChains chains;

    CopyPlanner(MemoryChains chains) {
        this.chains = chains;
    }

    /** Where the output of each node of the tile sits and how many bits it has. */
    record Placed(Memory level, long bits) {
    }

    /** The copies that bring a node's inputs to its levels: from producers, then from the column and row caches. */
    List<CopyAction> beforeLayer(DfNode n, Map<String, Long> sizes, Map<String, Map<String, Long>> caps, LevelChoice lv,
                                 TileType.Spec spec, Map<DfNode, Placed> placed) {
        List<CopyAction> out = new ArrayList<>();
        if (n.isInput()) {
            // from the off-chip memory, or from the on-chip memory that keeps the boundary tensor
            List<Memory> i1 = chains.of(MemoryOperand.I1);
            int from = lv.keptIn() == null ? i1.size() - 1 : i1.indexOf(lv.keptIn());
            if (lv.outputBits() != 0 && (lv.keptIn() == null || from != i1.indexOf(lv.topOutput()))) {
                out.add(new CopyAction(lv.outputBits(), MemoryOperand.I1, from, MemoryOperand.I1, i1.indexOf(lv.topOutput())));
            }
            return out;
        }
        for (DfNode.Edge e : n.inputs) {
            Placed p = placed.get(e.producer());
            // a part of a concatenation or a producer's channel range brings only its channels (of an upsampled read, the producer's pixels)
            long bits = e.part() == null ? p.bits() : Math.min(p.bits(), n.copiedBits(e, sizes, caps.getOrDefault(e.operand(), Map.of())));
            Memory top = lv.topOf().get(e.operand());
            boolean needed = bits > 0
                    && (e.producer().isInput() ? !lv.inputLevels().contains(p.level()) && p.level() != top : p.level() != top);
            if (needed) {
                MemoryOperand dst = n.link(e.operand());
                // the data sits there as O, or, where that level holds no O (an input node's I1-only level), as the producer's operand
                MemoryOperand src = p.level().holds(MemoryOperand.O) ? MemoryOperand.O : e.producer().link(e.producer().outputOperand());
                out.add(routable(new CopyAction(bits, src, chains.of(src).indexOf(p.level()), dst, chains.of(dst).indexOf(top))));
            }
        }
        // the caches hold each operand once, however many producers its parts come from
        List<DfNode.Edge> perOperand = new ArrayList<>();
        for (DfNode.Edge e : n.inputs) {
            if (perOperand.stream().noneMatch(o -> o.operand().equals(e.operand()))) {
                perOperand.add(e);
            }
        }
        if (spec.useH() != null && spec.useH() != lv.topInput()) {
            for (DfNode.Edge e : perOperand) {
                BackPropagation.Overlap h = spec.hRead().get(new BackPropagation.NodeOperand(n, e.operand()));
                long amount = cacheReadBits(n, e.operand(), sizes, caps.getOrDefault(e.operand(), Map.of()),
                        h == null ? null : h.dim(), h == null ? 0 : h.amount(), null, 0);
                addRead(out, n, e, amount, spec.useH(), lv);
            }
        }
        if (spec.useV() != null && spec.useV() != lv.topInput()) {
            for (DfNode.Edge e : perOperand) {
                BackPropagation.NodeOperand k = new BackPropagation.NodeOperand(n, e.operand());
                TileCaching.VRead v = spec.vRead().get(k);
                if (v == null) {
                    continue;
                }
                Map<String, Long> opCaps = caps.getOrDefault(e.operand(), Map.of());
                Map<String, Long> t = n.clipped(e.operand(), sizes, opCaps);
                long columns = t.getOrDefault(v.hDim(), sizes.getOrDefault(v.hDim(), 1L));
                if (spec.useH() != null) {
                    BackPropagation.Overlap h = spec.hRead().get(k);
                    columns -= h == null ? 0 : h.amount();
                }
                addRead(out, n, e, cacheReadBits(n, e.operand(), sizes, opCaps, v.hDim(), columns, v.vDim(), v.amount()), spec.useV(), lv);
            }
        }
        return out;
    }

    private void addRead(List<CopyAction> out, DfNode n, DfNode.Edge e, long bits, Memory cache, LevelChoice lv) {
        if (bits > 0) {
            MemoryOperand l = n.link(e.operand());
            out.add(routable(new CopyAction(bits, l, chains.of(l).indexOf(cache), l, chains.of(l).indexOf(lv.topInput()))));
        }
    }

    /** The overlap a node writes for the next tiles: row cache, then column cache (without the rows already written). */
    List<CopyAction> afterLayer(DfNode n, Map<String, Long> sizes, LevelChoice lv, TileType.Spec spec, boolean inputWrites) {
        List<CopyAction> out = new ArrayList<>();
        Memory topO = lv.topOutput();
        boolean vCondition = spec.makeV() != null && spec.makeV() != topO && spec.vWrite().containsKey(n);
        BackPropagation.Overlap vw = spec.vWrite().get(n);
        if (vCondition && (!n.isInput() || inputWrites)) {
            long bits = cacheWriteBits(n, sizes, vw.dim(), vw.amount(), null, 0);
            if (bits > 0) {
                out.add(cacheWrite(bits, topO, lv.outputLink(), spec.makeV()));
            }
        }
        if (spec.makeH() != null && spec.makeH() != topO && spec.hWrite().containsKey(n) && (!n.isInput() || inputWrites)) {
            BackPropagation.Overlap hw = spec.hWrite().get(n);
            long bits = cacheWriteBits(n, sizes, hw.dim(), hw.amount(), vCondition ? vw.dim() : null, vCondition ? vw.amount() : 0);
            if (bits > 0) {
                out.add(cacheWrite(bits, topO, lv.outputLink(), spec.makeH()));
            }
        }
        return out;
    }

    /**
     * The part of a stack output that layers of the same stack also read, written from where it is
     * kept to the off-chip level, or to the on-chip memory that keeps it for a later stack (which reads
     * it from there); nothing when it is kept there.
     */
    List<CopyAction> export(long bits, LevelChoice lv) {
        Memory to = lv.keptIn() == null ? chains.offChip() : lv.keptIn();
        if (bits <= 0 || lv.topOutput() == to) {
            return List.of();
        }
        return List.of(cacheWrite(bits, lv.topOutput(), lv.outputLink(), to));
    }

    /**
     * A cache write from {@code from} (where the producer keeps its output, as O, or as its own output
     * operand when that level holds no O, e.g. an input node's I1-only level) to the cache level.
     */
    private CopyAction cacheWrite(long bits, Memory from, MemoryOperand producerLink, Memory to) {
        MemoryOperand src = from.holds(MemoryOperand.O) ? MemoryOperand.O : producerLink;
        MemoryOperand dst = to.holds(src) ? src : MemoryOperand.O;
        return routable(new CopyAction(bits, src, chains.of(src).indexOf(from), dst, chains.of(dst).indexOf(to)));
    }

    /**
     * The copy itself, or, when no port can carry it (data held in an activation-only level that
     * cannot be read upward; DeFiNES crashes there), the same copy from the top of the source chain,
     * where that data was fetched from.
     */
    private CopyAction routable(CopyAction a) {
        try {
            DataCopyModel.path(chains.acc(), a);
            return a;
        } catch (IllegalArgumentException unroutable) {
            List<Memory> chain = chains.of(a.sourceOperand());
            return new CopyAction(a.bits(), a.sourceOperand(), chain.size() - 1, a.destinationOperand(), a.destinationLevel());
        }
    }

    /**
     * Bits of a cache read: Π over the operand's r dims of the layer's sizes × Π over its pr dims of
     * the tensor extent, with {@code hDim} := {@code hValue} (and {@code vDim} := {@code vValue} when
     * given), times the OUTPUT precision (as DeFiNES does).
     */
    private static long cacheReadBits(DfNode n, String operand, Map<String, Long> sizes, Map<String, Long> caps, String hDim, long hValue,
                                      String vDim, long vValue) {
        if (hDim == null) {
            return 0;
        }
        Map<String, Long> t = n.clipped(operand, sizes, caps);
        long bits = 1;
        for (String d : n.relevantDims(operand)) {
            bits *= d.equals(hDim) ? hValue : d.equals(vDim) ? vValue : sizes.getOrDefault(d, 1L);
        }
        for (String d : n.prDims(operand)) {
            bits *= d.equals(hDim) ? hValue : d.equals(vDim) ? vValue : t.get(d);
        }
        return bits * n.outputPrecision();
    }

    /** Bits of a cache write: Π over O's r dims with the cache dim replaced (and the v rows removed). */
    private static long cacheWriteBits(DfNode n, Map<String, Long> sizes, String dim, long amount, String vDim, long vAmount) {
        if (dim == null) {
            return 0; // no feature map, no overlap
        }
        long bits = 1;
        for (String d : n.relevantDims(n.outputOperand())) {
            long f = d.equals(dim) ? amount : sizes.getOrDefault(d, 1L);
            if (d.equals(vDim)) {
                f -= vAmount;
            }
            bits *= f;
        }
        return bits * n.outputPrecision();
    }
}
