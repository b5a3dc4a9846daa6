package io.defines.core.onnx;

import ai.onnx.proto.OnnxMl;

/**
 * Turns one kind of ONNX node into a layer (or fuses it into its producer), reading and extending
 * the import's state. {@link OpConverters} registers one per op type; a new operator is one more
 * implementation there, and a row in docs/onnx.md.
 */
@FunctionalInterface
interface OpConverter {

    /**
     * Converts node {@code n} at position {@code pos} of the graph.
     *
     * @throws ShapeException when the node's shapes or attributes cannot be modelled; the importer
     *         reports it at the node
     */
    void convert(OnnxMl.NodeProto n, int pos, GraphImport graph);

    /** The inputs the operator needs, e.g. 2 for Conv (X, W); a node with fewer is reported before {@link #convert}. */
    default int minInputs() {
        return 0;
    }
}
