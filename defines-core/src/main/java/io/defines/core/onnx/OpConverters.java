package io.defines.core.onnx;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** The {@link OpConverter} of each supported op type (docs/onnx.md's table). */
final class OpConverters {

    /** Operators that change no shape and do no MAC work: fused into their producer, costed as zero. */
    static final Set<String> ELEMENTWISE = Set.of("Relu", "Clip", "Sigmoid", "BatchNormalization", "Identity", "Dropout", "LeakyRelu",
            "Tanh", "HardSigmoid", "HardSwish", "LRN", "Softmax", "PRelu");
    /** Operators that only reshape: the consumer reads the producer's output with other dims. */
    static final Set<String> RESHAPING = Set.of("Flatten", "Reshape", "Squeeze", "Unsqueeze");

    /** Element-wise and reshaping nodes: the output is the input, no layer. */
    private static final OpConverter FUSED = (n, pos, graph) -> graph.fuse(n, pos);

    private static final Map<String, OpConverter> BY_OP_TYPE = registry();
    private static final SortedSet<String> SUPPORTED = Collections.unmodifiableSortedSet(new TreeSet<>(BY_OP_TYPE.keySet()));

    private OpConverters() {
    }

    private static Map<String, OpConverter> registry() {
        Map<String, OpConverter> m = new HashMap<>();
        m.put("Conv", new ConvConverter());
        m.put("Gemm", new GemmConverter());
        m.put("MatMul", new GemmConverter());
        m.put("MaxPool", new PoolConverter(false));
        m.put("AveragePool", new PoolConverter(false));
        m.put("GlobalAveragePool", new PoolConverter(true));
        m.put("Add", new AddConverter());
        m.put("Constant", (n, pos, graph) -> graph.shapes().constantNode(n));
        ELEMENTWISE.forEach(op -> m.put(op, FUSED));
        RESHAPING.forEach(op -> m.put(op, FUSED));
        return Map.copyOf(m);
    }

    /** The converter for {@code opType}, or null when it is not supported. */
    static OpConverter forOpType(String opType) {
        return BY_OP_TYPE.get(opType);
    }

    /** The supported op types, in alphabetical order. */
    static SortedSet<String> supported() {
        return SUPPORTED;
    }
}
