package io.defines.core.onnx;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/** The {@link OpConverter} of each supported op type (docs/onnx.md's table). */
final class OpConverters {

    private static final Map<String, OpConverter> BY_OP_TYPE = registry();
    /** Op types registered only to be refused with the reason (not listed as supported). */
    private static final java.util.Set<String> REFUSED = java.util.Set.of("ConvTranspose");
    private static final SortedSet<String> SUPPORTED = Collections.unmodifiableSortedSet(new TreeSet<>(
            BY_OP_TYPE.keySet().stream().filter(op -> !REFUSED.contains(op)).toList()));

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
        m.put("Sub", new AddConverter());
        m.put("Mul", new AddConverter());
        m.put("Div", new AddConverter());
        m.put("Sum", new AddConverter(true));
        m.put("GlobalMaxPool", new PoolConverter(true));
        m.put("Constant", (n, pos, graph) -> graph.shapes().constantNode(n)); // a constant tensor, no layer
        m.put("ConstantOfShape", new ConstantOfShapeConverter());
        m.put("Transpose", new TransposeConverter());
        m.put("Pad", new PadConverter());
        m.put("Slice", new SliceConverter());
        m.put("Split", new ChannelViews());
        m.put("Resize", new ResizeConverter());
        m.put("Upsample", new ResizeConverter());
        m.put("ConvTranspose", new ConvTransposeConverter());
        ShapeArithmeticConverter shapeArithmetic = new ShapeArithmeticConverter();
        for (String op : java.util.List.of("Shape", "Gather", "Concat", "Cast")) {
            m.put(op, shapeArithmetic);
        }
        FusedConverter fused = new FusedConverter();
        FusedConverter.ELEMENTWISE.forEach(op -> m.put(op, fused));
        FusedConverter.RESHAPING.forEach(op -> m.put(op, fused));
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
