package io.defines.core.onnx;

import ai.onnx.proto.OnnxMl;
import io.defines.core.input.LayerDto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the importer knows about the graph's tensors as it walks the nodes in order: each tensor's
 * shape (from the graph inputs, the initializers' and Constant nodes' dims, and the nodes so far),
 * which tensors are constants, which layer produces each tensor, and the 4-D map a flattened tensor
 * came from. Operators that only reshape or do element-wise work pass their input through
 * ({@link #passThrough}).
 */
final class ShapePropagation {

    private final Map<String, long[]> shapes = new HashMap<>();
    /** tensor → the layer id producing it (after pass-through aliasing); absent = a graph input */
    private final Map<String, Integer> producer = new HashMap<>();
    private final Set<String> constants = new HashSet<>();
    private final Map<String, OnnxMl.TensorProto> initializers = new HashMap<>();
    /** A flattened tensor → the 4-D shape it was flattened from (a Gemm on it is written as a convolution over that shape). */
    private final Map<String, long[]> flattenedFrom = new HashMap<>();
    /** A tensor read through a Transpose → how its elements lie in its producer's output ({@link View}). */
    private final Map<String, View> views = new HashMap<>();
    /** A Pad's output → the tensor it pads and the pads (folded into a Conv or pooling reading it). */
    private final Map<String, Padded> padded = new HashMap<>();
    /** A feature map whose channels were concatenated, split or reordered → where each channel lies ({@link ChannelView}). */
    private final Map<String, ChannelView> channelViews = new HashMap<>();
    /**
     * A tensor no layer may read → what it is (a Concat along another axis than the channels, a Slice or
     * Transpose of one): a network output or post-processing (fused nodes) may be one.
     */
    private final Map<String, String> outputOnly = new HashMap<>();
    /** 2-D [T, K] tensors written by layers over T rows as a feature-map axis ({@link #tokenRows}). */
    private final Set<String> tokenRows = new HashSet<>();
    /** A Resize's output → the tensor it upsamples and the factor (nearest, the same along H and W). */
    private final Map<String, Upsampled> upsampled = new HashMap<>();
    /** A Slice (or Slices) of a graph input → which elements it holds ({@link Piece}). */
    private final Map<String, Piece> inputPieces = new HashMap<>();

    /** {@code tensor}'s map upsampled as {@code upsampling} says. */
    record Upsampled(String tensor, io.defines.core.workload.Upsampling upsampling) {
    }

    /** Elements {@code start + i·step} of {@code input} along each axis, {@code shape} of them. */
    record Piece(String input, long[] starts, long[] steps, long[] shape) {
    }

    /** A padded tensor: {@code tensor} with zero {@code pads} {top, left, bottom, right} around its last two axes. */
    record Padded(String tensor, long[] pads) {
    }

    /** A constant tensor with its value: an initializer, or a Constant node's output. */
    void constant(String name, OnnxMl.TensorProto value) {
        initializers.put(name, value);
        constants.add(name);
        shapes.put(name, Attributes.dims(value));
    }

    /** A constant of which only the shape is known (a ConstantOfShape's output, a reshaped or transposed weight). */
    void constantShape(String name, long[] shape) {
        constants.add(name);
        shapes.put(name, shape);
    }

    /** The value of a constant tensor, or null when it is not known. */
    OnnxMl.TensorProto value(String name) {
        return initializers.get(name);
    }

    boolean isInitializer(String name) {
        return initializers.containsKey(name);
    }

    /** A graph input of a fixed shape. */
    void input(String name, long[] shape) {
        shapes.put(name, shape);
    }

    /** The tensors whose shapes are known so far. */
    Set<String> known() {
        return new HashSet<>(shapes.keySet());
    }

    /** A Constant node: its outputs are constants, with a shape when the value is a tensor. */
    void constantNode(OnnxMl.NodeProto n) {
        OnnxMl.AttributeProto v = Attributes.attr(n, "value");
        for (String o : n.getOutputList()) {
            if (v != null && v.hasT()) {
                constant(o, v.getT());
            } else {
                constants.add(o);
            }
        }
    }

    boolean isConstant(String tensor) {
        return constants.contains(tensor);
    }

    /** The shape of {@code tensor}; a {@link ShapeException} when it is not known. */
    long[] shape(String tensor) {
        long[] s = shapes.get(tensor);
        if (s == null) {
            throw new ShapeException("the shape of its input '" + tensor + "' is unknown",
                    "export with fixed input shapes, or run onnx.shape_inference.infer_shapes on the model");
        }
        return s;
    }

    /** The shape of {@code tensor}, or null when it is not known. */
    long[] knownShape(String tensor) {
        return shapes.get(tensor);
    }

    /**
     * The id of the layer producing {@code tensor}, or −1 for a graph input, for a layer that reads the
     * tensor as its producer wrote it: a {@link ShapeException} when a Transpose reordered it or a Pad padded it.
     */
    int source(String tensor) {
        requireProducerOrder(tensor);
        return sourceAnyOrder(tensor);
    }

    /** A {@link ShapeException} when a Transpose reordered {@code tensor}'s elements. */
    void requireProducerOrder(String tensor) {
        View v = views.get(tensor);
        if (v != null && v.permuted()) {
            throw new ShapeException("reads '" + GraphImport.printable(tensor) + "', which a Transpose reordered"
                    + (v.order() == null ? " (mixing parts of axes)" : " (axes " + Arrays.toString(v.order()) + " of its producer's " + Arrays.toString(v.canonical()) + ")")
                    + ": a real layout change feeding this layer is not modelled",
                    "only Transposes undone by their inverse, of the network input, or before a Flatten/Reshape/Gemm tail are fused; export in one layout (NCHW)");
        }
    }

    /** As {@link #source}, for a layer that may read the elements in any order (a Gemm: its weight is permuted alike). */
    int sourceAnyOrder(String tensor) {
        if (channelViews.containsKey(tensor) && !channelViews.get(tensor).trivial()) {
            throw ShapeException.notModelled("reads '" + GraphImport.printable(tensor) + "', whose channels come from several producers or"
                    + " were reordered (a concatenation, a split or a channel shuffle), as an operand that cannot be read in parts",
                    "such a tensor is read by a Conv, a pooling, a Gemm or an element-wise layer over [N, C, H, W] (each part from its producer)");
        }
        if (upsampled.containsKey(tensor)) {
            throw ShapeException.notModelled("reads '" + GraphImport.printable(tensor) + "', an upsampled map, as an operand that cannot be"
                    + " read upsampled", "an upsampled map is read by a Conv, a pooling, an element-wise layer or through a concatenation");
        }
        if (outputOnly.containsKey(tensor)) {
            throw ShapeException.notModelled("reads '" + GraphImport.printable(tensor) + "', " + outputOnly.get(tensor)
                    + ": no layer reads such a tensor (only concatenations along the channels (axis 1) are read by layers)",
                    "such a tensor may be a network output or post-processing (e.g. a detector's boxes of all heads), not a layer's input");
        }
        if (padded.containsKey(tensor)) {
            throw new ShapeException("reads the output of a Pad ('" + GraphImport.printable(tensor) + "')",
                    "a Pad is folded only into a Conv or pooling that reads it directly; pad in that layer's pads instead");
        }
        return producer.getOrDefault(tensor, -1);
    }

    /**
     * Whether a layer reads the 2-D activation {@code tensor}, [T, C] with T > 1, with its rows as a
     * feature-map axis (OY; OX = 1), so that a stack tiles over them (a transformer's tokens): when a
     * layer wrote it so, or it is a graph input.
     */
    boolean tokenRows(String tensor) {
        long[] s = shapes.get(tensor);
        return s != null && s.length == 2 && s[0] > 1 && (tokenRows.contains(tensor) || isGraphInput(tensor));
    }

    /** A layer wrote {@code tensor} over its rows as a feature-map axis. */
    void writtenByRows(String tensor) {
        tokenRows.add(tensor);
    }

    /** The parts a layer reading {@code tensor} reads ({@link LayerSources}). */
    List<LayerDto.PartSource> sources(String tensor) {
        return LayerSources.of(this, tensor);
    }

    /** What {@code tensor} upsamples, or null when it is no Resize's output. */
    Upsampled upsampledOf(String tensor) {
        return upsampled.get(tensor);
    }

    /** {@code out}, of {@code shape}, is {@code in}'s map upsampled as {@code upsampling} says. */
    void upsampled(String in, String out, io.defines.core.workload.Upsampling upsampling, long[] shape) {
        shapes.put(out, shape);
        upsampled.put(out, new Upsampled(in, upsampling));
    }

    /** Where the channels of {@code tensor} lie, or null when it is read as its producer wrote it. */
    ChannelView channelView(String tensor) {
        return channelViews.get(tensor);
    }

    /** {@code out}, of {@code shape}, holds the channels {@code view} says. */
    void channelView(String out, ChannelView view, long[] shape) {
        shapes.put(out, shape);
        channelViews.put(out, view);
    }

    /** {@code out}, of {@code shape}, is {@code what} (e.g. "a concatenation along axis 2"): no layer may read it. */
    void outputOnly(String out, long[] shape, String what) {
        shapes.put(out, shape);
        outputOnly.put(out, what);
    }

    /** Whether no layer may read {@code tensor} ({@link #outputOnly}). */
    boolean isOutputOnly(String tensor) {
        return outputOnly.containsKey(tensor);
    }

    /** The piece of a graph input {@code tensor} is, or null. */
    Piece piece(String tensor) {
        return inputPieces.get(tensor);
    }

    /** {@code piece.shape()} elements of a graph input, written to {@code out}: read like a graph input. */
    void piece(String out, Piece piece) {
        shapes.put(out, piece.shape());
        inputPieces.put(out, piece);
    }

    /** Whether {@code tensor} is a graph input as given (not a constant, a layer's output, a view, a pad or a concatenation). */
    boolean isGraphInput(String tensor) {
        return shapes.containsKey(tensor) && !constants.contains(tensor) && !producer.containsKey(tensor) && !views.containsKey(tensor)
                && !padded.containsKey(tensor) && !channelViews.containsKey(tensor) && !outputOnly.containsKey(tensor)
                && !upsampled.containsKey(tensor);
    }

    /** The tensor a Pad padded and its pads, or {@code tensor} itself with no pads. */
    Padded unpadded(String tensor) {
        return padded.getOrDefault(tensor, new Padded(tensor, new long[4]));
    }

    /** {@code out}, of {@code shape}, is {@code in} padded with zero {@code pads} {top, left, bottom, right}. */
    void padded(String in, String out, long[] shape, long[] pads) {
        Padded inner = unpadded(in);
        long[] sum = new long[4];
        for (int i = 0; i < 4; i++) {
            sum[i] = Math.addExact(inner.pads()[i], pads[i]);
        }
        alias(in, out, shape);
        padded.put(out, new Padded(inner.tensor(), sum));
    }

    /** How {@code tensor}'s elements lie in its producer's output, or null when it is not read through a Transpose. */
    View view(String tensor) {
        return views.get(tensor);
    }

    /** {@code out}, of {@code shape}, holds {@code in}'s elements as {@code view} says. */
    void viewed(String in, String out, long[] shape, View view) {
        alias(in, out, shape);
        views.put(out, view);
        if (shape.length != 4 && view.canonical().length == 4) {
            flattenedFrom.put(out, view.canonical());
        } else {
            flattenedFrom.remove(out);
        }
    }

    /** Shows {@code tensor} with {@code shape}, read through {@code view} (null: as written). */
    void reshown(String tensor, long[] shape, View view) {
        shapes.put(tensor, shape);
        if (view == null) {
            views.remove(tensor);
        } else {
            views.put(tensor, view);
        }
    }

    /** True when a layer (not a graph input) produces {@code tensor}. */
    boolean hasProducer(String tensor) {
        return producer.containsKey(tensor);
    }

    private void alias(String in, String out, long[] shape) {
        shapes.put(out, shape);
        if (producer.containsKey(in)) {
            producer.put(out, producer.get(in));
        }
        if (channelViews.containsKey(in)) {
            channelViews.put(out, channelViews.get(in));
        }
        if (upsampled.containsKey(in)) {
            upsampled.put(out, upsampled.get(in));
        }
        if (tokenRows.contains(in) && Arrays.equals(shape, shapes.get(in))) {
            tokenRows.add(out);
        }
        if (outputOnly.containsKey(in)) {
            outputOnly.put(out, outputOnly.get(in));
        }
    }

    /** Layer {@code id} writes {@code tensor} of {@code shape}. */
    void produced(String tensor, int id, long[] shape) {
        producer.put(tensor, id);
        shapes.put(tensor, shape);
    }

    /** The 4-D shape {@code tensor} was flattened from, or null. */
    long[] flattenedFrom(String tensor) {
        return flattenedFrom.get(tensor);
    }

    void flattened(String tensor, long[] from) {
        flattenedFrom.put(tensor, from);
    }

    /**
     * The node's output is its first activation input, reshaped where the operator says so; false
     * (and the outputs become constants) when the node has no activation input.
     */
    boolean passThrough(OnnxMl.NodeProto n) {
        String in = n.getInputList().stream().filter(t -> !t.isEmpty() && !constants.contains(t)).findFirst().orElse(null);
        if (in == null) {
            constants.addAll(n.getOutputList());
            reshapeConstant(n);
            return false;
        }
        if (!channelViews.containsKey(in) && !outputOnly.containsKey(in) && !upsampled.containsKey(in)) {
            sourceAnyOrder(in); // a Pad's output is read only by a Conv or pooling
        }
        long[] s = shape(in);
        long[] out = Reshapes.of(n, s, initializers);
        String o = n.getOutput(0);
        alias(in, o, out);
        if (views.containsKey(in)) {
            views.put(o, views.get(in));
        }
        channelsReshaped(in, o, s, out);
        long[] base = views.containsKey(in) ? views.get(in).canonical() : s;
        long[] origin = flattenedFrom.getOrDefault(in, base.length == 4 ? base : null);
        if (origin != null && out.length != 4) {
            flattenedFrom.put(o, origin);
        } else if (out.length == 4 && flattenedFrom.containsKey(in)) {
            flattenedFrom.remove(o);
        }
        return true;
    }

    /**
     * A Reshape that regroups the channels over the same pixels (ShuffleNet's [N, C, H, W] → [N, g, C/g, H, W],
     * or back): the channels' view follows. A reshape that mixes channels and pixels (a Flatten before a
     * Gemm) keeps the view as it was, for the Gemm reading the flattened map.
     */
    private void channelsReshaped(String in, String o, long[] s, long[] out) {
        ChannelView cv = channelViews.get(in);
        if (cv != null) {
            ChannelView r = cv.reshaped(out);
            if (r != null) {
                channelViews.put(o, r);
            }
        } else if (!views.containsKey(in) && producer.containsKey(in) && s.length == 4 && s[0] == 1) {
            ChannelView r = ChannelView.of(in, s).reshaped(out);
            if (r != null && !Arrays.equals(r.leading(), new long[] {s[0], s[1]})) {
                channelViews.put(o, r);
            }
        }
    }

    /**
     * A node whose inputs are all constants (a weight reshaped before its Gemm or MatMul): its output is
     * a constant of the reshaped shape, keeping the value when there is one (a Reshape target unsqueezed);
     * without a known input shape, a constant without shape, as before.
     */
    private void reshapeConstant(OnnxMl.NodeProto n) {
        if (n.getInputCount() == 0 || n.getOutputCount() == 0 || !shapes.containsKey(n.getInput(0))) {
            return;
        }
        long[] out;
        try {
            out = Reshapes.of(n, shapes.get(n.getInput(0)), initializers);
        } catch (ShapeException e) {
            return; // the consumer reports the unknown shape, if it needs it
        }
        constantShape(n.getOutput(0), out);
        OnnxMl.TensorProto v = initializers.get(n.getInput(0));
        if (v != null && FusedConverter.RESHAPING.contains(n.getOpType())) {
            initializers.put(n.getOutput(0), v.toBuilder().clearDims().addAllDims(Arrays.stream(out).boxed().toList()).build());
        }
    }
}
