package io.defines.core.onnx;

import ai.onnx.proto.OnnxMl;
import java.util.Set;

/**
 * Element-wise and reshaping operators → no layer: fused into their producer and costed as zero; the
 * consumer reads the producer's output directly, with the new shape where the operator reshapes.
 */
final class FusedConverter implements OpConverter {

    /** Operators that change no shape and do no MAC work. */
    static final Set<String> ELEMENTWISE = Set.of("Relu", "Clip", "Sigmoid", "BatchNormalization", "Identity", "Dropout", "LeakyRelu",
            "Tanh", "HardSigmoid", "HardSwish", "LRN", "Softmax", "PRelu", "Exp", "Silu", "LayerNormalization", "Gelu", "Erf");
    /** Operators that only reshape: the consumer reads the producer's output with other dims. */
    static final Set<String> RESHAPING = Set.of("Flatten", "Reshape", "Squeeze", "Unsqueeze");

    @Override
    public void convert(OnnxMl.NodeProto n, int pos, GraphImport graph) {
        graph.fuse(n, pos);
    }
}
