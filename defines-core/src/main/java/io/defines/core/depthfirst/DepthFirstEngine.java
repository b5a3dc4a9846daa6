package io.defines.core.depthfirst;

import io.defines.core.compat.CompatFlags;
import io.defines.core.cost.LayerCost;
import io.defines.core.mapper.SingleLayerCache;
import io.defines.core.cost.SingleLayerProblem;
import io.defines.core.hardware.Accelerator;
import io.defines.core.hardware.HierarchyView;
import io.defines.core.hardware.Memory;
import io.defines.core.hardware.MemoryOperand;
import io.defines.core.mapping.Mapping;
import io.defines.core.workload.Layer;
import io.defines.core.workload.LayerInput;
import io.defines.core.workload.Workload;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The depth-first engine (defines-model §4–§7 with the §13 corrections): tiles each stack's output,
 * back-propagates every tile, groups tiles into tile types, chooses per tile type, layer and
 * operand the memory level the data lives in, costs each layer with the single-layer model on the
 * truncated hierarchy and each data copy with the copy model, and sums type × multiplicity.
 *
 * <p>Stacks are evaluated one after the other (their results concatenate per key); within a stack
 * the distinct tile types are evaluated in parallel. Padding is not yet modelled (valid convolutions,
 * as in DeFiNES); see docs/depth-first.md.
 */
public final class DepthFirstEngine {

    /**
     * A depth-first schedule: tile size (in the last layer's OX × OY), the overlap strategy between
     * horizontally adjacent tiles (h) and between tile rows (v), the LOMA limit and the compatibility
     * flags. DeFiNES' modes: fully-recompute = (recompute, recompute), H-cached V-recompute =
     * (cache, recompute), fully-cached = (cache, cache).
     */
    public record Schedule(long tileX, long tileY, OverlapStrategy h, OverlapStrategy v, int lpfLimit, CompatFlags flags) {

        /** DeFiNES-style: booleans for caching in each direction. */
        public Schedule(long tileX, long tileY, boolean cacheH, boolean cacheV, int lpfLimit, CompatFlags flags) {
            this(tileX, tileY, cacheH ? OverlapStrategy.CACHE : OverlapStrategy.RECOMPUTE,
                    cacheV ? OverlapStrategy.CACHE : OverlapStrategy.RECOMPUTE, lpfLimit, flags);
        }

        boolean cacheH() {
            return h != OverlapStrategy.RECOMPUTE;
        }

        boolean cacheV() {
            return v != OverlapStrategy.RECOMPUTE;
        }
    }

    /**
     * One tile type of one result key: its multiplicity and its cost. {@code onChipBits} (layers only):
     * the bits on chip while the layer runs — its input, output and weight tiles whose top memory level
     * is not the off-chip memory, plus the overlap caches the tile keeps in on-chip levels.
     */
    public record TypeResult(int multiplicity, LayerCost layer, DataCopyModel.CopyLayerCost copies,
                             Map<String, Long> loopSizes, Map<String, List<String>> memoryNames, long onChipBits) {
        public double energyPj() {
            return layer instanceof LayerCost.Mapped m ? m.energyPj() : copies.energyPj();
        }

        public long latencyCycles() {
            return layer instanceof LayerCost.Mapped m ? m.latencyTotal1() : copies.latencyCycles();
        }
    }

    /**
     * A whole schedule: totals, the layer ids of each stack, and per key (a layer "LayerNode_<id>", or
     * the copies before it "datamovement_b4_<node>") its tile types with multiplicities.
     */
    public record Result(double energyPj, long latencyCycles, long macCount, Map<String, List<TypeResult>> perKey,
                         List<List<Integer>> stacks) {

        /** The largest {@link TypeResult#onChipBits()} of any layer tile type: the on-chip memory the schedule needs. */
        public long onChipPeakBits() {
            long peak = 0;
            for (List<TypeResult> types : perKey.values()) {
                for (TypeResult t : types) {
                    peak = Math.max(peak, t.onChipBits());
                }
            }
            return peak;
        }

        /**
         * Energy spent at each memory, by name in {@code acc}'s listing order (pJ): the layers' accesses
         * (LayerCost.Mapped#energyPerLevelPj) and the data copies (each hop's send at the sender, its
         * receive at the receiver). With {@link #macEnergyPj()} they add up to {@link #energyPj()}.
         */
        public Map<String, Double> energyPerMemoryPj(Accelerator acc) {
            Map<String, Double> out = new LinkedHashMap<>();
            acc.memories().forEach(m -> out.put(m.name(), 0.0));
            forEachEnergy((operand, memory, pJ) -> {
                if (!operand.equals(MAC)) {
                    out.merge(memory, pJ, Double::sum);
                }
            });
            return out;
        }

        private static final String MAC = "mac";

        /** Receives one energy contribution: the layer operand (or {@code copies}, or {@code mac}), the memory, pJ. */
        private interface EnergySink {
            void add(String operand, String memory, double pJ);
        }

        /**
         * Every energy contribution × multiplicity, in result order: per layer tile type its MAC energy,
         * then per operand and level its accesses; per copy tile type each hop's send and receive.
         */
        private void forEachEnergy(EnergySink sink) {
            for (List<TypeResult> types : perKey.values()) {
                for (TypeResult t : types) {
                    if (t.layer() instanceof LayerCost.Mapped m) {
                        sink.add(MAC, MAC, m.macEnergyPj() * t.multiplicity());
                        m.energyPerLevelPj().forEach((op, levels) -> {
                            List<String> names = m.memoryNames().get(op);
                            for (int l = 0; l < levels.length; l++) {
                                sink.add(op, names.get(l), levels[l] * t.multiplicity());
                            }
                        });
                    } else if (t.copies() != null) {
                        for (DataCopyModel.CostedAction a : t.copies().actions()) {
                            for (int h = 0; h < a.hops().size(); h++) {
                                DataCopyModel.Hop hop = a.hops().get(h);
                                double[] e = a.hopEnergiesPj().get(h);
                                sink.add("copies", hop.sender().name(), e[0] * t.multiplicity());
                                sink.add("copies", hop.receiver().name(), e[1] * t.multiplicity());
                            }
                        }
                    }
                }
            }
        }

        /** The off-chip memory of {@code acc}: the top of the O chain, where every schedule's data starts and ends. */
        public static Memory offChipMemory(Accelerator acc) {
            List<Memory> oChain = acc.chain(MemoryOperand.O);
            return oChain.get(oChain.size() - 1);
        }

        /** Bits read from and written to the off-chip memory: {@link #accessBitsPerMemory} at {@link #offChipMemory}. */
        public double offChipAccessBits(Accelerator acc) {
            return accessBitsPerMemory(acc).get(offChipMemory(acc).name());
        }

        /**
         * Bits read from and written to each memory (all its instances), by name in {@code acc}'s listing
         * order, each access rounded up to the port's granularity as the energy model counts them: layer
         * accesses (word accesses × port width) plus the data-copy hops that start or end there.
         */
        public Map<String, Double> accessBitsPerMemory(Accelerator acc) {
            Map<String, Double> out = new LinkedHashMap<>();
            acc.memories().forEach(m -> out.put(m.name(), 0.0));
            for (List<TypeResult> types : perKey.values()) {
                for (TypeResult t : types) {
                    if (t.layer() instanceof LayerCost.Mapped m) {
                        for (var e : m.wordAccesses().entrySet()) {
                            List<String> names = m.memoryNames().get(e.getKey());
                            double[][] words = e.getValue();
                            for (int l = 0; l < words.length; l++) {
                                Memory mem = acc.memory(names.get(l)).orElseThrow();
                                // directions: rd_out_to_low, wr_in_by_low, rd_out_to_high, wr_in_by_high
                                double w = (words[l][0] + words[l][2]) * mem.readBandwidthBits()
                                        + (words[l][1] + words[l][3]) * mem.writeBandwidthBits();
                                out.merge(mem.name(), w * t.multiplicity(), Double::sum);
                            }
                        }
                    } else if (t.copies() != null) {
                        for (DataCopyModel.CostedAction a : t.copies().actions()) {
                            long b = a.action().bits();
                            for (DataCopyModel.Hop hop : a.hops()) {
                                out.merge(hop.sender().name(),
                                        (double) ceilDiv(b, hop.out().bandwidthMinBits()) * hop.out().bandwidthMinBits() * t.multiplicity(), Double::sum);
                                out.merge(hop.receiver().name(),
                                        (double) ceilDiv(b, hop.in().bandwidthMinBits()) * hop.in().bandwidthMinBits() * t.multiplicity(), Double::sum);
                            }
                        }
                    }
                }
            }
            return out;
        }

        /**
         * The latency split (cycles): {@code compute} (temporal cycles), {@code control} (the array's
         * control overhead per layer run; 0 unless the accelerator sets it),
         * {@code stalls}, {@code onloading} of the layers and {@code data_copies}; they add up to
         * {@link #latencyCycles()}. Off-loading is
         * reported separately ({@code offloading}) and is not part of the total (DeFiNES' latency_total1).
         */
        public Map<String, Long> latencyBreakdownCycles(Accelerator acc) {
            return latencyBreakdownCycles(acc.array().controlOverheadCycles());
        }

        /** Layer runs: Σ multiplicity over all layer tile types (how often a layer ran on a tile). */
        public long layerRuns() {
            long n = 0;
            for (List<TypeResult> types : perKey.values()) {
                for (TypeResult t : types) {
                    if (t.layer() != null) {
                        n += t.multiplicity();
                    }
                }
            }
            return n;
        }

        /** The split with {@code control} = layer runs × {@code overheadCycles}. */
        private Map<String, Long> latencyBreakdownCycles(long overheadCycles) {
            long compute = 0;
            long stalls = 0;
            long onloading = 0;
            long offloading = 0;
            long copies = 0;
            for (List<TypeResult> types : perKey.values()) {
                for (TypeResult t : types) {
                    if (t.layer() instanceof LayerCost.Mapped m) {
                        compute += m.temporalCycles() * t.multiplicity();
                        stalls += m.stallCycles() * t.multiplicity();
                        onloading += m.onloadingCycles() * t.multiplicity();
                        offloading += m.offloadingCycles() * t.multiplicity();
                    } else if (t.copies() != null) {
                        copies += t.copies().latencyCycles() * t.multiplicity();
                    }
                }
            }
            Map<String, Long> out = new LinkedHashMap<>();
            out.put("compute", compute);
            out.put("control", layerRuns() * overheadCycles);
            out.put("stalls", stalls);
            out.put("onloading", onloading);
            out.put("data_copies", copies);
            out.put("offloading", offloading);
            return out;
        }

        /**
         * Energy by layer operand (I, W, O, … as the layers name them) and memory (pJ); data copies under
         * {@code copies}, MAC energy under {@code mac}.
         */
        public Map<String, Map<String, Double>> energyPerOperandAndMemoryPj() {
            Map<String, Map<String, Double>> out = new java.util.TreeMap<>();
            forEachEnergy((operand, memory, pJ) -> out.computeIfAbsent(operand, k -> new LinkedHashMap<>()).merge(memory, pJ, Double::sum));
            return out;
        }

        private static long ceilDiv(long a, long b) {
            return (a + b - 1) / b;
        }

        /** Σ multiplicity × MAC energy over all layer tile types. */
        public double macEnergyPj() {
            double e = 0;
            for (List<TypeResult> types : perKey.values()) {
                for (TypeResult t : types) {
                    if (t.layer() instanceof LayerCost.Mapped m) {
                        e += m.macEnergyPj() * t.multiplicity();
                    }
                }
            }
            return e;
        }
    }

    private final Workload workload;
    private final Accelerator acc;
    /** The accelerator's chains, computed once (Accelerator.chain filters the memories on every call). */
    private final Map<MemoryOperand, List<Memory>> chains;
    private final Mapping mapping;
    private final SingleLayerCache cache;
    // the whole network
    private final boolean padded;
    private final List<DfNode> networkNodes = new ArrayList<>();
    private final Map<DfNode, Map<String, Long>> networkSizes;
    private final List<DfNode> networkTopo;
    // the stack being evaluated (set by evaluate for each stack in turn)
    private Map<DfNode, List<DfNode>> consumers;
    private Map<DfNode, Map<String, Long>> fullSizes;
    private List<DfNode> topo;
    private DfNode output;

    public DepthFirstEngine(Workload workload, Accelerator acc, Mapping mapping, SingleLayerCache cache) {
        this.workload = workload;
        this.acc = acc;
        this.chains = acc.chains();
        this.mapping = mapping;
        this.cache = cache;
        Map<Integer, DfNode> byId = new LinkedHashMap<>();
        DfNode input = null;
        for (Layer l : workload.layers()) {
            for (LayerInput in : l.inputs()) {
                if (in.isNetworkInput() && input == null) {
                    int rank = l.equation().operand(in.operand()).orElseThrow().indices().size();
                    List<String> dims = rank == 4 ? List.of("B", "K", "OY", "OX") : standardDims(rank);
                    input = DfNode.input("InputLayerNode_-1", StackCuts.NETWORK_INPUT, dims, l.precision(in.operand()));
                }
            }
        }
        if (input != null) {
            networkNodes.add(input);
        }
        for (Layer l : workload.layers()) {
            DfNode n = DfNode.layer(l, mapping.entryFor(l).orElseThrow(() -> new IllegalArgumentException("no mapping entry for layer " + l.id())));
            byId.put(l.id(), n);
            networkNodes.add(n);
        }
        for (Layer l : workload.layers()) {
            DfNode n = byId.get(l.id());
            for (LayerInput in : l.inputs()) {
                DfNode p;
                Map<String, String> dims;
                if (in.isNetworkInput()) {
                    p = input;
                    dims = new LinkedHashMap<>();
                    List<String> idx = l.equation().operand(in.operand()).orElseThrow().indices();
                    for (int i = 0; i < idx.size(); i++) {
                        dims.put(idx.get(i), input.inputNodeDims.get(i));
                    }
                } else {
                    p = byId.get(in.producerId());
                    dims = in.producerDims();
                }
                n.inputs.add(new DfNode.Edge(in.operand(), p, dims));
            }
        }
        this.networkTopo = topologicalOrder(networkNodes);
        Map<DfNode, Map<String, Long>> sizes = new HashMap<>();
        for (DfNode n : networkNodes) {
            sizes.put(n, new LinkedHashMap<>(n.fullSizes));
        }
        if (input != null) {
            // the network input's channels come from its consumers (DeFiNES declares them on its input node)
            for (DfNode n : networkNodes) {
                for (DfNode.Edge e : n.inputs) {
                    if (e.producer() == input) {
                        Map<String, Long> t = n.tensorDims(e.operand(), sizes.get(n));
                        for (var d : t.entrySet()) {
                            String mapped = e.dims().get(d.getKey());
                            sizes.get(input).merge(mapped, d.getValue(), Math::max);
                        }
                    }
                }
            }
        }
        this.padded = workload.layers().stream().anyMatch(l -> l.padding().values().stream().anyMatch(pd -> pd.total() > 0));
        BackPropagation.Position whole = padded ? new BackPropagation.Position(0, 0, BackPropagation.copy(sizes)) : null;
        BackPropagation.run(networkTopo.get(networkTopo.size() - 1), sizes, null, null, false, false, false, false, whole);
        this.networkSizes = sizes;
    }

    /** Topological order by generations, nodes of a generation in insertion order (networkx ≥ 2.6). */
    static List<DfNode> topologicalOrder(List<DfNode> nodes) {
        Map<DfNode, Integer> indegree = new HashMap<>();
        Map<DfNode, List<DfNode>> children = new LinkedHashMap<>();
        for (DfNode n : nodes) {
            indegree.putIfAbsent(n, 0);
            List<DfNode> producers = new ArrayList<>();
            for (DfNode.Edge e : n.inputs) {
                if (!producers.contains(e.producer())) {
                    producers.add(e.producer());
                }
            }
            indegree.put(n, producers.size());
        }
        for (DfNode n : nodes) {
            children.putIfAbsent(n, new ArrayList<>());
        }
        // children in edge-insertion order: consumers in node order
        for (DfNode n : nodes) {
            List<DfNode> seen = new ArrayList<>();
            for (DfNode.Edge e : n.inputs) {
                if (!seen.contains(e.producer())) {
                    seen.add(e.producer());
                    children.get(e.producer()).add(n);
                }
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

    private static List<String> standardDims(int rank) {
        List<String> d = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            d.add("D" + i);
        }
        return d;
    }

    // ------------------------------------------------------------------ schedule

    /** Cache level, writes and reads of one tile (§6.1); maps keyed by node. */
    /** What the first pass determines for a tile; {@code cachedOnChipBits}: the overlap caches it keeps in on-chip levels. */
    record Caching(Memory hMl, Memory vMl, Map<DfNode, BackPropagation.Overlap> colsWrite,
                   Map<BackPropagation.NodeOperand, BackPropagation.Overlap> colsRead,
                   Map<DfNode, BackPropagation.Overlap> rowsWrite, Map<BackPropagation.NodeOperand, VRead> rowsRead, Memory wMl,
                   long cachedOnChipBits) {
    }

    /** A vertical-cache read: v dim and amount, plus the h dim of the same input. */
    record VRead(String vDim, long amount, String hDim) {
    }

    /** make level, writes, reads of one direction for one tile (§6.3). */
    record Info<W, R>(Memory make, Map<DfNode, BackPropagation.Overlap> write, Map<BackPropagation.NodeOperand, R> read) {
    }

    /** Evaluates the schedule with DeFiNES' automatic stack cuts (§4.3). */
    public Result evaluate(Schedule s) {
        return evaluate(s, StackCuts.automatic(workload, mapping, acc));
    }

    /**
     * Evaluates the schedule with the given cut list (layer ids after which a new stack starts;
     * −1 = after the network input). Results of all stacks are concatenated per key (§13 C14).
     */
    public Result evaluate(Schedule s, List<Integer> cuts) {
        boolean zeroIsNoCut = s.flags().has(io.defines.core.compat.Quirk.CUT_AFTER_LAYER_ZERO_IGNORED);
        List<Integer> before = new ArrayList<>();
        before.add(null);
        before.addAll(cuts);
        List<Integer> after = new ArrayList<>(cuts);
        after.add(null);
        int lastId = networkTopo.get(networkTopo.size() - 1).id;
        Map<String, List<TypeResult>> perKey = new LinkedHashMap<>();
        List<List<Integer>> stacks = new ArrayList<>();
        double energy = 0;
        long latency = 0;
        long macs = 0;
        for (int i = 0; i < before.size(); i++) {
            Integer cb = before.get(i);
            Integer ca = after.get(i);
            if (cb != null && cb == lastId) {
                continue;
            }
            buildStack(truthy(cb, zeroIsNoCut) ? cb : null, truthy(ca, zeroIsNoCut) ? ca : null);
            Result r = evaluateStack(s);
            stacks.add(topo.stream().filter(n -> !n.isInput()).map(n -> n.id).toList());
            r.perKey().forEach((k, v) -> perKey.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
            energy += r.energyPj();
            latency += r.latencyCycles();
            macs += r.macCount();
        }
        return new Result(energy, latency, macs, perKey, stacks);
    }

    private static boolean truthy(Integer cut, boolean zeroIsNoCut) {
        return cut != null && !(zeroIsNoCut && cut == 0);
    }

    /** §4.4: the stack between two cuts, with new input nodes for data produced by earlier stacks. */
    private void buildStack(Integer cutBefore, Integer cutAfter) {
        Map<Integer, DfNode> byId = new HashMap<>();
        networkNodes.forEach(n -> byId.put(n.id, n));
        java.util.Set<DfNode> keep = new java.util.LinkedHashSet<>(networkNodes);
        // per-stack copies of the nodes, so that edges can be rewired
        Map<DfNode, DfNode> copyOf = new LinkedHashMap<>();
        for (DfNode n : networkNodes) {
            copyOf.put(n, n.isInput() ? DfNode.input(n.key, n.id, n.inputNodeDims, n.inputNodePrecision) : DfNode.layer(n.layer, n.mapping));
        }
        for (DfNode n : networkNodes) {
            for (DfNode.Edge e : n.inputs) {
                copyOf.get(n).inputs.add(new DfNode.Edge(e.operand(), copyOf.get(e.producer()), e.dims()));
            }
        }
        Map<DfNode, Map<String, Long>> sizes = new HashMap<>();
        networkNodes.forEach(n -> sizes.put(copyOf.get(n), new LinkedHashMap<>(networkSizes.get(n))));
        List<DfNode> added = new ArrayList<>();
        if (cutBefore != null) {
            DfNode cb = byId.get(cutBefore);
            keep.remove(cb);
            keep.removeAll(ancestors(cb));
            // direct successors of the cut get a new input node per producer that left the stack (DeFiNES);
            // then any other node of the stack reading from an earlier stack (DeFiNES assumes there is none)
            Map<DfNode, DfNode> inputFor = new LinkedHashMap<>();
            List<DfNode> readers = new ArrayList<>();
            for (DfNode succ : networkNodes) {
                if (keep.contains(succ) && succ.inputs.stream().anyMatch(e -> e.producer() == cb)) {
                    readers.add(succ);
                }
            }
            for (DfNode other : networkNodes) {
                if (keep.contains(other) && !readers.contains(other) && other.inputs.stream().anyMatch(e -> !keep.contains(e.producer()))) {
                    readers.add(other);
                }
            }
            for (DfNode succ : readers) {
                DfNode sc = copyOf.get(succ);
                for (int k = 0; k < succ.inputs.size(); k++) {
                    DfNode.Edge e = succ.inputs.get(k);
                    if (keep.contains(e.producer())) {
                        continue;
                    }
                    DfNode in = inputFor.get(e.producer());
                    if (in == null) {
                        int idx = inputFor.size();
                        in = substackInput(idx, e.producer(), keep, sizes, copyOf);
                        inputFor.put(e.producer(), in);
                        added.add(in);
                    }
                    sc.inputs.set(k, new DfNode.Edge(e.operand(), in, e.dims()));
                }
            }
        }
        if (cutAfter != null) {
            keep.removeAll(descendants(byId.get(cutAfter)));
        }
        DfNode end = cutAfter != null ? byId.get(cutAfter) : networkTopo.get(networkTopo.size() - 1);
        List<DfNode> stackNodes = new ArrayList<>();
        for (DfNode n : networkNodes) {
            if (keep.contains(n)) {
                stackNodes.add(copyOf.get(n));
            }
        }
        stackNodes.addAll(added);
        // keep only the end node and its predecessors (through the rewired edges)
        java.util.Set<DfNode> needed = new java.util.HashSet<>();
        java.util.ArrayDeque<DfNode> todo = new java.util.ArrayDeque<>(List.of(copyOf.get(end)));
        while (!todo.isEmpty()) {
            DfNode n = todo.pop();
            if (needed.add(n)) {
                n.inputs.forEach(e -> todo.push(e.producer()));
            }
        }
        stackNodes.removeIf(n -> !needed.contains(n));
        this.consumers = new HashMap<>();
        for (DfNode n : stackNodes) {
            for (DfNode.Edge e : n.inputs) {
                List<DfNode> c = consumers.computeIfAbsent(e.producer(), x -> new ArrayList<>());
                if (!c.contains(n)) {
                    c.add(n);
                }
            }
        }
        this.topo = topologicalOrder(stackNodes);
        this.output = copyOf.get(end);
        Map<DfNode, Map<String, Long>> stackSizes = new HashMap<>();
        stackNodes.forEach(n -> stackSizes.put(n, sizes.get(n)));
        this.fullSizes = stackSizes;
    }

    /** A substack input node standing for {@code producer}'s output (§4.4: channel dims min, others max over consumers). */
    private DfNode substackInput(int idx, DfNode producer, java.util.Set<DfNode> keep, Map<DfNode, Map<String, Long>> sizes,
                                 Map<DfNode, DfNode> copyOf) {
        Map<String, Long> dims = new LinkedHashMap<>();
        int precision = 0;
        for (DfNode s : networkNodes) {
            if (!keep.contains(s)) {
                continue;
            }
            for (DfNode.Edge e : s.inputs) {
                if (e.producer() != producer) {
                    continue;
                }
                Map<String, Long> t = s.tensorDims(e.operand(), networkSizes.get(s));
                for (var d : t.entrySet()) {
                    String mapped = e.dims().getOrDefault(d.getKey(), d.getKey());
                    boolean channel = mapped.equals("C") || mapped.equals("K") || mapped.equals("G");
                    dims.merge(mapped, d.getValue(), channel ? Math::min : Math::max);
                }
                precision = Math.max(precision, s.precision(e.operand()));
            }
        }
        DfNode in = DfNode.input("InputLayerNode_substack_input_layer_" + idx, -2 - idx, List.copyOf(dims.keySet()), precision);
        sizes.put(in, dims);
        return in;
    }

    private static java.util.Set<DfNode> ancestors(DfNode n) {
        java.util.Set<DfNode> out = new java.util.HashSet<>();
        java.util.ArrayDeque<DfNode> todo = new java.util.ArrayDeque<>();
        n.inputs.forEach(e -> todo.push(e.producer()));
        while (!todo.isEmpty()) {
            DfNode p = todo.pop();
            if (out.add(p)) {
                p.inputs.forEach(e -> todo.push(e.producer()));
            }
        }
        return out;
    }

    private java.util.Set<DfNode> descendants(DfNode n) {
        java.util.Set<DfNode> out = new java.util.HashSet<>();
        java.util.ArrayDeque<DfNode> todo = new java.util.ArrayDeque<>(List.of(n));
        while (!todo.isEmpty()) {
            DfNode p = todo.pop();
            for (DfNode c : networkNodes) {
                if (c.inputs.stream().anyMatch(e -> e.producer() == p) && out.add(c)) {
                    todo.push(c);
                }
            }
        }
        return out;
    }

    private Result evaluateStack(Schedule s) {
        long wOut = fullSizes.get(output).getOrDefault("OX", 1L);
        long hOut = fullSizes.get(output).getOrDefault("OY", 1L);
        List<long[]> cols = grid(wOut, s.tileX());
        List<long[]> rows = grid(hOut, s.tileY());
        MemoryOperand wOp = weightOperand();
        FirstPass fp = firstPass(s, cols, rows, wOut, hOut, wOp);
        Map<TypeKey, TileSpec> specs = new LinkedHashMap<>();
        Map<TypeKey, int[]> multiplicity = new HashMap<>();
        classify(s, cols, rows, wOut, hOut, fp, specs, multiplicity);
        Memory highestW = fp.highestW();
        // tile types are independent (the memo is thread-safe): evaluate them in parallel, keep their order
        final Memory hw = highestW;
        List<Map<String, TypeResult>> results = specs.values().parallelStream().map(spec -> runTile(spec, hw, s)).toList();
        Map<TypeKey, Map<String, TypeResult>> typeMemo = new LinkedHashMap<>();
        int idx = 0;
        for (TypeKey key : specs.keySet()) {
            typeMemo.put(key, results.get(idx++));
        }
        Map<String, List<TypeResult>> perKey = new LinkedHashMap<>();
        double energy = 0;
        long latency = 0;
        long macs = 0;
        for (var e : typeMemo.entrySet()) {
            int mul = multiplicity.get(e.getKey())[0];
            for (var kv : e.getValue().entrySet()) {
                TypeResult t = kv.getValue();
                TypeResult withMul = new TypeResult(mul, t.layer(), t.copies(), t.loopSizes(), t.memoryNames(), t.onChipBits());
                perKey.computeIfAbsent(kv.getKey(), k -> new ArrayList<>()).add(withMul);
                energy += withMul.energyPj() * mul;
                latency += withMul.latencyCycles() * mul;
                if (t.layer() != null) {
                    latency += acc.array().controlOverheadCycles() * mul; // the controller's per-layer, per-tile overhead
                }
                if (t.layer() != null) {
                    long m = 1;
                    for (long v : t.loopSizes().values()) {
                        m *= v;
                    }
                    macs += m * mul;
                }
            }
        }
        return new Result(energy, latency, macs, perKey, List.of());
    }

    /** The first pass's outcome: per tile (row-major) its determination and the levels its H and V caches are made in. */
    private record FirstPass(Caching[] det, Memory[][] hMake, Memory[][] vMake, Memory highestW) {
    }

    private FirstPass firstPass(Schedule s, List<long[]> cols, List<long[]> rows, long wOut, long hOut, MemoryOperand wOp) {
        // first pass (§6.3): cache levels and writes per tile, consolidated; the highest weight level
        Map<DetKey, Caching> memo = new HashMap<>();
        // per tile, by index ri · columns + ci (no per-tile strings: 1 × 1 tiles on a 960 × 540 map are 518 400 tiles)
        int nc = cols.size();
        int nTiles = rows.size() * nc;
        Memory[][] hMake = new Memory[nTiles][];
        Caching[] det = new Caching[nTiles];
        Memory highestW = null;
        Memory highestV = null;
        List<Memory[]> vMakes = new ArrayList<>();
        Memory[][] vMake = new Memory[nTiles][];
        for (int ri = 0; ri < rows.size(); ri++) {
            long[] r = rows.get(ri);
            for (int ci = 0; ci < nc; ci++) {
                long[] c = cols.get(ci);
                int tile = ri * nc + ci;
                int prevTile = ci > 0 ? tile - 1 : -1;
                boolean firstX = c[0] == 0;
                boolean firstY = r[0] == 0;
                // with padding, cache amounts depend on where the tile sits, not only on its size
                DetKey key = padded ? new DetKey(c[0], r[0], c[1], r[1], firstX, firstY) : new DetKey(-1, -1, c[1], r[1], firstX, firstY);
                Caching d = memo.computeIfAbsent(key, k -> determine(c[0], r[0], c[1], r[1], firstX, firstY, s));
                det[tile] = d;
                if (s.cacheH()) {
                    boolean lastCol = c[0] + s.tileX() >= wOut;
                    Memory[] mk = {lastCol ? null : d.hMl()};
                    hMake[tile] = mk;
                    if (!firstX && prevTile >= 0 && hMake[prevTile][0] != d.hMl()) {
                        Memory prev = hMake[prevTile][0];
                        boolean lastWins = s.flags().has(io.defines.core.compat.Quirk.CACHE_LEVEL_LAST_DETERMINED_WINS);
                        // §13 C8: DeFiNES takes this tile's determined level, also in the last column; fixed: the higher one
                        hMake[prevTile][0] = lastWins || prev == null || oIndex(d.hMl()) > oIndex(prev) ? d.hMl() : prev;
                    }
                }
                if (s.cacheV()) {
                    boolean lastWins = s.flags().has(io.defines.core.compat.Quirk.CACHE_LEVEL_LAST_DETERMINED_WINS);
                    if (highestV != d.vMl() && (lastWins || highestV == null || oIndex(d.vMl()) > oIndex(highestV))) {
                        highestV = d.vMl();
                        for (Memory[] m : vMakes) {
                            if (m[0] != null) {
                                m[0] = highestV;
                            }
                        }
                    }
                    boolean lastRow = r[0] + s.tileY() >= hOut;
                    Memory[] mk = {lastRow ? null : highestV};
                    vMakes.add(mk);
                    vMake[tile] = mk;
                }
                if (d.wMl() != null && d.wMl() != highestW
                        && (highestW == null || chains.get(wOp).indexOf(d.wMl()) > chains.get(wOp).indexOf(highestW))) {
                    highestW = d.wMl();
                }
            }
        }
        return new FirstPass(det, hMake, vMake, highestW);
    }

    private void classify(Schedule s, List<long[]> cols, List<long[]> rows, long wOut, long hOut, FirstPass fp,
                          Map<TypeKey, TileSpec> specs, Map<TypeKey, int[]> multiplicity) {
        int nc = cols.size();
        Caching[] det = fp.det();
        Memory[][] hMake = fp.hMake();
        Memory[][] vMake = fp.vMake();
        // second pass (§6.4): tile types, in the order of their first tile
        // the key parts of a cache map depend only on the map: computed once per distinct map object and
        // numbered by content, so that the per-tile key hashes a few numbers instead of nested lists
        Map<Object, Integer> keyParts = new java.util.IdentityHashMap<>();
        Map<List<String>, Integer> partIds = new HashMap<>();
        boolean first = true;
        for (int ri = 0; ri < rows.size(); ri++) {
            long[] r = rows.get(ri);
            for (int ci = 0; ci < cols.size(); ci++) {
                long[] c = cols.get(ci);
                int tile = ri * nc + ci;
                Caching d = det[tile];
                boolean lastCol = c[0] + s.tileX() >= wOut;
                boolean lastRow = r[0] + s.tileY() >= hOut;
                Memory makeH = s.cacheH() ? hMake[tile][0] : null;
                Map<DfNode, BackPropagation.Overlap> hWrite = s.cacheH() && !lastCol ? d.colsWrite() : Map.of();
                Map<BackPropagation.NodeOperand, BackPropagation.Overlap> hRead = s.cacheH() ? d.colsRead() : Map.of();
                Memory useH = s.cacheH() && ci > 0 ? hMake[tile - 1][0] : null;
                Memory makeV = s.cacheV() ? vMake[tile][0] : null;
                Map<DfNode, BackPropagation.Overlap> vWrite = s.cacheV() && !lastRow ? d.rowsWrite() : Map.of();
                Map<BackPropagation.NodeOperand, VRead> vRead = s.cacheV() ? d.rowsRead() : Map.of();
                Memory useV = s.cacheV() && ri > 0 ? vMake[tile - nc][0] : null;
                // with padding, where the tile sits decides how much of each receptive field is real
                TypeKey key = new TypeKey(c[1], r[1], first, index(makeH), index(useH),
                        keyParts.computeIfAbsent(hWrite, k -> partIds.computeIfAbsent(keyOf(hWrite), x -> partIds.size())),
                        keyParts.computeIfAbsent(hRead, k -> partIds.computeIfAbsent(keyOfRead(hRead), x -> partIds.size())),
                        index(makeV), index(useV),
                        keyParts.computeIfAbsent(vWrite, k -> partIds.computeIfAbsent(keyOf(vWrite), x -> partIds.size())),
                        keyParts.computeIfAbsent(vRead, k -> partIds.computeIfAbsent(keyOfV(vRead), x -> partIds.size())),
                        padded ? paddingSignature(c[0], r[0], c[1], r[1], useH != null, makeH != null, useV != null) : null);
                int[] count = multiplicity.get(key);
                if (count == null) {
                    specs.put(key, new TileSpec(c[0], r[0], c[1], r[1], first, makeH, useH, hWrite, hRead, makeV, useV, vWrite, vRead,
                            d.cachedOnChipBits()));
                    multiplicity.put(key, count = new int[1]);
                }
                count[0]++;
                first = false;
            }
        }
    }

    private int oIndex(Memory m) {
        return m == null ? -1 : chains.get(MemoryOperand.O).indexOf(m);
    }

    private static int index(Memory m) {
        return m == null ? -1 : m.index();
    }

    /** What the first pass's determination of a tile depends on (position only when the stack is padded, else −1). */
    private record DetKey(long x0, long y0, long tx, long ty, boolean firstX, boolean firstY) {
    }

    /**
     * What makes two tiles the same tile type (§6.4): size, weight fetch, cache levels (memory indices, −1
     * none) and cache maps (numbered by content), and for padded stacks the padding signature (else null).
     */
    private record TypeKey(long tx, long ty, boolean first, int makeH, int useH, int hWrite, int hRead, int makeV, int useV,
                           int vWrite, int vRead, String padding) {
    }

    private static List<String> keyOf(Map<DfNode, BackPropagation.Overlap> m) {
        List<String> out = new ArrayList<>();
        m.forEach((n, o) -> out.add(n.key + ":" + o.dim() + ":" + o.amount()));
        return out;
    }

    private static List<String> keyOfRead(Map<BackPropagation.NodeOperand, BackPropagation.Overlap> m) {
        List<String> out = new ArrayList<>();
        m.forEach((n, o) -> out.add(n.node().key + "." + n.operand() + ":" + o.dim() + ":" + o.amount()));
        return out;
    }

    private static List<String> keyOfV(Map<BackPropagation.NodeOperand, VRead> m) {
        List<String> out = new ArrayList<>();
        m.forEach((n, o) -> out.add(n.node().key + "." + n.operand() + ":" + o.vDim() + ":" + o.amount() + ":" + o.hDim()));
        return out;
    }

    /** What one tile type is: its size, whether it fetches weights from the top, and its cache levels and amounts. */
    record TileSpec(long x0, long y0, long tx, long ty, boolean weightsFromTop, Memory makeH, Memory useH,
                    Map<DfNode, BackPropagation.Overlap> hWrite, Map<BackPropagation.NodeOperand, BackPropagation.Overlap> hRead,
                    Memory makeV, Memory useV, Map<DfNode, BackPropagation.Overlap> vWrite, Map<BackPropagation.NodeOperand, VRead> vRead,
                    long cachedOnChipBits) {
    }

    /** §5.1: (start, width) of each tile along one axis, the remainder tile first. */
    static List<long[]> grid(long size, long tile) {
        long t = Math.min(tile, size);
        long leftover = size % t == 0 ? t : size % t;
        List<long[]> out = new ArrayList<>();
        out.add(new long[] {0, leftover});
        for (long x = leftover; x < size; x += t) {
            out.add(new long[] {x, t});
        }
        return out;
    }

    private MemoryOperand weightOperand() {
        for (DfNode n : topo) {
            if (!n.isInput() && !n.layer.constantOperands().isEmpty()) {
                return n.link(n.layer.constantOperands().get(0));
            }
        }
        return MemoryOperand.I2;
    }

    // ------------------------------------------------------------------ §6.1, §6.2

    /** The clipped loop sizes and input caps of every node for a tile of a padded stack (part of its tile-type key). */
    private String paddingSignature(long x0, long y0, long tx, long ty, boolean useH, boolean makeH, boolean useV) {
        Map<DfNode, Map<String, Long>> sz = BackPropagation.copy(fullSizes);
        BackPropagation.Result r = BackPropagation.run(output, sz, tx, ty, useH, makeH, useV, false,
                new BackPropagation.Position(x0, y0, fullSizes));
        StringBuilder sb = new StringBuilder();
        for (DfNode n : topo) {
            sb.append(sz.get(n)).append(';');
        }
        r.caps().forEach((k, v) -> sb.append(k.node().key).append(k.operand()).append(v));
        return sb.toString();
    }

    private BackPropagation.Position position(long x0, long y0) {
        return padded ? new BackPropagation.Position(x0, y0, fullSizes) : null;
    }

    private Caching determine(long x0, long y0, long tx, long ty, boolean firstX, boolean firstY, Schedule s) {
        Map<DfNode, Map<String, Long>> a = BackPropagation.copy(fullSizes);
        boolean bothAssumed = s.flags().has(io.defines.core.compat.Quirk.CACHE_ESTIMATE_ASSUMES_BOTH_CACHES);
        BackPropagation.Result ra = BackPropagation.run(output, a, tx, ty, !firstX && (bothAssumed || s.cacheH()), true,
                !firstY && (bothAssumed || s.cacheV()), true, position(x0, y0));
        Map<DfNode, Map<String, Long>> b = BackPropagation.copy(fullSizes);
        BackPropagation.run(output, b, tx, ty, !firstX && s.cacheH(), true, !firstY && s.cacheV(), true, position(x0, y0));
        long peakIo = largestAlive(b, Map.of());
        MemoryOperand iOp = null;
        MemoryOperand oOp = null;
        DfNode wNode = null;
        for (DfNode n : ra.discovery()) {
            if (iOp == null) {
                if (n.isInput()) {
                    iOp = MemoryOperand.I1;
                } else {
                    for (var link : n.mapping.memoryOperandLinks().entrySet()) {
                        if (!n.layer.constantOperands().contains(link.getKey()) && link.getValue() != MemoryOperand.O
                                && n.layer.equation().operand(link.getKey()).isPresent()) {
                            iOp = link.getValue();
                            break;
                        }
                    }
                }
            }
            if (oOp == null) {
                oOp = n.link(n.outputOperand());
            }
            if (wNode == null && !n.isInput() && !n.layer.constantOperands().isEmpty()) {
                wNode = n; // DeFiNES: the first node with a 'W' link; our adds use W for an activation
            }
        }
        List<Memory> reserve = new ArrayList<>();
        for (Memory m : chains.get(oOp)) {
            reserve.add(m);
            if (m.holds(iOp) && m.sizeBits() >= peakIo && m.instanceCount(acc.array()) == 1) {
                break;
            }
        }
        // cache sizes from copy A (§6.1)
        long sumHIn = 0;
        long sumVIn = 0;
        long sumOverlap = 0;
        for (var e : ra.colsIn().entrySet()) {
            DfNode n = e.getKey().node();
            String op = e.getKey().operand();
            Map<String, Long> t = n.tensorDims(op, a.get(n));
            long elems = DfNode.product(t);
            int prec = n.precision(op);
            BackPropagation.Overlap h = e.getValue();
            BackPropagation.Overlap v = ra.rowsIn().get(e.getKey());
            List<String> rdims = n.relevantDims(op);
            boolean hPlain = !n.prDims(op).contains(h.dim());
            boolean vPlain = !n.prDims(op).contains(v.dim());
            if (!rdims.contains(h.dim())) {
                sumHIn += ((elems / t.get(h.dim())) * h.amount()) * prec;
            }
            if (!rdims.contains(v.dim())) {
                Map<String, Long> full = n.tensorDims(op, fullSizes.get(n));
                sumVIn += ((((elems / t.get(h.dim())) * full.get(h.dim())) / t.get(v.dim())) * v.amount()) * prec;
            }
            if (!hPlain && !vPlain) {
                sumOverlap += ((((elems / t.get(h.dim())) * h.amount()) / t.get(v.dim())) * v.amount()) * prec;
            }
        }
        Memory hMl = null;
        Memory vMl = null;
        long peakH = peakIo;
        long peak = peakIo;
        List<Memory> oTopChain = chains.get(oOp);
        Memory offChip = oTopChain.get(oTopChain.size() - 1);
        boolean compat = s.flags().has(io.defines.core.compat.Quirk.CACHE_ESTIMATE_ASSUMES_BOTH_CACHES);
        if (s.h() == OverlapStrategy.CACHE) {
            if (firstX) {
                // §9.2: the output caches made in the first column should be counted; DeFiNES never matches them
                peak = s.flags().has(io.defines.core.compat.Quirk.PERMANENT_CACHE_BITS_IGNORED) ? peakIo : largestAlive(b, hOutBits(ra, a));
            } else {
                peak = peakIo + sumHIn;
            }
            peakH = peak;
            hMl = firstFit(chains.get(MemoryOperand.O), peak, iOp);
        } else if (s.h() == OverlapStrategy.GLOBAL) {
            hMl = offChip;
        }
        if (s.v() == OverlapStrategy.CACHE && (compat ? s.h() == OverlapStrategy.CACHE : true)) {
            peak = peak + sumVIn;
            for (Memory m : chains.get(oOp)) {
                long need = m == hMl ? peak - sumOverlap : peak;
                if (m.sizeBits() >= need && m.holds(iOp) && m.instanceCount(acc.array()) == 1) {
                    vMl = m;
                    break;
                }
            }
        } else if (s.v() == OverlapStrategy.GLOBAL) {
            vMl = offChip;
        }
        Memory wMl = null;
        if (wNode != null) {
            long wTotal = 0;
            for (DfNode n : ra.discovery()) {
                wTotal += n.weightBits(a.get(n));
            }
            List<Memory> wChain = chains.get(wNode.link(wNode.layer.constantOperands().get(0)));
            for (Memory m : wChain) {
                long need = wTotal;
                if (reserve.contains(m)) {
                    need = wTotal + peakIo;
                }
                if (m == hMl) {
                    need = wTotal + peakH;
                }
                if (m == vMl) {
                    need = wTotal + peak;
                }
                if (m == hMl && m == vMl) {
                    need = wTotal + peak - sumOverlap;
                }
                if (m.sizeBits() >= need) {
                    wMl = m;
                    break;
                }
            }
            if (wMl == null) {
                wMl = wChain.get(wChain.size() - 1);
            }
        }
        Map<DfNode, BackPropagation.Overlap> colsWrite = new LinkedHashMap<>();
        ra.colsOut().forEach((p, o) -> colsWrite.put(p, firstX ? o
                : new BackPropagation.Overlap(o.dim(), Math.min(o.amount(), a.get(p).getOrDefault(o.dim(), 1L)), o.lag())));
        Map<DfNode, BackPropagation.Overlap> rowsWrite = new LinkedHashMap<>();
        ra.rowsOut().forEach((p, o) -> rowsWrite.put(p, firstY ? o
                : new BackPropagation.Overlap(o.dim(), Math.min(o.amount(), a.get(p).getOrDefault(o.dim(), 1L)), o.lag())));
        Map<BackPropagation.NodeOperand, BackPropagation.Overlap> colsRead = firstX ? Map.of() : ra.colsIn();
        Map<BackPropagation.NodeOperand, VRead> rowsRead = new LinkedHashMap<>();
        if (!firstY) {
            ra.rowsIn().forEach((k, o) -> rowsRead.put(k, new VRead(o.dim(), o.amount(), ra.colsIn().get(k).dim())));
        }
        long cachedOnChip = 0;
        boolean hOn = hMl != null && hMl != offChip;
        boolean vOn = vMl != null && vMl != offChip;
        if (hOn) {
            cachedOnChip += sumHIn;
        }
        if (vOn) {
            cachedOnChip += sumVIn;
        }
        if (hOn && vOn && hMl == vMl) {
            cachedOnChip -= sumOverlap;
        }
        return new Caching(hMl, vMl, colsWrite, colsRead, rowsWrite, rowsRead, wMl, cachedOnChip);
    }

    /** bits_h_out of §6.1: each producer's column cache, ((elems_O ÷ size[dim]) · amount) · prec_O_final. */
    private static Map<DfNode, Long> hOutBits(BackPropagation.Result ra, Map<DfNode, Map<String, Long>> a) {
        Map<DfNode, Long> bits = new HashMap<>();
        ra.colsOut().forEach((p, o) -> {
            Map<String, Long> ps = a.get(p);
            long elems = DfNode.product(p.tensorDims(p.outputOperand(), ps));
            bits.put(p, ((elems / ps.getOrDefault(o.dim(), 1L)) * o.amount()) * p.outputPrecision());
        });
        return bits;
    }

    private Memory firstFit(List<Memory> chain, long need, MemoryOperand mustHold) {
        for (Memory m : chain) {
            if (m.sizeBits() >= need && m.holds(mustHold) && m.instanceCount(acc.array()) == 1) {
                return m;
            }
        }
        return null;
    }

    /** §6.2 with §13 C18: the largest sum of live feature maps while walking the stack in topological order. */
    private long largestAlive(Map<DfNode, Map<String, Long>> sizes, Map<DfNode, Long> permanent) {
        long cur = 0;
        long peak = 0;
        Map<DfNode, Long> outSize = new HashMap<>();
        Map<DfNode, List<DfNode>> pending = new HashMap<>();
        for (DfNode n : topo) {
            long sIn = n.isInput() ? 0 : n.inputBits(sizes.get(n));
            List<DfNode> producers = new ArrayList<>();
            for (DfNode.Edge e : n.inputs) {
                if (!producers.contains(e.producer())) {
                    producers.add(e.producer());
                }
            }
            for (DfNode p : producers) {
                cur -= outSize.get(p);
            }
            cur += sIn;
            peak = Math.max(peak, cur);
            long sOut = n.outputBits(sizes.get(n));
            cur += sOut;
            peak = Math.max(peak, cur);
            cur -= sIn;
            for (DfNode p : producers) {
                cur += outSize.get(p);
                peak = Math.max(peak, cur);
            }
            for (DfNode p : producers) {
                List<DfNode> left = pending.get(p);
                left.remove(n);
                if (left.isEmpty()) {
                    cur -= outSize.get(p);
                    cur += permanent.getOrDefault(p, 0L); // its output cache stays alive
                    peak = Math.max(peak, cur);
                    pending.remove(p);
                }
            }
            outSize.put(n, sOut);
            pending.put(n, new ArrayList<>(consumers.getOrDefault(n, List.of())));
        }
        return peak;
    }

    // ------------------------------------------------------------------ §6.5, §7.1

    private Map<String, TypeResult> runTile(TileSpec spec, Memory highestW, Schedule s) {
        Map<DfNode, Map<String, Long>> sizes = BackPropagation.copy(fullSizes);
        BackPropagation.Result bp = BackPropagation.run(output, sizes, spec.tx(), spec.ty(), spec.useH() != null, spec.makeH() != null,
                spec.useV() != null, false, position(spec.x0(), spec.y0()));
        Map<DfNode, Memory> whereLevel = new HashMap<>();
        Map<DfNode, Long> whereBits = new HashMap<>();
        Map<String, TypeResult> out = new LinkedHashMap<>();
        List<CopyAction> pending = new ArrayList<>();
        boolean advanceAlways = !s.flags().has(io.defines.core.compat.Quirk.COPY_TIMELINE_STALLS);
        boolean inputWrites = !s.flags().has(io.defines.core.compat.Quirk.INPUT_OVERLAP_NEVER_WRITTEN);
        List<Memory> oChainAll = chains.get(MemoryOperand.O);
        for (DfNode n : topo) {
            Map<String, Long> ns = sizes.get(n);
            Map<String, Map<String, Long>> nodeCaps = new HashMap<>();
            bp.caps().forEach((k, v) -> {
                if (k.node() == n) {
                    nodeCaps.put(k.operand(), v);
                }
            });
            boolean isOut = consumers.getOrDefault(n, List.of()).isEmpty();
            int extraI = 0;
            int extraO = 0;
            while (true) {
                List<CopyAction> requests = new ArrayList<>(pending);
                List<Memory> iLevels = new ArrayList<>();
                long inBits = n.isInput() ? 0 : n.inputBits(ns, nodeCaps);
                MemoryOperand firstInLink = n.isInput() ? null : n.link(n.inputs.get(0).operand());
                if (!n.isInput()) {
                    iLevels = scan(chains.get(firstInLink), inBits, null, 0);
                    widen(iLevels, chains.get(firstInLink), extraI);
                }
                long outBits = n.outputBits(ns);
                MemoryOperand oLink = n.link(n.outputOperand());
                List<Memory> oChain = chains.get(oLink);
                List<Memory> oLevels;
                if (isOut) {
                    oLevels = new ArrayList<>(oChain);
                } else {
                    List<Memory> unwidenedI = n.isInput() ? List.of() : scan(chains.get(firstInLink), inBits, null, 0);
                    oLevels = scan(oChain, outBits, unwidenedI.isEmpty() ? null : unwidenedI.get(unwidenedI.size() - 1), inBits);
                    widen(oLevels, oChain, extraO);
                }
                Memory topO = oLevels.get(oLevels.size() - 1);
                Memory topI = iLevels.isEmpty() ? null : iLevels.get(iLevels.size() - 1);
                // an input on another memory operand than the first (e.g. ZigZag adds linking one input to I2)
                // gets its own top level from its own chain; DeFiNES only knows the first input's chain
                Map<String, Memory> topOf = new HashMap<>();
                for (DfNode.Edge e : n.inputs) {
                    MemoryOperand l = n.link(e.operand());
                    if (l == firstInLink || chains.get(l).contains(topI)) {
                        topOf.put(e.operand(), topI);
                    } else {
                        List<Memory> own = scan(chains.get(l), inBits, null, 0);
                        topOf.put(e.operand(), own.get(own.size() - 1));
                    }
                }
                // with padding and caching, a border tile may find everything it needs already cached
                boolean empty = outBits == 0;
                if (n.isInput()) {
                    List<Memory> i1 = chains.get(MemoryOperand.I1);
                    if (!empty) {
                        requests.add(new CopyAction(outBits, MemoryOperand.I1, i1.size() - 1, MemoryOperand.I1, i1.indexOf(topO)));
                    }
                } else {
                    for (DfNode.Edge e : n.inputs) {
                        Memory lvl = whereLevel.get(e.producer());
                        long bits = whereBits.get(e.producer());
                        Memory top = topOf.get(e.operand());
                        boolean needed = bits > 0 && (e.producer().isInput() ? !iLevels.contains(lvl) && lvl != top : lvl != top);
                        if (needed) {
                            MemoryOperand dst = n.link(e.operand());
                            // the data sits at lvl as O, or, where lvl holds no O (an input node's I1-only level), as the producer's operand
                            MemoryOperand src = lvl.holds(MemoryOperand.O) ? MemoryOperand.O : e.producer().link(e.producer().outputOperand());
                            requests.add(routable(new CopyAction(bits, src, chains.get(src).indexOf(lvl), dst, chains.get(dst).indexOf(top))));
                        }
                    }
                    // CI-H, then CI-V: read the cached overlap of the previous tile (§7.1 items 3, 4)
                    if (spec.useH() != null && spec.useH() != topI) {
                        for (DfNode.Edge e : n.inputs) {
                            BackPropagation.Overlap h = spec.hRead().get(new BackPropagation.NodeOperand(n, e.operand()));
                            long amount = cacheReadBits(n, e.operand(), ns, nodeCaps.getOrDefault(e.operand(), Map.of()),
                                    h == null ? null : h.dim(), h == null ? 0 : h.amount(), null, 0);
                            if (amount > 0) {
                                MemoryOperand l = n.link(e.operand());
                                requests.add(routable(new CopyAction(amount, l, chains.get(l).indexOf(spec.useH()), l, chains.get(l).indexOf(topI))));
                            }
                        }
                    }
                    if (spec.useV() != null && spec.useV() != topI) {
                        for (DfNode.Edge e : n.inputs) {
                            BackPropagation.NodeOperand k = new BackPropagation.NodeOperand(n, e.operand());
                            VRead v = spec.vRead().get(k);
                            if (v == null) {
                                continue;
                            }
                            Map<String, Long> t = n.clipped(e.operand(), ns, nodeCaps.getOrDefault(e.operand(), Map.of()));
                            long columns = t.getOrDefault(v.hDim(), ns.getOrDefault(v.hDim(), 1L));
                            if (spec.useH() != null) {
                                BackPropagation.Overlap h = spec.hRead().get(k);
                                columns -= h == null ? 0 : h.amount();
                            }
                            long amount = cacheReadBits(n, e.operand(), ns, nodeCaps.getOrDefault(e.operand(), Map.of()),
                                    v.hDim(), columns, v.vDim(), v.amount());
                            if (amount > 0) {
                                MemoryOperand l = n.link(e.operand());
                                requests.add(routable(new CopyAction(amount, l, chains.get(l).indexOf(spec.useV()), l, chains.get(l).indexOf(topI))));
                            }
                        }
                    }
                }
                DataCopyModel.CopyLayerCost copyCost = DataCopyModel.copyLayer(acc, requests, advanceAlways);
                LayerCost layerCost = null;
                Map<String, List<String>> names = new LinkedHashMap<>();
                if (!n.isInput() && !empty) {
                    Map<MemoryOperand, Integer> counts = new EnumMap<>(MemoryOperand.class);
                    boolean add = n.inputs.size() == 2 && n.link(n.inputs.get(0).operand()) == MemoryOperand.I1
                            && n.link(n.inputs.get(1).operand()) == MemoryOperand.I1;
                    for (DfNode.Edge e : n.inputs) {
                        MemoryOperand l = n.link(e.operand());
                        counts.put(l, chains.get(l).indexOf(topOf.get(e.operand())) + 1);
                    }
                    if (!isOut) {
                        counts.put(oLink, oChain.indexOf(topO) + 1);
                    }
                    if (add) {
                        counts.put(MemoryOperand.I2, 0);
                    } else if (!spec.weightsFromTop() && !n.layer.constantOperands().isEmpty() && highestW != null) {
                        MemoryOperand wl = n.link(n.layer.constantOperands().get(0));
                        int idx = chains.get(wl).indexOf(highestW);
                        if (idx >= 0) {
                            counts.put(wl, idx + 1);
                        }
                    }
                    HierarchyView view = new HierarchyView(acc, counts, add);
                    Map<String, Long> tile = new LinkedHashMap<>(ns);
                    Map<String, Long> layerCaps = new LinkedHashMap<>();
                    nodeCaps.values().forEach(layerCaps::putAll);
                    layerCost = cache.evaluate(new SingleLayerProblem(n.layer, tile, n.mapping, view, s.lpfLimit(), s.flags(), layerCaps));
                    if (layerCost instanceof LayerCost.Infeasible inf) {
                        // §6.5 / §13 C13: widen the input or output levels and redo the layer
                        if (extraO == extraI) {
                            extraO++;
                        } else if (extraO > extraI) {
                            extraI++;
                            extraO--;
                        } else {
                            extraO++;
                        }
                        if (extraI + extraO > 2 * (acc.memories().size() + 1)) {
                            throw new InfeasibleScheduleException("layer " + n.id + " does not fit any widening of its memory levels: " + inf.reason());
                        }
                        continue;
                    }
                    names = ((LayerCost.Mapped) layerCost).memoryNames();
                }
                out.put("datamovement_b4_" + n.key, new TypeResult(1, null, copyCost, Map.of(), Map.of(), 0));
                if (layerCost != null) {
                    // on chip while this layer runs: its operands whose top level is on chip, and the tile's overlap caches
                    Memory offChip = oChainAll.get(oChainAll.size() - 1);
                    long onChip = spec.cachedOnChipBits();
                    if (topI != null && topI != offChip) {
                        onChip += inBits;
                    }
                    if (!isOut && topO != offChip) {
                        onChip += outBits;
                    }
                    for (String c : n.layer.constantOperands()) {
                        List<String> chain = names.get(c);
                        if (chain != null && !chain.get(chain.size() - 1).equals(offChip.name())) {
                            onChip += n.weightBits(ns);
                            break;
                        }
                    }
                    out.put(n.key, new TypeResult(1, layerCost, null, new LinkedHashMap<>(ns), names, onChip));
                }
                whereLevel.put(n, topO);
                whereBits.put(n, outBits);
                // CO-V, then CO-H: write this layer's overlap for the next tiles; costed before the next layer (§7.1, C10)
                pending = new ArrayList<>();
                boolean vCondition = spec.makeV() != null && spec.makeV() != topO && spec.vWrite().containsKey(n);
                BackPropagation.Overlap vw = spec.vWrite().get(n);
                if (vCondition && (!n.isInput() || inputWrites)) {
                    long bits = cacheWriteBits(n, ns, vw.dim(), vw.amount(), null, 0);
                    if (bits > 0) {
                        pending.add(cacheWrite(bits, topO, oLink, spec.makeV()));
                    }
                }
                if (spec.makeH() != null && spec.makeH() != topO && spec.hWrite().containsKey(n) && (!n.isInput() || inputWrites)) {
                    BackPropagation.Overlap hw = spec.hWrite().get(n);
                    long bits = cacheWriteBits(n, ns, hw.dim(), hw.amount(), vCondition ? vw.dim() : null, vCondition ? vw.amount() : 0);
                    if (bits > 0) {
                        pending.add(cacheWrite(bits, topO, oLink, spec.makeH()));
                    }
                }
                break;
            }
        }
        return out;
    }

    /**
     * A cache write from {@code from} (where the producer keeps its output, as O, or as its own output
     * operand when that level holds no O, e.g. an input node's I1-only level) to the cache level.
     */
    private CopyAction cacheWrite(long bits, Memory from, MemoryOperand producerLink, Memory to) {
        MemoryOperand src = from.holds(MemoryOperand.O) ? MemoryOperand.O : producerLink;
        MemoryOperand dst = to.holds(src) ? src : MemoryOperand.O;
        return routable(new CopyAction(bits, src, chains.get(src).indexOf(from), dst, chains.get(dst).indexOf(to)));
    }

    /**
     * The copy itself, or, when no port can carry it (data held in an activation-only level that
     * cannot be read upward; DeFiNES crashes there, §9.18), the same copy from the top of the source
     * chain, where that data was fetched from.
     */
    private CopyAction routable(CopyAction a) {
        try {
            DataCopyModel.path(acc, a);
            return a;
        } catch (IllegalArgumentException unroutable) {
            List<Memory> chain = chains.get(a.sourceOperand());
            return new CopyAction(a.bits(), a.sourceOperand(), chain.size() - 1, a.destinationOperand(), a.destinationLevel());
        }
    }

    /**
     * Bits of a cache read (§7.1 items 3–4): Π over the operand's r dims of the layer's sizes × Π over
     * its pr dims of the tensor extent, with {@code hDim} := {@code hValue} (and {@code vDim} :=
     * {@code vValue} when given), times the OUTPUT precision (sic, DeFiNES).
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

    /** Bits of a cache write (§7.1 items 5–6, C10): Π over O's r dims with the cache dim replaced (and the v rows removed). */
    private static long cacheWriteBits(DfNode n, Map<String, Long> sizes, String dim, long amount, String vDim, long vAmount) {
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

    /** Bottom-up scan: the first non-unrolled level that holds {@code bits} (+ {@code extra} at {@code sharedWith}); all if none. */
    private List<Memory> scan(List<Memory> chain, long bits, Memory sharedWith, long extra) {
        List<Memory> out = new ArrayList<>();
        for (Memory m : chain) {
            out.add(m);
            long need = bits + (m == sharedWith ? extra : 0);
            if (m.instanceCount(acc.array()) == 1 && m.sizeBits() >= need) {
                return out;
            }
        }
        return out;
    }

    private static void widen(List<Memory> levels, List<Memory> chain, int extra) {
        int from = levels.size();
        for (int i = from; i < Math.min(chain.size(), from + extra); i++) {
            levels.add(chain.get(i));
        }
    }
}
