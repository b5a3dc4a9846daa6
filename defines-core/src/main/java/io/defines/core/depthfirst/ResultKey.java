package io.defines.core.depthfirst;

/**
 * What a part of a schedule's result belongs to: a layer ({@link Layer}) or the data copies before a
 * node ({@link CopiesBefore}; the node is a layer, the network input (−1) or a stack's input node
 * standing for data from an earlier stack (−2, −3, …)). {@link #definesKey()} is DeFiNES' name of
 * the same thing ({@code LayerNode_3}, {@code datamovement_b4_InputLayerNode_-1}), used to compare
 * with its results.
 */
public sealed interface ResultKey {

    String definesKey();

    /** One layer's tile types. */
    record Layer(int layerId) implements ResultKey {
        @Override
        public String definesKey() {
            return nodeKey(layerId);
        }
    }

    /** The data copies before a node runs. */
    record CopiesBefore(int nodeId) implements ResultKey {
        @Override
        public String definesKey() {
            return "datamovement_b4_" + nodeKey(nodeId);
        }

        /** The node's name as DeFiNES writes it ({@code LayerNode_3}, {@code InputLayerNode_-1}, …). */
        public String nodeName() {
            return nodeKey(nodeId);
        }
    }

    /** DeFiNES' node names: layers, the network input (−1) and stack inputs (−2 − index). */
    static String nodeKey(int nodeId) {
        if (nodeId >= 0) {
            return "LayerNode_" + nodeId;
        }
        if (nodeId == StackCuts.NETWORK_INPUT) {
            return "InputLayerNode_-1";
        }
        return "InputLayerNode_substack_input_layer_" + (-2 - nodeId);
    }
}
