package io.defines.core.depthfirst;

import io.defines.core.hardware.MemoryOperand;
import io.defines.core.mapping.MappingEntry;
import io.defines.core.workload.DimRelation;
import io.defines.core.workload.Layer;
import io.defines.core.workload.LayerInput;
import io.defines.core.workload.Operand;
import io.defines.core.workload.Upsampling;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A node of a stack as the depth-first engine sees it: a layer, or an input node standing for data
 * that comes from outside the stack (DeFiNES' InputLayerNode: one output operand O on memory
 * operand I1, whose loop dims are the consumer's input tensor dims renamed B, K, OY, OX).
 */
final class DfNode {

    /**
     * One activation input of a layer node: operand, producing node, consumer tensor dim → producer dim,
     * and the part of the operand the producer writes (a concatenation's; null = all of it).
     */
    record Edge(String operand, DfNode producer, Map<String, String> dims, LayerInput.Part part, Upsampling upsample) {

        Edge(String operand, DfNode producer, Map<String, String> dims) {
            this(operand, producer, dims, null, Upsampling.NONE);
        }

        /** The same edge from another producer (a copy of the node, or a stack's input node). */
        Edge from(DfNode other) {
            return new Edge(operand, other, dims, part, upsample);
        }

        /** The producer's extent along {@code producerDim} that a consumer extent {@code extent} reads ({@link Upsampling} on the map). */
        long producerExtent(String producerDim, long extent) {
            boolean map = producerDim.equals("OX") || producerDim.equals("OY");
            return map ? upsample.producerExtent(extent) : extent;
        }
    }

    final String key;
    final int id;
    final Layer layer;                 // null for input nodes
    final MappingEntry mapping;        // null for input nodes
    final List<String> inputNodeDims;  // input nodes: their loop dims
    final int inputNodePrecision;
    /** Input nodes: the layer whose output they stand for ({@link StackCuts#NETWORK_INPUT} for the network input); layers: their id. */
    final int source;
    final Map<String, Long> fullSizes; // loop sizes after the full-network back-propagation
    final List<Edge> inputs = new ArrayList<>();

    private DfNode(String key, int id, Layer layer, MappingEntry mapping, List<String> dims, int precision, Map<String, Long> full,
                   int source) {
        this.key = key;
        this.id = id;
        this.source = source;
        this.layer = layer;
        this.mapping = mapping;
        this.inputNodeDims = dims;
        this.inputNodePrecision = precision;
        this.fullSizes = full;
    }

    static DfNode layer(Layer layer, MappingEntry mapping) {
        return new DfNode("LayerNode_" + layer.id(), layer.id(), layer, mapping, List.of(), 0, new LinkedHashMap<>(layer.loopSizes()), layer.id());
    }

    /** An input node standing for the output of layer {@code source} (or the network input). */
    static DfNode input(String key, int id, List<String> dims, int precision, int source) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        dims.forEach(d -> sizes.put(d, 1L));
        return new DfNode(key, id, null, null, dims, precision, sizes, source);
    }

    boolean isInput() {
        return layer == null;
    }

    /** The distinct producers of this node's inputs, in edge order. */
    List<DfNode> producers() {
        List<DfNode> out = new ArrayList<>(inputs.size());
        for (Edge e : inputs) {
            if (!out.contains(e.producer())) {
                out.add(e.producer());
            }
        }
        return out;
    }

    /** Memory operand of a layer operand ('O' of an input node is I1). */
    MemoryOperand link(String operand) {
        if (isInput()) {
            return MemoryOperand.I1;
        }
        return mapping.memoryOperandLinks().get(operand);
    }

    String outputOperand() {
        return isInput() ? "O" : layer.equation().output().name();
    }

    List<String> outputDims() {
        return isInput() ? inputNodeDims : layer.equation().output().indices();
    }

    int outputPrecision() {
        return isInput() ? inputNodePrecision : layer.outputPrecision();
    }

    int precision(String operand) {
        return isInput() ? inputNodePrecision : layer.precision(operand);
    }

    Optional<DimRelation> relation(String tensorDim) {
        return isInput() ? Optional.empty() : layer.relation(tensorDim);
    }

    /** Tensor dims of an operand for the given loop sizes (DeFiNES calc_tensor_dims; no padding). */
    Map<String, Long> tensorDims(String operand, Map<String, Long> sizes) {
        Map<String, Long> t = new LinkedHashMap<>();
        if (isInput()) {
            for (String d : inputNodeDims) {
                t.put(d, sizes.getOrDefault(d, 1L));
            }
            return t;
        }
        Operand op = layer.equation().operand(operand).orElseThrow();
        for (String idx : op.indices()) {
            Optional<DimRelation> rel = layer.relation(idx);
            if (rel.isPresent()) {
                DimRelation r = rel.get();
                t.put(idx, r.extent(sizes.getOrDefault(r.firstDim(), 1L), sizes.getOrDefault(r.secondDim(), 1L)));
            } else {
                t.put(idx, sizes.getOrDefault(idx, 1L));
            }
        }
        return t;
    }

    static long product(Map<String, Long> t) {
        long n = 1;
        for (long v : t.values()) {
            n *= v;
        }
        return n;
    }

    long outputBits(Map<String, Long> sizes) {
        return product(tensorDims(outputOperand(), sizes)) * outputPrecision();
    }

    long inputBits(Map<String, Long> sizes) {
        return inputBits(sizes, Map.of());
    }

    /** Input bits with the partially relevant extents of each operand capped (padded border tiles). */
    long inputBits(Map<String, Long> sizes, Map<String, Map<String, Long>> capsByOperand) {
        long bits = 0;
        for (Edge e : inputs) {
            bits += product(edgeDims(e, sizes, capsByOperand.getOrDefault(e.operand(), Map.of()))) * precision(e.operand());
        }
        return bits;
    }

    /** The tensor dims of what edge {@code e} brings: its operand's, clipped, and along a concatenation's channels its part. */
    Map<String, Long> edgeDims(Edge e, Map<String, Long> sizes, Map<String, Long> caps) {
        Map<String, Long> t = clipped(e.operand(), sizes, caps);
        if (e.part() != null) {
            t.computeIfPresent(e.part().dim(), (d, v) -> e.part().within(v));
        }
        return t;
    }

    /**
     * The bits edge {@code e} brings from its producer for the tile: the producer's elements under the
     * read — its part's channels, and of an upsampled read the producer's ⌈extent / s⌉ rows and columns.
     */
    long copiedBits(Edge e, Map<String, Long> sizes, Map<String, Long> caps) {
        long n = 1;
        for (var d : edgeDims(e, sizes, caps).entrySet()) {
            n *= e.producerExtent(e.dims().getOrDefault(d.getKey(), d.getKey()), d.getValue());
        }
        return n * precision(e.operand());
    }

    /** Tensor dims of an operand with its pr extents replaced by the caps (real pixels read). */
    Map<String, Long> clipped(String operand, Map<String, Long> sizes, Map<String, Long> caps) {
        Map<String, Long> t = tensorDims(operand, sizes);
        caps.forEach((d, v) -> t.computeIfPresent(d, (k, old) -> Math.min(old, v)));
        return t;
    }

    /**
     * The relevant (r) dims of an operand (defines-model §2.1.3): its plain index dims of size ≠ 1 in
     * the workload's layer, without the loop dims of relations when the operand has pr dims. Input
     * nodes: all their dims.
     */
    List<String> relevantDims(String operand) {
        if (isInput()) {
            return inputNodeDims;
        }
        Operand op = layer.equation().operand(operand).orElseThrow();
        boolean hasPr = op.indices().stream().anyMatch(i -> layer.relation(i).isPresent());
        Set<String> inRelation = new HashSet<>();
        layer.relations().forEach(r -> {
            inRelation.add(r.firstDim());
            inRelation.add(r.secondDim());
        });
        List<String> r = new ArrayList<>();
        for (String idx : op.indices()) {
            if (layer.loopSizes().containsKey(idx) && layer.loopSize(idx) != 1 && !(hasPr && inRelation.contains(idx))) {
                r.add(idx);
            }
        }
        return r;
    }

    /** Partially relevant dims of an operand (IX, IY), in index order. */
    List<String> prDims(String operand) {
        if (isInput()) {
            return List.of();
        }
        return layer.equation().operand(operand).orElseThrow().indices().stream().filter(i -> layer.relation(i).isPresent()).toList();
    }

    long weightBits(Map<String, Long> sizes) {
        if (isInput()) {
            return 0;
        }
        long bits = 0;
        for (String c : layer.constantOperands()) {
            bits += product(tensorDims(c, sizes)) * layer.precision(c);
        }
        return bits;
    }

    @Override
    public String toString() {
        return key;
    }
}
