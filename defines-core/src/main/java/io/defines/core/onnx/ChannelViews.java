package io.defines.core.onnx;

import ai.onnx.proto.OnnxMl;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Split and Gather of channels (docs/onnx.md): no layer; each output is a {@link ChannelView} of the
 * picked channels, which the layers reading it read from their producers (ShuffleNet v2's channel split,
 * FastestDet's {@code x[0], x[1]} after a channel shuffle).
 */
final class ChannelViews implements OpConverter {

    @Override
    public int minInputs() {
        return 1;
    }

    /** The view of {@code tensor}'s channels: its own, or a layer's [1, C, …] output as written; null for anything else. */
    static ChannelView viewOf(ShapePropagation shapes, String tensor, long[] shape) {
        ChannelView v = shapes.channelView(tensor);
        if (v != null) {
            return v;
        }
        boolean plain = shapes.hasProducer(tensor) && shapes.view(tensor) == null && !shapes.isOutputOnly(tensor)
                && (shape.length == 4 || shape.length == 2) && shape[0] == 1;
        return plain ? ChannelView.of(tensor, shape) : null;
    }

    @Override
    public void convert(OnnxMl.NodeProto n, int pos, GraphImport graph) {
        ShapePropagation shapes = graph.shapes();
        String in = n.getInput(0);
        long[] s = shapes.shape(in);
        ChannelView v = viewOf(shapes, in, s);
        long axisAttr = Attributes.intAttr(n, "axis", 0);
        int axis = (int) (axisAttr < 0 ? axisAttr + s.length : axisAttr);
        if (v == null || axis < 0 || axis >= v.leading().length) {
            throw ShapeException.notModelled(n.getOpType() + " of '" + GraphImport.printable(in) + "' along axis " + axisAttr
                    + ": only " + n.getOpType() + "s of a feature map's channels are modelled",
                    n.getOpType().equals("Gather") ? "gathers of embeddings or pixels are not modelled yet" : "split the channels (axis 1)");
        }
        if (n.getOpType().equals("Gather")) {
            gather(n, shapes, v, s, axis);
        } else {
            split(n, shapes, v, s, axis);
        }
        graph.markFused(n, pos);
    }

    private static void gather(OnnxMl.NodeProto n, ShapePropagation shapes, ChannelView v, long[] s, int axis) {
        OnnxMl.TensorProto t = n.getInputCount() > 1 ? shapes.value(n.getInput(1)) : null;
        if (t == null) {
            throw new ShapeException("its indices are not a constant", "fold constants before export");
        }
        long[] idx = Attributes.longs(t);
        boolean scalar = Attributes.dims(t).length == 0;
        for (int i = 0; i < idx.length; i++) {
            idx[i] = idx[i] < 0 ? idx[i] + s[axis] : idx[i];
            if (idx[i] < 0 || idx[i] >= s[axis]) {
                throw new ShapeException("index " + Attributes.longs(t)[i] + " is outside the " + s[axis] + " positions of axis " + axis,
                        "the model is malformed; re-export it");
            }
        }
        ChannelView picked = v.select(axis, idx, scalar);
        shapes.channelView(n.getOutput(0), picked, picked.shape());
    }

    private static void split(OnnxMl.NodeProto n, ShapePropagation shapes, ChannelView v, long[] s, int axis) {
        long[] sizes = n.getInputCount() > 1 && !n.getInput(1).isEmpty() && shapes.value(n.getInput(1)) != null
                ? Attributes.longs(shapes.value(n.getInput(1))) : Attributes.ints(n, "split", null);
        int outputs = n.getOutputCount();
        if (sizes == null) {
            if (s[axis] % outputs != 0) {
                throw new ShapeException("axis " + axis + " of " + s[axis] + " does not split into " + outputs + " equal parts", "give split sizes");
            }
            sizes = new long[outputs];
            Arrays.fill(sizes, s[axis] / outputs);
        }
        if (sizes.length != outputs || Arrays.stream(sizes).sum() != s[axis]) {
            throw new ShapeException("split sizes " + Arrays.toString(sizes) + " do not divide axis " + axis + " of " + s[axis] + " among "
                    + outputs + " outputs", "the model is malformed; re-export it");
        }
        long start = 0;
        for (int o = 0; o < outputs; o++) {
            List<Long> idx = new ArrayList<>();
            for (long i = start; i < start + sizes[o]; i++) {
                idx.add(i);
            }
            start += sizes[o];
            ChannelView part = v.select(axis, idx.stream().mapToLong(Long::longValue).toArray(), false);
            shapes.channelView(n.getOutput(o), part, part.shape());
        }
    }
}
