package io.defines.core.onnx;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Small ONNX graphs for tests: float inputs and initializers of given dims, nodes and their attributes. */
public final class OnnxGraphs {

    private OnnxGraphs() {
    }

    public static OnnxMl.ValueInfoProto input(String name, long... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(1).setShape(shape))).build();
    }

    public static OnnxMl.TensorProto weight(String name, long... dims) {
        return OnnxMl.TensorProto.newBuilder().setName(name).setDataType(1).addAllDims(Arrays.stream(dims).boxed().toList()).build();
    }

    public static OnnxMl.NodeProto node(String op, String name, String out, String... in) {
        return OnnxMl.NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(Arrays.asList(in)).addOutput(out).build();
    }

    /** A named 1-D INT64 initializer (shapes, axes, starts and ends of Reshape, Slice, …). */
    public static OnnxMl.TensorProto int64s(String name, long... v) {
        OnnxMl.TensorProto.Builder b = OnnxMl.TensorProto.newBuilder().setName(name).setDataType(OnnxMl.TensorProto.DataType.INT64_VALUE)
                .addDims(v.length);
        for (long x : v) {
            b.addInt64Data(x);
        }
        return b.build();
    }

    public static OnnxMl.AttributeProto ints(String name, long... values) {
        return OnnxMl.AttributeProto.newBuilder().setName(name).setType(OnnxMl.AttributeProto.AttributeType.INTS)
                .addAllInts(Arrays.stream(values).boxed().toList()).build();
    }

    public static OnnxMl.AttributeProto integer(String name, long value) {
        return OnnxMl.AttributeProto.newBuilder().setName(name).setType(OnnxMl.AttributeProto.AttributeType.INT).setI(value).build();
    }

    /** A convolution {@code x → out} with a square kernel from initializer {@code w}, stride and symmetric pad. */
    public static OnnxMl.NodeProto conv(String name, String out, String x, String w, long stride, long pad) {
        return node("Conv", name, out, x, w).toBuilder().addAttribute(ints("strides", stride, stride))
                .addAttribute(ints("pads", pad, pad, pad, pad)).build();
    }

    public static Path write(Path dir, String file, OnnxMl.GraphProto.Builder g) {
        Path p = dir.resolve(file);
        try {
            Files.write(p, OnnxMl.ModelProto.newBuilder().setIrVersion(7).setGraph(g.setName("g")).build().toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
