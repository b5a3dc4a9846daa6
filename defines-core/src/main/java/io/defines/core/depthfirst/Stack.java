package io.defines.core.depthfirst;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One stack of fused layers, as a value: its nodes (layers, and input nodes standing for data from
 * outside the stack), each node's consumers inside the stack, a topological order, its outputs (the
 * last layer first, then every other layer whose output leaves the stack: a network output, or a
 * tensor a later stack reads), every node's loop sizes for the whole stack output, and whether tiles
 * are placed by position ({@code positional}: a layer is padded, reads beyond its producer's map, or
 * the stack has several outputs whose tiles must line up). {@code propagations} memoises its
 * back-propagations (a pure function of the request): the settings and boundaries a search evaluates
 * one stack with ask for the same tiles again and again.
 */
record Stack(List<DfNode> nodes, Map<DfNode, List<DfNode>> consumers, List<DfNode> topo, List<DfNode> outputs,
             Map<DfNode, Map<String, Long>> fullSizes, boolean positional, ConcurrentHashMap<Propagation, BackPropagation.Result> propagations) {

    Stack {
        nodes = List.copyOf(nodes);
        topo = List.copyOf(topo);
        outputs = List.copyOf(outputs);
    }

    Stack(List<DfNode> nodes, Map<DfNode, List<DfNode>> consumers, List<DfNode> topo, List<DfNode> outputs,
          Map<DfNode, Map<String, Long>> fullSizes, boolean positional) {
        this(nodes, consumers, topo, outputs, fullSizes, positional, new ConcurrentHashMap<>());
    }

    /** A back-propagation request of this stack (its position's maps are always the stack's full sizes). */
    record Propagation(Long tileX, Long tileY, boolean useH, boolean makeH, boolean useV, boolean makeV, boolean positioned, long x0,
                       long y0) {

        static Propagation of(BackPropagation.Request r) {
            BackPropagation.Position p = r.position();
            return new Propagation(r.tileX(), r.tileY(), r.useH(), r.makeH(), r.useV(), r.makeV(), p != null, p == null ? 0 : p.x0(),
                    p == null ? 0 : p.y0());
        }
    }

    /** A stack is itself: the memo does not make two stacks equal. */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    /** The stack's last layer: its output map is the one the tiles are cut from. */
    DfNode output() {
        return outputs.get(0);
    }

    List<DfNode> consumersOf(DfNode n) {
        return consumers.getOrDefault(n, List.of());
    }

    /** Whether {@code n}'s output leaves the stack although layers of the stack also read it: it is written to memory besides. */
    boolean writesOut(DfNode n) {
        return !consumersOf(n).isEmpty() && outputs.contains(n);
    }

    /** Output width and height of the stack (the last layer's OX × OY). */
    long width() {
        return fullSizes.get(output()).getOrDefault("OX", 1L);
    }

    long height() {
        return fullSizes.get(output()).getOrDefault("OY", 1L);
    }

    /** The outputs other than the last layer that have no feature map (they cannot follow the tiles). */
    List<Integer> featurelessOtherOutputs() {
        List<Integer> ids = new ArrayList<>();
        for (DfNode o : outputs.subList(1, outputs.size())) {
            Map<String, Long> s = fullSizes.get(o);
            if (!s.containsKey("OX") || !s.containsKey("OY")) {
                ids.add(o.id);
            }
        }
        return ids;
    }

    /** Where a tile starting at (x0, y0) sits, for positional stacks; null otherwise (sizes alone decide). */
    BackPropagation.Position position(long x0, long y0) {
        return positional ? new BackPropagation.Position(x0, y0, fullSizes) : null;
    }

    /** Ids of the stack's layers in topological order. */
    List<Integer> layerIds() {
        return topo.stream().filter(n -> !n.isInput()).map(n -> n.id).toList();
    }

    /**
     * Back-propagates a tile of this stack from its outputs: the last layer's tile as requested, every
     * other output's tile the part of its map that lines up with it (docs/depth-first.md, "Stacks with
     * several outputs").
     */
    BackPropagation.Result propagate(BackPropagation.Request request) {
        Propagation key = Propagation.of(request);
        BackPropagation.Result known = propagations.get(key);
        if (known == null) {
            known = propagateOnce(request);
            propagations.putIfAbsent(key, known);
        }
        return known;
    }

    private BackPropagation.Result propagateOnce(BackPropagation.Request request) {
        if (outputs.size() == 1 || request.position() == null) {
            return BackPropagation.run(output(), fullSizes, request);
        }
        BackPropagation.Position pos = request.position();
        long tx = request.tileX() == null ? width() : request.tileX();
        long ty = request.tileY() == null ? height() : request.tileY();
        List<BackPropagation.Seed> seeds = new ArrayList<>();
        for (DfNode o : outputs.subList(1, outputs.size())) {
            Map<String, Long> s = fullSizes.get(o);
            long w = s.getOrDefault("OX", 1L);
            long h = s.getOrDefault("OY", 1L);
            long xa = aligned(pos.x0(), w, width());
            long ya = aligned(pos.y0(), h, height());
            seeds.add(new BackPropagation.Seed(o, xa, ya, aligned(pos.x0() + tx, w, width()) - xa, aligned(pos.y0() + ty, h, height()) - ya));
        }
        return BackPropagation.run(output(), seeds, fullSizes, request);
    }

    /** The position in a map of {@code size} that lines up with {@code at} in the last layer's map of {@code reference}. */
    static long aligned(long at, long size, long reference) {
        return Math.multiplyExact(at, size) / reference;
    }
}
