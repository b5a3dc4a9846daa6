package io.defines.explorer.fuzz;

import static io.defines.core.onnx.OnnxGraphs.input;
import static io.defines.core.onnx.OnnxGraphs.int64s;
import static io.defines.core.onnx.OnnxGraphs.integer;
import static io.defines.core.onnx.OnnxGraphs.ints;
import static io.defines.core.onnx.OnnxGraphs.node;
import static io.defines.core.onnx.OnnxGraphs.weight;

import ai.onnx.proto.OnnxMl;
import java.util.ArrayList;
import java.util.List;

/** A small ONNX network built with the protobuf builders, and structural mutants of it (bad attributes, shapes, inputs). */
final class OnnxMutants {

    static final List<String> DESCRIPTIONS = List.of("strides 0", "pads -1", "kernel_shape 0", "dilations 0", "group 0",
            "input dim 2^63-1", "input dim 0", "Conv with one input", "Add with one input", "weight dim 2^31", "strides 2^40",
            "Gemm with one input", "a node reading an undefined tensor", "MaxPool without kernel_shape",
            "a node name and op type with line breaks (a byte flip found it)", "Add of two different shapes (a byte flip found it)",
            "Concat without axis", "Concat axis 7", "Resize downscaling", "Resize by 1.5", "Resize without scales", "Split sizes not adding up",
            "Slice step 0", "Gather of channel 99", "grouped Conv whose K does not split", "MatMul of two activations, inner dims differ",
            "a concatenation that doubles the classifier's input", "cubic Resize");

    private OnnxMutants() {
    }

    /** x[1,8,16,16] → conv 3×3 → relu → maxpool 2×2 → add with a 1×1 conv of the pooled map → GAP → flatten → Gemm. */
    static OnnxMl.GraphProto.Builder network() {
        return base(conv("c0", "a", "x", "w0", 1, 1, 1, 3), 16, 8);
    }

    private static OnnxMl.GraphProto.Builder base(OnnxMl.NodeProto first, long inDim, long wDim) {
        return OnnxMl.GraphProto.newBuilder().addInput(input("x", 1, 8, inDim, inDim))
                .addInitializer(weight("w0", 16, wDim, 3, 3)).addInitializer(weight("w1", 16, 16, 1, 1))
                .addInitializer(weight("wfc", 10, 16)).addInitializer(weight("bfc", 10))
                .addNode(first)
                .addNode(node("Relu", "r", "b", "a"))
                .addNode(node("MaxPool", "p", "c", "b").toBuilder().addAttribute(ints("kernel_shape", 2, 2))
                        .addAttribute(ints("strides", 2, 2)).build())
                .addNode(conv("c1", "d", "c", "w1", 1, 0, 1, 1))
                .addNode(node("Add", "add", "e", "c", "d"))
                .addNode(node("GlobalAveragePool", "gap", "f", "e"))
                .addNode(node("Flatten", "flat", "g", "f"))
                .addNode(node("Gemm", "fc", "y", "g", "wfc", "bfc").toBuilder().addAttribute(integer("transB", 1)).build());
    }

    private static OnnxMl.NodeProto conv(String name, String out, String x, String w, long stride, long pad, long dilation, long k) {
        return node("Conv", name, out, x, w).toBuilder().addAttribute(ints("strides", stride, stride))
                .addAttribute(ints("pads", pad, pad, pad, pad)).addAttribute(ints("dilations", dilation, dilation))
                .addAttribute(ints("kernel_shape", k, k)).build();
    }

    static List<OnnxMl.GraphProto.Builder> structural() {
        List<OnnxMl.GraphProto.Builder> v = new ArrayList<>();
        v.add(base(conv("c0", "a", "x", "w0", 0, 1, 1, 3), 16, 8));
        v.add(base(conv("c0", "a", "x", "w0", 1, -1, 1, 3), 16, 8));
        v.add(base(conv("c0", "a", "x", "w0", 1, 1, 1, 0), 16, 8));
        v.add(base(conv("c0", "a", "x", "w0", 1, 1, 0, 3), 16, 8));
        v.add(base(conv("c0", "a", "x", "w0", 1, 1, 1, 3).toBuilder().addAttribute(integer("group", 0)).build(), 16, 8));
        v.add(base(conv("c0", "a", "x", "w0", 1, 1, 1, 3), Long.MAX_VALUE, 8));
        v.add(base(conv("c0", "a", "x", "w0", 1, 1, 1, 3), 0, 8));
        v.add(base(node("Conv", "c0", "a", "x"), 16, 8));
        v.add(replace(network(), "add", node("Add", "add", "e", "c")));
        v.add(base(conv("c0", "a", "x", "w0", 1, 1, 1, 3), 16, 1L << 31));
        v.add(base(conv("c0", "a", "x", "w0", 1L << 40, 1, 1, 3), 16, 8));
        v.add(replace(network(), "fc", node("Gemm", "fc", "y", "g")));
        v.add(replace(network(), "add", node("Add", "add", "e", "c", "nowhere")));
        v.add(replace(network(), "p", node("MaxPool", "p", "c", "b")));
        v.add(base(conv("c0", "a", "x", "w0", 1, 1, 1, 3).toBuilder().setName("c0\"Conv*\nstrides@@\u0001*").setOpType("C\nnv").build(), 16, 8));
        v.add(replace(network(), "add", node("Add", "add", "e", "c", "a")));
        // the operators that views replace layers with: each mistake refused at its node, with a hint
        v.add(replace(network(), "add", node("Concat", "add", "e", "c", "d")));
        v.add(replace(network(), "add", node("Concat", "add", "e", "c", "d").toBuilder().addAttribute(integer("axis", 7)).build()));
        v.add(replace(network().addInitializer(floats("half", 1, 1, 0.5f, 0.5f)), "p", node("Resize", "p", "c", "b", "", "half")));
        v.add(replace(network().addInitializer(floats("odd", 1, 1, 1.5f, 1.5f)), "p", node("Resize", "p", "c", "b", "", "odd")));
        v.add(replace(network(), "p", node("Resize", "p", "c", "b")));
        v.add(replace(network().addInitializer(int64s("sizes", 4, 4)), "p", node("Split", "p", "c", "b", "sizes").toBuilder()
                .addAttribute(integer("axis", 1)).build()));
        v.add(replace(network().addInitializer(int64s("s0", 0)).addInitializer(int64s("e0", 8)).addInitializer(int64s("a0", 1))
                .addInitializer(int64s("t0", 0)), "p", node("Slice", "p", "c", "b", "s0", "e0", "a0", "t0")));
        v.add(replace(network().addInitializer(int64s("i99", 99)), "p", node("Gather", "p", "c", "b", "i99").toBuilder()
                .addAttribute(integer("axis", 1)).build()));
        v.add(replace(network(), "c1", conv("c1", "d", "c", "w1", 1, 0, 1, 1).toBuilder().addAttribute(integer("group", 3)).build()));
        v.add(replace(network(), "fc", node("MatMul", "fc", "y", "g", "g")));
        v.add(replace(network().addInitializer(weight("wz", 16, 16, 1, 1)), "add", node("Concat", "add", "e", "c", "d").toBuilder()
                .addAttribute(integer("axis", 1)).build()));
        v.add(replace(network().addInitializer(floats("two", 1, 1, 2, 2)), "p", node("Resize", "p", "c", "b", "", "two").toBuilder()
                .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("mode").setType(OnnxMl.AttributeProto.AttributeType.STRING)
                        .setS(com.google.protobuf.ByteString.copyFromUtf8("cubic"))).build()));
        return v;
    }

    private static OnnxMl.TensorProto floats(String name, float... v) {
        OnnxMl.TensorProto.Builder b = OnnxMl.TensorProto.newBuilder().setName(name).setDataType(OnnxMl.TensorProto.DataType.FLOAT_VALUE)
                .addDims(v.length);
        for (float x : v) {
            b.addFloatData(x);
        }
        return b.build();
    }

    private static OnnxMl.GraphProto.Builder replace(OnnxMl.GraphProto.Builder g, String name, OnnxMl.NodeProto n) {
        for (int i = 0; i < g.getNodeCount(); i++) {
            if (g.getNode(i).getName().equals(name)) {
                g.setNode(i, n);
            }
        }
        return g;
    }
}
