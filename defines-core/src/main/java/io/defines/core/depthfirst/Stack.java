package io.defines.core.depthfirst;

import java.util.List;
import java.util.Map;

/**
 * One stack of fused layers, as a value: its nodes (layers, and input nodes standing for data from
 * outside the stack), each node's consumers inside the stack, a topological order, the output node,
 * every node's loop sizes for the whole stack output, and whether any layer is padded.
 */
record Stack(List<DfNode> nodes, Map<DfNode, List<DfNode>> consumers, List<DfNode> topo, DfNode output,
             Map<DfNode, Map<String, Long>> fullSizes, boolean padded) {

    List<DfNode> consumersOf(DfNode n) {
        return consumers.getOrDefault(n, List.of());
    }

    /** Output width and height of the stack (the last layer's OX × OY). */
    long width() {
        return fullSizes.get(output).getOrDefault("OX", 1L);
    }

    long height() {
        return fullSizes.get(output).getOrDefault("OY", 1L);
    }

    /** Where a tile starting at (x0, y0) sits, for padded stacks; null otherwise (sizes alone decide). */
    BackPropagation.Position position(long x0, long y0) {
        return padded ? new BackPropagation.Position(x0, y0, fullSizes) : null;
    }

    /** Ids of the stack's layers in topological order. */
    List<Integer> layerIds() {
        return topo.stream().filter(n -> !n.isInput()).map(n -> n.id).toList();
    }

    /** Back-propagates a tile of this stack from its output. */
    BackPropagation.Result propagate(BackPropagation.Request request) {
        return BackPropagation.run(output, fullSizes, request);
    }
}
