package io.defines.core.onnx;

import ai.onnx.proto.OnnxMl;
import java.util.Arrays;
import java.util.stream.LongStream;

/**
 * Shape arithmetic folded to constants, no layer: the {@code x.view(x.size(0), -1)} pattern PyTorch
 * exports (Shape → Gather → Unsqueeze → Concat → Reshape) and its relatives. Shape of a tensor of known
 * shape, Gather and Concat of constant integer vectors, and Cast of a constant give constants with their
 * values, so that the Reshape reading them gets a constant target. A Cast of an activation is fused
 * (no shape change, no cost); a Concat of activations is a {@link FeatureConcat}; a Gather of activations is
 * not shape arithmetic and is refused.
 */
final class ShapeArithmeticConverter implements OpConverter {

    @Override
    public int minInputs() {
        return 1;
    }

    @Override
    public void convert(OnnxMl.NodeProto n, int pos, GraphImport graph) {
        ShapePropagation shapes = graph.shapes();
        if (n.getOpType().equals("Cast") && shapes.value(n.getInput(0)) == null) {
            graph.fuse(n, pos); // a Cast of an activation changes no shape and does no MAC work
            return;
        }
        if (n.getOpType().equals("Concat") && n.getInputList().stream().anyMatch(t -> !t.isEmpty() && !shapes.isConstant(t))) {
            FeatureConcat.convert(n, pos, graph);
            return;
        }
        if (n.getOpType().equals("Gather") && shapes.isConstant(n.getInput(0)) && n.getInputCount() > 1 && !shapes.isConstant(n.getInput(1))) {
            embedding(n, pos, graph);
            return;
        }
        if (n.getOpType().equals("Gather") && !shapes.isConstant(n.getInput(0))) {
            new ChannelViews().convert(n, pos, graph); // a Gather of channels, or refused
            return;
        }
        long[] values = switch (n.getOpType()) {
            case "Shape" -> shape(n, shapes);
            case "Gather" -> gather(n, shapes);
            case "Concat" -> concat(n, shapes);
            default -> constantValues(n.getInput(0), shapes, "Cast"); // Cast
        };
        boolean scalar = n.getOpType().equals("Gather") && shapes.shape(n.getInput(1)).length == 0;
        shapes.constant(n.getOutput(0), int64(values, scalar));
    }

    /**
     * A Gather of rows of a constant table by activation (token) indices — an embedding lookup: no MACs;
     * its output, [indices…, D], enters the network like a network input (the rows fetched from off chip).
     */
    private static void embedding(OnnxMl.NodeProto n, int pos, GraphImport graph) {
        ShapePropagation shapes = graph.shapes();
        long[] table = shapes.shape(n.getInput(0));
        long[] idx = shapes.shape(n.getInput(1));
        if (table.length != 2 || Attributes.intAttr(n, "axis", 0) != 0) {
            throw ShapeException.notModelled("a Gather of a constant of shape " + java.util.Arrays.toString(table)
                    + " by activation indices: only row lookups in a 2-D table (embeddings, axis 0) are modelled", "gather rows of a [V, D] table");
        }
        long[] out = java.util.Arrays.copyOf(idx, idx.length + 1);
        out[idx.length] = table[1];
        shapes.input(n.getOutput(0), out);
        graph.markFused(n, pos);
    }

    private static long[] shape(OnnxMl.NodeProto n, ShapePropagation shapes) {
        long[] s = shapes.shape(n.getInput(0));
        long start = Attributes.intAttr(n, "start", 0);
        long end = Attributes.intAttr(n, "end", s.length);
        int from = (int) Math.max(0, Math.min(s.length, start < 0 ? start + s.length : start));
        int to = (int) Math.max(from, Math.min(s.length, end < 0 ? end + s.length : end));
        return Arrays.copyOfRange(s, from, to);
    }

    private static long[] gather(OnnxMl.NodeProto n, ShapePropagation shapes) {
        if (n.getInputCount() < 2) {
            throw new ShapeException("has " + n.getInputCount() + " input, Gather needs 2 (data, indices)", "the model is malformed; re-export it");
        }
        long[] data = constantValues(n.getInput(0), shapes, "Gather");
        long[] idx = constantValues(n.getInput(1), shapes, "Gather");
        if (shapes.shape(n.getInput(0)).length != 1 || Attributes.intAttr(n, "axis", 0) != 0) {
            throw new ShapeException("a Gather of a constant with more than one axis is not shape arithmetic",
                    "only Gathers of integer vectors (shape arithmetic) are folded; embeddings are not modelled yet");
        }
        return LongStream.of(idx).map(i -> {
            long k = i < 0 ? i + data.length : i;
            if (k < 0 || k >= data.length) {
                throw new ShapeException("index " + i + " is outside the " + data.length + " values it gathers from", "the model is malformed; re-export it");
            }
            return data[(int) k];
        }).toArray();
    }

    private static long[] concat(OnnxMl.NodeProto n, ShapePropagation shapes) {
        LongStream all = LongStream.empty();
        for (String in : n.getInputList()) {
            all = LongStream.concat(all, LongStream.of(constantValues(in, shapes, "Concat")));
        }
        return all.toArray();
    }

    /** The integer values of a constant of at most one axis; a {@link ShapeException} for anything else (an activation). */
    private static long[] constantValues(String tensor, ShapePropagation shapes, String op) {
        OnnxMl.TensorProto t = shapes.value(tensor);
        boolean integer = t != null && (t.getDataType() == OnnxMl.TensorProto.DataType.INT64_VALUE
                || t.getDataType() == OnnxMl.TensorProto.DataType.INT32_VALUE);
        if (!integer || Attributes.dims(t).length > 1) {
            throw ShapeException.notModelled(op + " of '" + GraphImport.printable(tensor) + "', which is not a constant integer vector: "
                    + op + " of activations is not modelled yet", "only shape arithmetic (" + op
                    + " of integer constants and shapes) is folded; concatenations and gathers of feature maps are not supported yet");
        }
        return Attributes.longs(t);
    }

    private static OnnxMl.TensorProto int64(long[] values, boolean scalar) {
        OnnxMl.TensorProto.Builder b = OnnxMl.TensorProto.newBuilder().setDataType(OnnxMl.TensorProto.DataType.INT64_VALUE);
        if (!scalar) {
            b.addDims(values.length);
        }
        LongStream.of(values).forEach(b::addInt64Data);
        return b.build();
    }
}
