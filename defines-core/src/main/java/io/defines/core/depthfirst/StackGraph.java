package io.defines.core.depthfirst;

import io.defines.core.mapping.Mapping;
import io.defines.core.workload.Layer;
import io.defines.core.workload.LayerInput;
import io.defines.core.workload.Workload;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole network as the depth-first engine sees it, built once per (workload, mapping): one node
 * per layer plus DeFiNES' network-input node, the edges between them, a topological order, and every
 * node's loop sizes after back-propagating the whole output map (docs/depth-first.md, "Stacks").
 * Never changed after construction.
 */
final class StackGraph {

    final List<DfNode> nodes;
    final List<DfNode> topo;
    /** Each node's consumers in the network (empty for a network output), in node order. */
    private final Map<DfNode, List<DfNode>> consumers = new HashMap<>();
    /** Loop sizes of every node after the full-network back-propagation. */
    final Map<DfNode, Map<String, Long>> sizes;
    /**
     * Whether tile positions matter, not only tile sizes: some layer is padded, or reads beyond its
     * producer's map (then reads are clipped to the map by position).
     */
    final boolean padded;

    StackGraph(Workload workload, Mapping mapping) {
        DfNode input = networkInput(workload);
        List<DfNode> all = new ArrayList<>();
        if (input != null) {
            all.add(input);
        }
        Map<Integer, DfNode> byId = new LinkedHashMap<>();
        // in id order: the order a file lists its layers in changes nothing
        for (Layer l : workload.byId()) {
            DfNode n = DfNode.layer(l, mapping.entryFor(l).orElseThrow(() -> new IllegalArgumentException("no mapping entry for layer " + l.id())));
            byId.put(l.id(), n);
            all.add(n);
        }
        for (Layer l : workload.byId()) {
            DfNode n = byId.get(l.id());
            for (LayerInput in : l.inputs()) {
                if (in.isNetworkInput()) {
                    Map<String, String> dims = new LinkedHashMap<>();
                    List<String> idx = l.equation().operand(in.operand()).orElseThrow().indices();
                    for (int i = 0; i < idx.size(); i++) {
                        dims.put(idx.get(i), input.inputNodeDims.get(i));
                    }
                    n.inputs.add(new DfNode.Edge(in.operand(), input, dims));
                } else {
                    n.inputs.add(new DfNode.Edge(in.operand(), byId.get(in.producerId()), in.producerDims(), in.part(), in.upsample()));
                }
            }
        }
        this.nodes = List.copyOf(all);
        for (DfNode n : nodes) {
            consumers.putIfAbsent(n, new ArrayList<>());
            n.producers().forEach(p -> consumers.computeIfAbsent(p, k -> new ArrayList<>()).add(n));
        }
        this.topo = topologicalOrder(nodes);
        // an upsampled read (ONNX Resize) maps ranges by position too
        boolean declaredPadding = workload.layers().stream().anyMatch(l -> l.padding().values().stream().anyMatch(pd -> pd.total() > 0)
                || l.inputs().stream().anyMatch(in -> !in.upsample().none()));
        Map<DfNode, Map<String, Long>> extents = fullSizes(input, declaredPadding);
        // a valid convolution declared at its input's size (ZigZag's unpadded ResNet-18) would make its producer
        // compute outputs the producer does not have: read such inputs by position, clipped to the producer's map
        boolean beyond = !declaredPadding && computesBeyondDeclared(extents);
        // a tiled layer reading a whole tensor (a squeeze-excitation's scale): by position, so cached tiles keep that tensor
        this.padded = declaredPadding || beyond || readsWholeWhileTiled();
        this.sizes = padded && !declaredPadding ? fullSizes(input, true) : extents;
    }

    /** Whether a layer with a feature map (OX or OY) reads an input without one (without OX or without OY). */
    private boolean readsWholeWhileTiled() {
        for (DfNode n : nodes) {
            if (n.isInput() || !n.layer.loopSizes().containsKey("OX") && !n.layer.loopSizes().containsKey("OY")) {
                continue;
            }
            for (DfNode.Edge e : n.inputs) {
                Map<String, Long> t = n.tensorDims(e.operand(), n.fullSizes);
                // as the back-propagation decides: an input missing either axis is read whole (a transformer's K read by every row tile)
                if (BackPropagation.tensorDim(n, t, "OX") == null || BackPropagation.tensorDim(n, t, "OY") == null) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the whole-map back-propagation asks some layer for more OX or OY than it declares. */
    private boolean computesBeyondDeclared(Map<DfNode, Map<String, Long>> extents) {
        for (DfNode n : nodes) {
            if (n.isInput()) {
                continue;
            }
            for (String d : List.of("OX", "OY")) {
                Long declared = n.layer.loopSizes().get(d);
                if (declared != null && extents.get(n).getOrDefault(d, declared) > declared) {
                    return true;
                }
            }
        }
        return false;
    }

    /** DeFiNES' input node for the first network input met (dims B, K, OY, OX for 4-D tensors). */
    private static DfNode networkInput(Workload workload) {
        for (Layer l : workload.byId()) {
            for (LayerInput in : l.inputs()) {
                if (in.isNetworkInput()) {
                    int rank = l.equation().operand(in.operand()).orElseThrow().indices().size();
                    List<String> dims = rank == 4 ? List.of("B", "K", "OY", "OX") : standardDims(rank);
                    return DfNode.input("InputLayerNode_-1", StackCuts.NETWORK_INPUT, dims, l.precision(in.operand()), StackCuts.NETWORK_INPUT);
                }
            }
        }
        return null;
    }

    private Map<DfNode, Map<String, Long>> fullSizes(DfNode input, boolean positional) {
        Map<DfNode, Map<String, Long>> base = new HashMap<>();
        for (DfNode n : nodes) {
            base.put(n, new LinkedHashMap<>(n.fullSizes));
        }
        if (input != null) {
            // the network input's channels come from its consumers (DeFiNES declares them on its input node)
            for (DfNode n : nodes) {
                for (DfNode.Edge e : n.inputs) {
                    if (e.producer() == input) {
                        Map<String, Long> t = n.tensorDims(e.operand(), base.get(n));
                        for (var d : t.entrySet()) {
                            // padded elements are not part of the input (clipping to its map drops the windows' padding)
                            long stored = d.getValue() - n.layer.padding(d.getKey()).total();
                            base.get(input).merge(e.dims().get(d.getKey()), stored, Math::max);
                        }
                    }
                }
            }
        }
        BackPropagation.Position whole = positional ? new BackPropagation.Position(0, 0, base) : null;
        // every network output asks for its whole map (DeFiNES' networks have one)
        List<BackPropagation.Seed> others = new ArrayList<>();
        for (DfNode n : topo.subList(0, topo.size() - 1)) {
            if (!n.isInput() && consumersOf(n).isEmpty()) {
                Map<String, Long> s = base.get(n);
                others.add(new BackPropagation.Seed(n, 0, 0, s.getOrDefault("OX", 1L), s.getOrDefault("OY", 1L)));
            }
        }
        return BackPropagation.run(topo.get(topo.size() - 1), others, base, BackPropagation.Request.wholeMap(whole)).sizes();
    }

    DfNode last() {
        return topo.get(topo.size() - 1);
    }

    DfNode byId(int id) {
        for (DfNode n : nodes) {
            if (n.id == id) {
                return n;
            }
        }
        throw new IllegalArgumentException("no node " + id);
    }

    /** Topological order by generations, nodes of a generation in insertion order (networkx ≥ 2.6). */
    static List<DfNode> topologicalOrder(List<DfNode> nodes) {
        Map<DfNode, Integer> indegree = new HashMap<>();
        Map<DfNode, List<DfNode>> children = new LinkedHashMap<>();
        for (DfNode n : nodes) {
            indegree.put(n, n.producers().size());
            children.put(n, new ArrayList<>());
        }
        // children in edge-insertion order: consumers in node order
        for (DfNode n : nodes) {
            for (DfNode p : n.producers()) {
                children.get(p).add(n);
            }
        }
        List<DfNode> order = new ArrayList<>();
        List<DfNode> generation = new ArrayList<>();
        for (DfNode n : nodes) {
            if (indegree.get(n) == 0) {
                generation.add(n);
            }
        }
        while (!generation.isEmpty()) {
            List<DfNode> next = new ArrayList<>();
            for (DfNode n : generation) {
                order.add(n);
                for (DfNode c : children.get(n)) {
                    if (indegree.merge(c, -1, Integer::sum) == 0) {
                        next.add(c);
                    }
                }
            }
            generation = next;
        }
        return order;
    }

    /** Every node {@code n} reads from, directly or not. */
    static Set<DfNode> ancestors(DfNode n) {
        Set<DfNode> out = new HashSet<>();
        ArrayDeque<DfNode> todo = new ArrayDeque<>();
        n.inputs.forEach(e -> todo.push(e.producer()));
        while (!todo.isEmpty()) {
            DfNode p = todo.pop();
            if (out.add(p)) {
                p.inputs.forEach(e -> todo.push(e.producer()));
            }
        }
        return out;
    }

    /** The nodes of the network that read {@code n}'s output (empty for a network output). */
    List<DfNode> consumersOf(DfNode n) {
        return consumers.getOrDefault(n, List.of());
    }

    /** Every node of the network that reads {@code n}'s output, directly or not. */
    Set<DfNode> descendants(DfNode n) {
        Set<DfNode> out = new HashSet<>();
        ArrayDeque<DfNode> todo = new ArrayDeque<>(List.of(n));
        while (!todo.isEmpty()) {
            for (DfNode c : consumersOf(todo.pop())) {
                if (out.add(c)) {
                    todo.push(c);
                }
            }
        }
        return out;
    }

    private static List<String> standardDims(int rank) {
        List<String> d = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            d.add("D" + i);
        }
        return d;
    }
}
