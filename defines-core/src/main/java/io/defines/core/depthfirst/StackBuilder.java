package io.defines.core.depthfirst;

import io.defines.core.compat.CompatFlags;
import io.defines.core.compat.Quirk;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits the network into stacks at a cut list (layer ids after which a new stack starts; −1 = after
 * the network input). Each stack gets its own copies of the nodes, so that edges from earlier stacks
 * can be rewired to new input nodes (docs/depth-first.md, "Stacks").
 */
final class StackBuilder {

    private final StackGraph graph;

    StackBuilder(StackGraph graph) {
        this.graph = graph;
    }

    /** The stacks in evaluation order; the results of all stacks concatenate per key. */
    List<Stack> build(List<Integer> cuts, CompatFlags flags) {
        boolean zeroIsNoCut = flags.has(Quirk.CUT_AFTER_LAYER_ZERO_IGNORED);
        if (!flags.has(Quirk.STACK_BY_ANCESTRY)) {
            // cuts are positions in the topological order, whatever order they are listed in
            cuts = cuts.stream().sorted(java.util.Comparator.comparingInt(id -> graph.topo.indexOf(graph.byId(id)))).toList();
        }
        List<Integer> before = new ArrayList<>();
        before.add(null);
        before.addAll(cuts);
        List<Integer> after = new ArrayList<>(cuts);
        after.add(null);
        int lastId = graph.last().id;
        List<Stack> stacks = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            Integer cb = before.get(i);
            Integer ca = after.get(i);
            if (cb != null && cb == lastId) {
                continue;
            }
            Stack st = stack(truthy(cb, zeroIsNoCut) ? cb : null, truthy(ca, zeroIsNoCut) ? ca : null, flags.has(Quirk.STACK_BY_ANCESTRY));
            // a segment with no layer (a cut after the network input before the first layer) computes nothing
            if (flags.has(Quirk.STACK_BY_ANCESTRY) || !st.layerIds().isEmpty()) {
                stacks.add(st);
            }
        }
        return stacks;
    }

    private static boolean truthy(Integer cut, boolean zeroIsNoCut) {
        return cut != null && !(zeroIsNoCut && cut == 0);
    }

    /** The stack between two cuts, with new input nodes for data produced by earlier stacks. */
    private Stack stack(Integer cutBefore, Integer cutAfter, boolean byAncestry) {
        Set<DfNode> keep = byAncestry ? new LinkedHashSet<>(graph.nodes) : segment(cutBefore, cutAfter);
        Map<DfNode, DfNode> copyOf = copies();
        Map<DfNode, Map<String, Long>> sizes = new HashMap<>();
        graph.nodes.forEach(n -> sizes.put(copyOf.get(n), new LinkedHashMap<>(graph.sizes.get(n))));
        List<DfNode> added = new ArrayList<>();
        if (cutBefore != null) {
            DfNode cb = graph.byId(cutBefore);
            keep.remove(cb);
            keep.removeAll(StackGraph.ancestors(cb));
            added = rewireInputs(cb, keep, sizes, copyOf);
        }
        if (cutAfter != null) {
            keep.removeAll(graph.descendants(graph.byId(cutAfter)));
        }
        DfNode end = copyOf.get(cutAfter != null ? graph.byId(cutAfter) : graph.last());
        List<DfNode> stackNodes = new ArrayList<>();
        for (DfNode n : graph.nodes) {
            if (keep.contains(n)) {
                stackNodes.add(copyOf.get(n));
            }
        }
        stackNodes.addAll(added);
        List<DfNode> outputs = new ArrayList<>(List.of(end));
        if (byAncestry) {
            stackNodes.retainAll(predecessorsAndSelf(end)); // DeFiNES: one output, what it needs
        } else {
            // every layer of the segment stays; each whose output leaves the stack is an output too
            Set<DfNode> read = new HashSet<>();
            stackNodes.forEach(n -> read.addAll(n.producers()));
            stackNodes.removeIf(n -> n.isInput() && !read.contains(n));
            for (DfNode n : graph.topo) {
                DfNode c = copyOf.get(n);
                if (!n.isInput() && keep.contains(n) && c != end && leavesStack(n, keep)) {
                    outputs.add(c);
                }
            }
        }
        Map<DfNode, List<DfNode>> consumers = new HashMap<>();
        for (DfNode n : stackNodes) {
            for (DfNode p : n.producers()) {
                consumers.computeIfAbsent(p, x -> new ArrayList<>()).add(n);
            }
        }
        Map<DfNode, Map<String, Long>> stackSizes = new HashMap<>();
        stackNodes.forEach(n -> stackSizes.put(n, sizes.get(n)));
        return new Stack(stackNodes, consumers, StackGraph.topologicalOrder(stackNodes), outputs, stackSizes,
                graph.padded || outputs.size() > 1);
    }

    /** Whether some layer outside the stack reads {@code n}, or none reads it at all (a network output). */
    private boolean leavesStack(DfNode n, Set<DfNode> keep) {
        List<DfNode> readers = graph.consumersOf(n);
        return readers.isEmpty() || !keep.containsAll(readers);
    }

    /**
     * The nodes after {@code cutBefore} up to and including {@code cutAfter} in the network's topological
     * order (from the start, and to the end, when null), in network order: every layer in exactly one
     * segment, whatever the order of parallel branches.
     */
    private Set<DfNode> segment(Integer cutBefore, Integer cutAfter) {
        int from = cutBefore == null ? 0 : graph.topo.indexOf(graph.byId(cutBefore)) + 1;
        int to = cutAfter == null ? graph.topo.size() : graph.topo.indexOf(graph.byId(cutAfter)) + 1;
        Set<DfNode> inSegment = new java.util.HashSet<>(graph.topo.subList(from, Math.max(from, to)));
        Set<DfNode> keep = new LinkedHashSet<>();
        for (DfNode n : graph.nodes) {
            if (inSegment.contains(n)) {
                keep.add(n);
            }
        }
        return keep;
    }

    /** Per-stack copies of all nodes, edges between the copies. */
    private Map<DfNode, DfNode> copies() {
        Map<DfNode, DfNode> copyOf = new LinkedHashMap<>();
        for (DfNode n : graph.nodes) {
            copyOf.put(n, n.isInput() ? DfNode.input(n.key, n.id, n.inputNodeDims, n.inputNodePrecision, n.source) : DfNode.layer(n.layer, n.mapping));
        }
        for (DfNode n : graph.nodes) {
            for (DfNode.Edge e : n.inputs) {
                copyOf.get(n).inputs.add(e.from(copyOf.get(e.producer())));
            }
        }
        return copyOf;
    }

    /**
     * Direct successors of the cut get a new input node per producer that left the stack (DeFiNES);
     * then any other node of the stack reading from an earlier stack (DeFiNES assumes there is none).
     */
    private List<DfNode> rewireInputs(DfNode cut, Set<DfNode> keep, Map<DfNode, Map<String, Long>> sizes, Map<DfNode, DfNode> copyOf) {
        List<DfNode> readers = new ArrayList<>();
        for (DfNode succ : graph.nodes) {
            if (keep.contains(succ) && succ.inputs.stream().anyMatch(e -> e.producer() == cut)) {
                readers.add(succ);
            }
        }
        for (DfNode other : graph.nodes) {
            if (keep.contains(other) && !readers.contains(other) && other.inputs.stream().anyMatch(e -> !keep.contains(e.producer()))) {
                readers.add(other);
            }
        }
        Map<DfNode, DfNode> inputFor = new LinkedHashMap<>();
        for (DfNode succ : readers) {
            DfNode sc = copyOf.get(succ);
            for (int k = 0; k < succ.inputs.size(); k++) {
                DfNode.Edge e = succ.inputs.get(k);
                if (keep.contains(e.producer())) {
                    continue;
                }
                DfNode in = inputFor.get(e.producer());
                if (in == null) {
                    in = substackInput(inputFor.size(), e.producer(), keep, sizes);
                    inputFor.put(e.producer(), in);
                }
                sc.inputs.set(k, e.from(in));
            }
        }
        return new ArrayList<>(inputFor.values());
    }

    /** A substack input node standing for {@code producer}'s output: channel dims the min, others the max over its consumers. */
    private DfNode substackInput(int idx, DfNode producer, Set<DfNode> keep, Map<DfNode, Map<String, Long>> sizes) {
        Map<String, Long> dims = new LinkedHashMap<>();
        int precision = 0;
        String partDim = null;
        boolean whole = false;
        List<long[]> read = new ArrayList<>();
        for (DfNode s : graph.nodes) {
            if (!keep.contains(s)) {
                continue;
            }
            for (DfNode.Edge e : s.inputs) {
                if (e.producer() != producer) {
                    continue;
                }
                Map<String, Long> t = s.tensorDims(e.operand(), graph.sizes.get(s));
                for (var d : t.entrySet()) {
                    String mapped = e.dims().getOrDefault(d.getKey(), d.getKey());
                    boolean channel = mapped.equals("C") || mapped.equals("K") || mapped.equals("G");
                    if (e.part() != null && e.part().dim().equals(d.getKey())) {
                        partDim = mapped;
                        read.add(new long[] {e.part().producerOffset(), e.part().producerOffset() + e.part().length()});
                    } else {
                        // another reader takes all of the producer's channels
                        whole |= e.part() == null && (mapped.equals("K") || mapped.equals("G"));
                        dims.merge(mapped, e.producerExtent(mapped, d.getValue()), channel ? Math::min : Math::max);
                    }
                }
                precision = Math.max(precision, s.precision(e.operand()));
            }
        }
        if (partDim != null) {
            // read in parts (a concatenation's, a channel range): the stack fetches the channels its readers read, once
            dims.put(partDim, whole ? graph.sizes.get(producer).getOrDefault(partDim, 1L) : unionLength(read));
        }
        DfNode in = DfNode.input("InputLayerNode_substack_input_layer_" + idx, -2 - idx, List.copyOf(dims.keySet()), precision, producer.id);
        sizes.put(in, dims);
        return in;
    }

    /** The number of channels in the union of half-open ranges. */
    private static long unionLength(List<long[]> ranges) {
        List<long[]> sorted = new ArrayList<>(ranges);
        sorted.sort(java.util.Comparator.comparingLong(r -> r[0]));
        long total = 0;
        long end = Long.MIN_VALUE;
        for (long[] r : sorted) {
            long from = Math.max(r[0], end);
            if (r[1] > from) {
                total += r[1] - from;
            }
            end = Math.max(end, r[1]);
        }
        return total;
    }

    /** The end node and everything it reads from (through the rewired edges). */
    private static Set<DfNode> predecessorsAndSelf(DfNode end) {
        Set<DfNode> needed = new HashSet<>();
        ArrayDeque<DfNode> todo = new ArrayDeque<>(List.of(end));
        while (!todo.isEmpty()) {
            DfNode n = todo.pop();
            if (needed.add(n)) {
                n.inputs.forEach(e -> todo.push(e.producer()));
            }
        }
        return needed;
    }
}
