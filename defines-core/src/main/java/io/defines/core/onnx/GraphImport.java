package io.defines.core.onnx;

import ai.onnx.proto.OnnxMl;
import io.defines.core.input.LayerDto;
import io.defines.core.input.Node;
import io.defines.core.input.Problems;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The state of one import, which the {@link OpConverter}s extend node by node: the tensors' shapes,
 * the layers so far, the nodes fused into their producers, and the diagnostics. A diagnostic about a
 * node is located as {@code FILE:N:1: /graph/node/N-1} and names the node's op type, name and position.
 */
final class GraphImport {

    private final OnnxOptions options;
    private final Problems problems;
    private final ShapePropagation shapes = new ShapePropagation();
    private final List<LayerDto> layers = new ArrayList<>();
    private final List<String> fused = new ArrayList<>();
    /** Outputs of the nodes refused so far (and of the nodes reading them). */
    private final Set<String> refused = new HashSet<>();

    GraphImport(OnnxOptions options, Problems problems) {
        this.options = options;
        this.problems = problems;
    }

    OnnxOptions options() {
        return options;
    }

    ShapePropagation shapes() {
        return shapes;
    }

    List<LayerDto> layers() {
        return List.copyOf(layers);
    }

    List<String> fused() {
        return List.copyOf(fused);
    }

    /** E.g. {@code Conv 'conv1' (node 3)}; {@code #pos} for a node without a name. */
    static String nodeName(OnnxMl.NodeProto n, int pos) {
        return printable(n.getOpType()) + " '" + (n.getName().isEmpty() ? "#" + pos : printable(n.getName())) + "' (node " + (pos + 1) + ")";
    }

    /**
     * A name from the model as it can be shown in a one-line message: control and other unprintable
     * characters as a backslash, "u" and four hex digits (a damaged model's names can hold line breaks), at most 60 characters.
     */
    static String printable(String name) {
        StringBuilder sb = new StringBuilder();
        name.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || !Character.isDefined(c) || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.PRIVATE_USE || c == 0xFFFD) {
                sb.append(String.format("\\u%04X", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return io.defines.core.input.Diagnostic.shorten(sb.toString());
    }

    /** Where node {@code pos} is: line pos + 1, pointer {@code /graph/node/pos}. */
    static Node site(int pos) {
        return new Node.MapNode("/graph/node/" + pos, pos + 1, 1, Map.of());
    }

    /** An error at node {@code n}; its outputs are then unknown, and the nodes reading them are not reported one by one. */
    void error(int pos, OnnxMl.NodeProto n, String message, String hint) {
        problems.error(site(pos), nodeName(n, pos) + ": " + message, hint);
        refused.addAll(n.getOutputList());
    }

    /** Whether {@code n} reads an output of a node refused before; if so its outputs count as refused too. */
    boolean readsRefused(OnnxMl.NodeProto n) {
        if (n.getInputList().stream().anyMatch(refused::contains)) {
            refused.addAll(n.getOutputList());
            return true;
        }
        return false;
    }

    void warning(int pos, OnnxMl.NodeProto n, String message, String hint) {
        problems.warning(site(pos), nodeName(n, pos) + ": " + message, hint);
    }

    /**
     * A new layer for node {@code n}, producing its first output: the next id, named after the node
     * (or {@code type_pos} for a node without a name), of the given operator type.
     */
    LayerBuilder newLayer(OnnxMl.NodeProto n, int pos, String operatorType) {
        return newLayer(n, pos, operatorType, "");
    }

    /** The same, its name followed by {@code suffix} (one node written as several layers). */
    LayerBuilder newLayer(OnnxMl.NodeProto n, int pos, String operatorType, String suffix) {
        // double quotes become single ones, as when layers were written as YAML text, so layer names stay as they were
        String name = n.getName().isEmpty() ? operatorType.toLowerCase(Locale.ROOT) + "_" + pos : printable(n.getName()).replace("\"", "'");
        return new LayerBuilder(site(pos), layers.size(), name + suffix, operatorType);
    }

    /** Adds the layer and records that it writes {@code n}'s first output, of {@code shape}. */
    void add(OnnxMl.NodeProto n, LayerBuilder layer, long[] shape) {
        add(n.getOutput(0), layer, shape);
    }

    /** Adds the layer and records that it writes {@code tensor}, of {@code shape}. */
    void add(String tensor, LayerBuilder layer, long[] shape) {
        shapes.produced(tensor, layer.id(), shape);
        layers.add(layer.build());
    }

    /** Lists {@code n} as fused into its producer (a node that moves or pads data, handled by its converter). */
    void markFused(OnnxMl.NodeProto n, int pos) {
        fused.add(nodeName(n, pos));
    }

    /** A node that does no MAC work: its output is its input ({@link ShapePropagation#passThrough}); listed as fused. */
    void fuse(OnnxMl.NodeProto n, int pos) {
        if (shapes.passThrough(n)) {
            fused.add(nodeName(n, pos));
        }
    }
}
