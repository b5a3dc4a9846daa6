package io.defines.core.depthfirst;

import io.defines.core.compat.CompatFlags;
import io.defines.core.compat.Quirk;
import io.defines.core.hardware.Memory;
import io.defines.core.hardware.MemoryOperand;
import io.defines.core.schedule.CacheContext;
import io.defines.core.schedule.CachePlacement;
import io.defines.core.schedule.OverlapStrategy;
import io.defines.core.schedule.StackSettings;
import io.defines.core.schedule.TileDirection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The first pass over a stack's tiles (docs/depth-first.md, "Cache placement"): for every tile the
 * levels its overlap caches are made in (decided by the schedule's {@link OverlapStrategy}
 * per direction) and its weights come from, consolidated into one immutable {@link CachePlan}.
 * Decisions depend on the tile's size and edges (and, in positional stacks, its position) and are made
 * once per distinct case.
 */
final class CachePlanner {

    private final Stack stack;
    private final MemoryChains chains;
    private final StackSettings settings;
    private final CompatFlags flags;

    CachePlanner(Stack stack, MemoryChains chains, StackSettings settings, CompatFlags flags) {
        this.stack = stack;
        this.chains = chains;
        this.settings = settings;
        this.flags = flags;
    }

    /** What a tile's decision depends on (position only when the stack is positional, else −1). */
    private record CaseKey(long x0, long y0, long tx, long ty, boolean firstX, boolean firstY) {
    }

    CachePlan plan(TileGrid grid) {
        boolean cacheH = settings.horizontal().reusesOverlap();
        boolean cacheV = settings.vertical().reusesOverlap();
        boolean lastWins = flags.has(Quirk.CACHE_LEVEL_LAST_DETERMINED_WINS);
        List<Memory> wChain = chains.of(weightOperand());
        Map<CaseKey, TileCaching> decided = new HashMap<>();
        int nc = grid.columns();
        TileCaching[] perTile = new TileCaching[grid.slots()];
        Memory[] makeH = new Memory[grid.slots()];
        Memory[] makeV = new Memory[grid.slots()];
        // tiles whose row cache is made in the highest level any tile chose so far (all share that level); a
        // level of none drops the caches of all tiles before it
        boolean[] makingV = new boolean[grid.slots()];
        int droppedBefore = 0;
        Memory highestV = null;
        Memory highestW = null;
        for (int ri = 0; ri < grid.rows().size(); ri++) {
            long[] r = grid.rows().get(ri);
            for (int ci = 0; ci < nc; ci++) {
                long[] c = grid.cols().get(ci);
                int tile = ri * nc + ci;
                boolean firstX = c[0] == 0;
                boolean firstY = r[0] == 0;
                CaseKey key = stack.positional() ? new CaseKey(c[0], r[0], c[1], r[1], firstX, firstY) : new CaseKey(-1, -1, c[1], r[1], firstX, firstY);
                TileCaching d = decided.get(key);
                if (d == null) {
                    d = decide(c[0], r[0], c[1], r[1], firstX, firstY);
                    decided.put(key, d);
                }
                perTile[tile] = d;
                if (cacheH) {
                    makeH[tile] = grid.lastColumn(c) ? null : d.hLevel();
                    if (!firstX && ci > 0 && makeH[tile - 1] != d.hLevel()) {
                        Memory prev = makeH[tile - 1];
                        // DeFiNES takes this tile's level for the previous tile's cache, also in the last column; fixed: the higher one
                        makeH[tile - 1] = lastWins || prev == null || chains.oIndex(d.hLevel()) > chains.oIndex(prev) ? d.hLevel() : prev;
                    }
                }
                if (cacheV) {
                    if (highestV != d.vLevel() && (lastWins || highestV == null || chains.oIndex(d.vLevel()) > chains.oIndex(highestV))) {
                        highestV = d.vLevel();
                        if (highestV == null) {
                            droppedBefore = tile; // their caches are dropped, and stay dropped
                        }
                    }
                    makingV[tile] = !grid.lastRow(r) && highestV != null;
                }
                if (d.weightLevel() != null && d.weightLevel() != highestW
                        && (highestW == null || wChain.indexOf(d.weightLevel()) > wChain.indexOf(highestW))) {
                    highestW = d.weightLevel();
                }
            }
        }
        for (int tile = droppedBefore; tile < makingV.length; tile++) {
            makeV[tile] = makingV[tile] ? highestV : null;
        }
        return new CachePlan(perTile, makeH, makeV, highestW);
    }

    /** The memory operand of the stack's weights: the first layer with a constant operand; I2 if none. */
    private MemoryOperand weightOperand() {
        for (DfNode n : stack.topo()) {
            if (!n.isInput() && !n.layer.constantOperands().isEmpty()) {
                return n.link(n.layer.constantOperands().get(0));
            }
        }
        return MemoryOperand.I2;
    }

    /** The operands the decision is about, from the back-propagation's discovery order. */
    private record Operands(MemoryOperand input, MemoryOperand output, DfNode weights) {

        static Operands of(List<DfNode> discovery) {
            MemoryOperand iOp = null;
            MemoryOperand oOp = null;
            DfNode wNode = null;
            for (DfNode n : discovery) {
                if (iOp == null) {
                    iOp = n.isInput() ? MemoryOperand.I1 : firstActivationInput(n);
                }
                if (oOp == null) {
                    oOp = n.link(n.outputOperand());
                }
                if (wNode == null && !n.isInput() && !n.layer.constantOperands().isEmpty()) {
                    wNode = n; // DeFiNES: the first node with a 'W' link; our adds use W for an activation
                }
            }
            return new Operands(iOp, oOp, wNode);
        }

        private static MemoryOperand firstActivationInput(DfNode n) {
            for (var link : n.mapping.memoryOperandLinks().entrySet()) {
                if (!n.layer.constantOperands().contains(link.getKey()) && link.getValue() != MemoryOperand.O
                        && n.layer.equation().operand(link.getKey()).isPresent()) {
                    return link.getValue();
                }
            }
            return null;
        }
    }

    private TileCaching decide(long x0, long y0, long tx, long ty, boolean firstX, boolean firstY) {
        boolean cacheH = settings.horizontal().reusesOverlap();
        boolean cacheV = settings.vertical().reusesOverlap();
        boolean bothAssumed = flags.has(Quirk.CACHE_ESTIMATE_ASSUMES_BOTH_CACHES);
        BackPropagation.Position pos = stack.position(x0, y0);
        // A: the estimate the cache sizes come from; B: the tile as it runs
        BackPropagation.Result ra = stack.propagate(new BackPropagation.Request(tx, ty, !firstX && (bothAssumed || cacheH), true,
                !firstY && (bothAssumed || cacheV), true, pos));
        BackPropagation.Result rb = stack.propagate(new BackPropagation.Request(tx, ty, !firstX && cacheH, true, !firstY && cacheV, true, pos));
        long peakIo = LiveData.largestAlive(stack, rb.sizes(), Map.of());
        Operands ops = Operands.of(ra.discovery());
        OverlapSizes sizes = OverlapSizes.of(ra, stack);
        List<Memory> outChain = chains.of(ops.output());
        Memory offChip = outChain.get(outChain.size() - 1);
        PlacementContext hCtx = new PlacementContext(TileDirection.HORIZONTAL, firstX, peakIo, sizes.horizontalBits(),
                sizes.sharedBits(), settings.vertical(), null, ops.input(), chains.of(MemoryOperand.O), offChip,
                () -> LiveData.largestAlive(stack, rb.sizes(), hOutBits(ra)), chains, flags);
        CachePlacement h = settings.horizontal().place(hCtx);
        PlacementContext vCtx = new PlacementContext(TileDirection.VERTICAL, firstY, h.peakBits(), sizes.verticalBits(),
                sizes.sharedBits(), settings.horizontal(), h.level(), ops.input(), outChain, offChip, () -> 0L, chains, flags);
        CachePlacement v = settings.vertical().place(vCtx);
        Memory wMl = weightLevel(ops, ra, peakIo, h, v, sizes.sharedBits());
        return new TileCaching(h.level(), v.level(), writes(ra.colsOut(), ra, firstX), firstX ? Map.of() : ra.colsIn(),
                writes(ra.rowsOut(), ra, firstY), rowReads(ra, firstY), wMl, sizes.onChip(h.level(), v.level(), offChip));
    }

    /** The context one strategy places its cache in; {@code firstTilePeak} is computed only when asked. */
    private record PlacementContext(TileDirection direction, boolean firstInDirection, long basePeakBits, long overlapBits,
                                    long sharedOverlapBits, OverlapStrategy other, Memory otherLevel, MemoryOperand input,
                                    List<Memory> chain, Memory offChip, LongSupplier firstTilePeak, MemoryChains chains,
                                    CompatFlags flags) implements CacheContext {

        @Override
        public long firstTilePeakBits() {
            return firstTilePeak.getAsLong();
        }

        @Override
        public Memory lowestFitting(long bits) {
            return chains.firstFit(chain, bits, input);
        }

        @Override
        public Memory lowestFitting(long bits, Memory sharedWith, long savedBits) {
            for (Memory m : chain) {
                long need = m == sharedWith ? bits - savedBits : bits;
                if (m.sizeBits() >= need && m.holds(input) && chains.single(m)) {
                    return m;
                }
            }
            return null;
        }
    }

    /**
     * The level the tile's weights live in: the lowest level of the weights' chain that holds them
     * together with what shares that level (the reserved input/output, the caches).
     */
    private Memory weightLevel(Operands ops, BackPropagation.Result ra, long peakIo, CachePlacement h, CachePlacement v, long shared) {
        if (ops.weights() == null) {
            return null;
        }
        List<Memory> reserve = new ArrayList<>();
        for (Memory m : chains.of(ops.output())) {
            reserve.add(m);
            if (m.holds(ops.input()) && m.sizeBits() >= peakIo && chains.single(m)) {
                break;
            }
        }
        long wTotal = 0;
        for (DfNode n : ra.discovery()) {
            wTotal += n.weightBits(ra.sizes().get(n));
        }
        List<Memory> wChain = chains.of(ops.weights().link(ops.weights().layer.constantOperands().get(0)));
        for (Memory m : wChain) {
            long need = wTotal;
            if (reserve.contains(m)) {
                need = wTotal + peakIo;
            }
            if (m == h.level()) {
                need = wTotal + h.peakBits();
            }
            if (m == v.level()) {
                need = wTotal + v.peakBits();
            }
            if (m == h.level() && m == v.level()) {
                need = wTotal + v.peakBits() - shared;
            }
            if (m.sizeBits() >= need) {
                return m;
            }
        }
        return wChain.get(wChain.size() - 1);
    }

    /** The overlaps producers write for the next tile; after the first tile at most what the tile computed. */
    private static Map<DfNode, BackPropagation.Overlap> writes(Map<DfNode, BackPropagation.Overlap> out, BackPropagation.Result ra,
                                                              boolean first) {
        Map<DfNode, BackPropagation.Overlap> w = new LinkedHashMap<>();
        out.forEach((p, o) -> w.put(p, first ? o
                : new BackPropagation.Overlap(o.dim(), Math.min(o.amount(), ra.sizes().get(p).getOrDefault(o.dim(), 1L)), o.lag())));
        return w;
    }

    private static Map<BackPropagation.NodeOperand, TileCaching.VRead> rowReads(BackPropagation.Result ra, boolean firstY) {
        Map<BackPropagation.NodeOperand, TileCaching.VRead> reads = new LinkedHashMap<>();
        if (!firstY) {
            ra.rowsIn().forEach((k, o) -> reads.put(k, new TileCaching.VRead(o.dim(), o.amount(), ra.colsIn().get(k).dim())));
        }
        return reads;
    }

    /** Each producer's column cache, ((elems_O ÷ size[dim]) · amount) · prec_O_final bits. */
    private static Map<DfNode, Long> hOutBits(BackPropagation.Result ra) {
        Map<DfNode, Long> bits = new HashMap<>();
        ra.colsOut().forEach((p, o) -> {
            Map<String, Long> ps = ra.sizes().get(p);
            long elems = DfNode.product(p.tensorDims(p.outputOperand(), ps));
            long along = ps.getOrDefault(o.dim(), 1L);
            bits.put(p, along == 0 ? 0 : ((elems / along) * o.amount()) * p.outputPrecision());
        });
        return bits;
    }
}
