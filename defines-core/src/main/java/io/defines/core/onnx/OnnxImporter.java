package io.defines.core.onnx;

import ai.onnx.proto.OnnxMl;
import io.defines.core.input.Diagnostic;
import io.defines.core.input.Parsed;
import io.defines.core.input.Problems;
import io.defines.core.input.WorkloadReader;
import io.defines.core.workload.Workload;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Imports an ONNX graph as a workload (docs/onnx.md). The graph is read with the generated ONNX
 * protobuf classes (weights are never loaded); tensor shapes are propagated from the graph inputs and
 * the initializers' dims through the supported operators; each MAC, pooling and addition node becomes
 * a layer in the ZigZag workload form, written as YAML and read by {@link WorkloadReader}, so that an
 * imported network is validated exactly like a hand-written one. Diagnostics name the node, its op
 * type and its position (as LINE: the 1-based position of the node in the graph).
 */
public final class OnnxImporter {

    /** Operators that change no shape and do no MAC work: fused into their producer, costed as zero. */
    static final Set<String> ELEMENTWISE = Set.of("Relu", "Clip", "Sigmoid", "BatchNormalization", "Identity", "Dropout", "LeakyRelu",
            "Tanh", "HardSigmoid", "HardSwish", "LRN", "Softmax", "PRelu");
    /** Operators that only reshape: the consumer reads the producer's output with other dims. */
    static final Set<String> RESHAPING = Set.of("Flatten", "Reshape", "Squeeze", "Unsqueeze");
    static final Set<String> SUPPORTED;

    static {
        Set<String> s = new HashSet<>(ELEMENTWISE);
        s.addAll(RESHAPING);
        s.addAll(List.of("Conv", "Gemm", "MatMul", "MaxPool", "AveragePool", "GlobalAveragePool", "Add", "Constant"));
        SUPPORTED = Set.copyOf(s);
    }

    /** What an importer run produced: the workload YAML (null on errors), and the diagnostics. */
    public record Import(String yaml, List<Diagnostic> diagnostics, List<String> fused) {
    }

    private final String file;
    private final OnnxOptions options;
    private final Problems problems;
    private final Map<String, long[]> shapes = new HashMap<>();
    /** tensor → the layer id producing it (after pass-through aliasing); absent = a graph input */
    private final Map<String, Integer> producer = new HashMap<>();
    private final Set<String> constants = new HashSet<>();
    private final Map<String, OnnxMl.TensorProto> initializers = new HashMap<>();
    private final List<String> fused = new ArrayList<>();
    /** A flattened tensor → the 4-D shape it was flattened from (a Gemm on it is written as a convolution over that shape). */
    private final Map<String, long[]> flattenedFrom = new HashMap<>();
    private final StringBuilder yaml = new StringBuilder();
    private int nextId;

    private OnnxImporter(String file, OnnxOptions options) {
        this.file = file;
        this.options = options;
        this.problems = new Problems(file);
    }

    /** Reads {@code path} as a workload. */
    public static Parsed<Workload> read(Path path, OnnxOptions options) {
        Import imp = importGraph(path, options);
        if (imp.yaml() == null) {
            return new Parsed<>(null, imp.diagnostics());
        }
        Parsed<Workload> w = WorkloadReader.read(path.getFileName() + " (imported)", new StringReader(imp.yaml()));
        List<Diagnostic> all = new ArrayList<>(imp.diagnostics());
        all.addAll(w.diagnostics());
        return new Parsed<>(w.ok() ? w.value() : null, all);
    }

    /** Imports {@code path} into workload YAML. */
    public static Import importGraph(Path path, OnnxOptions options) {
        OnnxImporter im = new OnnxImporter(path.toString(), options);
        OnnxMl.ModelProto model;
        try (InputStream in = Files.newInputStream(path)) {
            model = OnnxMl.ModelProto.parseFrom(in);
        } catch (IOException e) {
            im.problems.error(1, 1, "", "not a readable ONNX model: " + e.getMessage(),
                    "the file may be truncated or not ONNX; re-export it (torch.onnx.export / tf2onnx)");
            return new Import(null, im.problems.diagnostics(), List.of());
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            im.problems.error(1, 1, "/graph", "the model has no graph nodes", "is this an ONNX model file? re-export it");
            return new Import(null, im.problems.diagnostics(), List.of());
        }
        im.convert(model.getGraph());
        return new Import(im.problems.hasErrors() ? null : im.yaml.toString(), im.problems.diagnostics(), List.copyOf(im.fused));
    }

    private void error(int pos, OnnxMl.NodeProto n, String message, String hint) {
        problems.error(pos + 1, 1, "/graph/node/" + pos, nodeName(n, pos) + ": " + message, hint);
    }

    private static String nodeName(OnnxMl.NodeProto n, int pos) {
        return n.getOpType() + " '" + (n.getName().isEmpty() ? "#" + pos : n.getName()) + "' (node " + (pos + 1) + ")";
    }

    private void convert(OnnxMl.GraphProto g) {
        for (OnnxMl.TensorProto t : g.getInitializerList()) {
            initializers.put(t.getName(), t);
            constants.add(t.getName());
            shapes.put(t.getName(), t.getDimsList().stream().mapToLong(Long::longValue).toArray());
        }
        for (OnnxMl.ValueInfoProto in : g.getInputList()) {
            if (initializers.containsKey(in.getName())) {
                continue;
            }
            long[] s = shapeOf(in);
            if (s == null) {
                problems.error(1, 1, "/graph/input/" + in.getName(), "graph input '" + in.getName() + "' has no fixed shape "
                                + describe(in), "export with a fixed input shape (e.g. torch.onnx.export with a 1x3x224x224 dummy input, no dynamic_axes)");
            } else {
                shapes.put(in.getName(), s);
            }
        }
        // topological order check: ONNX requires it; a cycle or a forward reference is an error
        Set<String> known = new HashSet<>(shapes.keySet());
        Map<String, Integer> producedAt = new HashMap<>();
        for (int i = 0; i < g.getNodeCount(); i++) {
            for (String o : g.getNode(i).getOutputList()) {
                producedAt.put(o, i);
            }
        }
        for (int i = 0; i < g.getNodeCount(); i++) {
            OnnxMl.NodeProto n = g.getNode(i);
            for (String in : n.getInputList()) {
                if (!in.isEmpty() && !known.contains(in) && producedAt.containsKey(in)) {
                    int j = producedAt.get(in);
                    error(i, n, "reads '" + in + "', which node " + (j + 1) + " (" + g.getNode(j).getOpType() + ") produces later"
                                    + (j >= i ? " or in a cycle" : ""),
                            "the graph must be acyclic and its nodes in topological order (ONNX requires it); re-export or run onnx.checker");
                    return;
                }
            }
            known.addAll(n.getOutputList());
        }
        if (problems.hasErrors()) {
            return;
        }
        for (int i = 0; i < g.getNodeCount(); i++) {
            OnnxMl.NodeProto n = g.getNode(i);
            if (!SUPPORTED.contains(n.getOpType())) {
                if (options.skipUnsupported()) {
                    problems.warning(i + 1, 1, "/graph/node/" + i, nodeName(n, i) + ": unsupported operator skipped: its output is treated"
                            + " as its first input (no cost)", "list the operator in docs/onnx.md's table or remove it from the export");
                    passThrough(n, i, false);
                } else {
                    error(i, n, "operator " + n.getOpType() + " is not supported",
                            "supported: " + String.join(", ", SUPPORTED.stream().sorted().toList()) + "; or --skip-unsupported to skip it with a warning");
                }
                continue;
            }
            try {
                switch (n.getOpType()) {
                    case "Constant" -> constant(n);
                    case "Conv" -> conv(n, i);
                    case "Gemm", "MatMul" -> gemm(n, i);
                    case "MaxPool", "AveragePool" -> pool(n, i, false);
                    case "GlobalAveragePool" -> pool(n, i, true);
                    case "Add" -> add(n, i);
                    default -> passThrough(n, i, true);
                }
            } catch (ShapeException e) {
                error(i, n, e.getMessage(), e.hint);
            }
        }
        if (nextId == 0 && !problems.hasErrors()) {
            problems.error(1, 1, "/graph", "the graph has no Conv, Gemm, MatMul, pooling or Add node", "nothing to schedule");
        }
    }

    private static final class ShapeException extends RuntimeException {
        final String hint;

        ShapeException(String message, String hint) {
            super(message);
            this.hint = hint;
        }
    }

    private long[] shape(String tensor) {
        long[] s = shapes.get(tensor);
        if (s == null) {
            throw new ShapeException("the shape of its input '" + tensor + "' is unknown",
                    "export with fixed input shapes, or run onnx.shape_inference.infer_shapes on the model");
        }
        return s;
    }

    private static long[] shapeOf(OnnxMl.ValueInfoProto v) {
        if (!v.getType().hasTensorType() || !v.getType().getTensorType().hasShape()) {
            return null;
        }
        List<OnnxMl.TensorShapeProto.Dimension> dims = v.getType().getTensorType().getShape().getDimList();
        long[] s = new long[dims.size()];
        for (int i = 0; i < s.length; i++) {
            if (!dims.get(i).hasDimValue() || dims.get(i).getDimValue() <= 0) {
                return null;
            }
            s[i] = dims.get(i).getDimValue();
        }
        return s;
    }

    private static String describe(OnnxMl.ValueInfoProto v) {
        if (!v.getType().hasTensorType() || !v.getType().getTensorType().hasShape()) {
            return "(no shape given)";
        }
        return v.getType().getTensorType().getShape().getDimList().stream()
                .map(d -> d.hasDimValue() ? Long.toString(d.getDimValue()) : "'" + d.getDimParam() + "'").toList().toString();
    }

    private static OnnxMl.AttributeProto attr(OnnxMl.NodeProto n, String name) {
        return n.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst().orElse(null);
    }

    private static long[] ints(OnnxMl.NodeProto n, String name, long[] absent) {
        OnnxMl.AttributeProto a = attr(n, name);
        return a == null ? absent : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    private static long intAttr(OnnxMl.NodeProto n, String name, long absent) {
        OnnxMl.AttributeProto a = attr(n, name);
        return a == null ? absent : a.getI();
    }

    private void constant(OnnxMl.NodeProto n) {
        OnnxMl.AttributeProto v = attr(n, "value");
        for (String o : n.getOutputList()) {
            constants.add(o);
            if (v != null && v.hasT()) {
                initializers.put(o, v.getT());
                shapes.put(o, v.getT().getDimsList().stream().mapToLong(Long::longValue).toArray());
            }
        }
    }

    /** The id of the layer producing {@code tensor}, or −1 for a graph input. */
    private int source(String tensor) {
        return producer.getOrDefault(tensor, -1);
    }

    /** Pass-through: the output is the first activation input, reshaped where the operator says so. */
    private void passThrough(OnnxMl.NodeProto n, int pos, boolean reportFused) {
        String in = n.getInputList().stream().filter(t -> !t.isEmpty() && !constants.contains(t)).findFirst().orElse(null);
        if (in == null) {
            for (String o : n.getOutputList()) {
                constants.add(o);
            }
            return;
        }
        long[] s = shape(in);
        long[] out = switch (n.getOpType()) {
            case "Flatten" -> {
                long axis = intAttr(n, "axis", 1);
                int ax = (int) (axis < 0 ? axis + s.length : axis);
                long a = 1;
                long b = 1;
                for (int i = 0; i < s.length; i++) {
                    if (i < ax) {
                        a *= s[i];
                    } else {
                        b *= s[i];
                    }
                }
                yield new long[] {a, b};
            }
            case "Reshape" -> reshape(n, s);
            case "Squeeze", "Unsqueeze" -> squeeze(n, s);
            default -> s;
        };
        for (String o : n.getOutputList().subList(0, 1)) {
            shapes.put(o, out);
            if (producer.containsKey(in)) {
                producer.put(o, producer.get(in));
            }
            long[] origin = flattenedFrom.getOrDefault(in, s.length == 4 ? s : null);
            if (origin != null && out.length != 4) {
                flattenedFrom.put(o, origin);
            } else if (out.length == 4 && flattenedFrom.containsKey(in)) {
                flattenedFrom.remove(o);
            }
        }
        if (reportFused) {
            fused.add(nodeName(n, pos));
        }
    }

    private long[] reshape(OnnxMl.NodeProto n, long[] s) {
        OnnxMl.TensorProto t = n.getInputCount() > 1 ? initializers.get(n.getInput(1)) : null;
        if (t == null) {
            throw new ShapeException("the target shape is not a constant", "fold constants before export (onnx-simplifier) so Reshape gets a constant shape");
        }
        long[] target = longs(t);
        long total = Arrays.stream(s).reduce(1, (x, y) -> x * y);
        long known = 1;
        int free = -1;
        for (int i = 0; i < target.length; i++) {
            if (target[i] == 0) {
                target[i] = s[i];
            }
            if (target[i] == -1) {
                free = i;
            } else {
                known *= target[i];
            }
        }
        if (free >= 0) {
            target[free] = total / known;
        }
        return target;
    }

    private long[] squeeze(OnnxMl.NodeProto n, long[] s) {
        long[] axes = ints(n, "axes", null);
        if (axes == null && n.getInputCount() > 1 && initializers.containsKey(n.getInput(1))) {
            axes = longs(initializers.get(n.getInput(1)));
        }
        List<Long> out = new ArrayList<>();
        if (n.getOpType().equals("Squeeze")) {
            Set<Long> ax = new HashSet<>();
            if (axes != null) {
                for (long a : axes) {
                    ax.add(a < 0 ? a + s.length : a);
                }
            }
            for (int i = 0; i < s.length; i++) {
                if (!(axes == null ? s[i] == 1 : ax.contains((long) i))) {
                    out.add(s[i]);
                }
            }
        } else {
            if (axes == null) {
                throw new ShapeException("Unsqueeze without constant axes", "fold constants before export");
            }
            int rank = s.length + axes.length;
            Set<Long> ax = new HashSet<>();
            for (long a : axes) {
                ax.add(a < 0 ? a + rank : a);
            }
            int k = 0;
            for (int i = 0; i < rank; i++) {
                out.add(ax.contains((long) i) ? 1L : s[k++]);
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static long[] longs(OnnxMl.TensorProto t) {
        if (t.getInt64DataCount() > 0) {
            return t.getInt64DataList().stream().mapToLong(Long::longValue).toArray();
        }
        if (t.getInt32DataCount() > 0) {
            return t.getInt32DataList().stream().mapToLong(Integer::longValue).toArray();
        }
        java.nio.ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long[] out = new long[b.remaining() / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getLong();
        }
        return out;
    }

    private String layerHeader(OnnxMl.NodeProto n, int pos, int id, String type) {
        String name = n.getName().isEmpty() ? type.toLowerCase(java.util.Locale.ROOT) + "_" + pos : n.getName();
        return "- id: " + id + "\n  name: \"" + name.replace("\"", "'") + "\"\n  operator_type: " + type + "\n";
    }

    private int newLayer(OnnxMl.NodeProto n) {
        int id = nextId++;
        producer.put(n.getOutput(0), id);
        return id;
    }

    private void conv(OnnxMl.NodeProto n, int pos) {
        long[] x = shape(n.getInput(0));
        long[] w = shape(n.getInput(1));
        if (x.length != 4 || w.length != 4) {
            throw new ShapeException("only 2-D convolutions (4-D tensors) are supported, input has rank " + x.length,
                    "1-D/3-D convolutions are not modelled");
        }
        long group = intAttr(n, "group", 1);
        long[] strides = ints(n, "strides", new long[] {1, 1});
        long[] dil = ints(n, "dilations", new long[] {1, 1});
        long[] pads = pads(n, x, w[2], w[3], strides, dil);
        long b = x[0];
        long c = x[1];
        long k = w[0];
        long fy = w[2];
        long fx = w[3];
        long oy = (x[2] + pads[0] + pads[2] - dil[0] * (fy - 1) - 1) / strides[0] + 1;
        long ox = (x[3] + pads[1] + pads[3] - dil[1] * (fx - 1) - 1) / strides[1] + 1;
        int src = source(n.getInput(0));
        int id = newLayer(n);
        shapes.put(n.getOutput(0), new long[] {b, k, oy, ox});
        boolean depthwise = group > 1 && group == c && k == c && w[1] == 1;
        if (group != 1 && !depthwise) {
            // a grouped convolution: C = channels per group (exact MACs and weights; the input tensor is read as C/g channels)
            problems.warning(pos + 1, 1, "/graph/node/" + pos, nodeName(n, pos) + ": grouped convolution (" + group + " groups) modelled as one"
                            + " convolution with C = " + w[1] + " input channels per output channel: MACs and weights are exact, the input"
                            + " tensor is counted as " + w[1] + " instead of " + c + " channels",
                    "accept the approximation, or split the groups into separate convolutions before export");
            c = w[1];
        }
        StringBuilder sb = new StringBuilder(layerHeader(n, pos, id, "Conv"));
        String rel = "[ix=" + strides[1] + "*ox+" + dil[1] + "*fx, iy=" + strides[0] + "*oy+" + dil[0] + "*fy]";
        if (depthwise) {
            sb.append("  equation: O[b][g][oy][ox]+=W[g][fy][fx]*I[b][g][iy][ix]\n");
            sb.append("  dimension_relations: ").append(rel).append('\n');
            sb.append("  loop_dims: [B, G, OY, OX, FY, FX]\n");
            sb.append("  loop_sizes: [").append(b).append(", ").append(k).append(", ").append(oy).append(", ").append(ox).append(", ")
                    .append(fy).append(", ").append(fx).append("]\n");
        } else {
            sb.append("  equation: O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]\n");
            sb.append("  dimension_relations: ").append(rel).append('\n');
            sb.append("  loop_dims: [B, K, C, OY, OX, FY, FX]\n");
            sb.append("  loop_sizes: [").append(b).append(", ").append(k).append(", ").append(c).append(", ").append(oy).append(", ")
                    .append(ox).append(", ").append(fy).append(", ").append(fx).append("]\n");
        }
        precision(sb, options.weightBits());
        sb.append("  operand_source: {W: ").append(id).append(", I: ").append(src < 0 ? id : src).append("}\n");
        sb.append("  pr_loop_dims: [IX, IY]\n");
        sb.append("  padding: [[").append(pads[1]).append(", ").append(pads[3]).append("], [").append(pads[0]).append(", ").append(pads[2]).append("]]\n");
        yaml.append(sb).append('\n');
    }

    /** ONNX pads {top, left, bottom, right} (x1_begin, x2_begin, x1_end, x2_end), from pads or auto_pad. */
    private static long[] pads(OnnxMl.NodeProto n, long[] x, long fy, long fx, long[] strides, long[] dil) {
        long[] p = ints(n, "pads", null);
        if (p != null) {
            if (p.length != 4) {
                throw new ShapeException("pads has " + p.length + " values, 4 expected for 2-D", "pads = [top, left, bottom, right]");
            }
            return p;
        }
        OnnxMl.AttributeProto auto = attr(n, "auto_pad");
        String mode = auto == null ? "NOTSET" : auto.getS().toStringUtf8();
        if (mode.startsWith("SAME")) {
            long[] out = new long[4];
            long[] f = {fy, fx};
            for (int d = 0; d < 2; d++) {
                long o = (x[2 + d] + strides[d] - 1) / strides[d];
                long total = Math.max(0, (o - 1) * strides[d] + dil[d] * (f[d] - 1) + 1 - x[2 + d]);
                long small = total / 2;
                long big = total - small;
                out[d] = mode.equals("SAME_UPPER") ? small : big;
                out[d + 2] = mode.equals("SAME_UPPER") ? big : small;
            }
            return out;
        }
        return new long[4];
    }

    private void precision(StringBuilder sb, int weightBits) {
        sb.append("  operand_precision: {W: ").append(weightBits).append(", I: ").append(options.activationBits()).append(", O: ")
                .append(options.partialSumBits()).append(", O_final: ").append(options.outputBits()).append("}\n");
    }

    private void gemm(OnnxMl.NodeProto n, int pos) {
        String a = n.getInput(0);
        String bName = n.getInput(1);
        boolean aConst = constants.contains(a);
        boolean bConst = constants.contains(bName);
        if (aConst == bConst) {
            throw new ShapeException(aConst ? "both inputs are constants" : "both inputs are activations (a matrix product of two activations)",
                    "only activation × constant weight products are modelled");
        }
        long[] x = shape(aConst ? bName : a);
        long[] w = shape(aConst ? a : bName);
        if (x.length != 2 || w.length != 2) {
            throw new ShapeException("only 2-D matrix products are supported (shapes " + Arrays.toString(x) + " and " + Arrays.toString(w) + ")",
                    "flatten the input first (Flatten before Gemm)");
        }
        boolean transB = intAttr(n, "transB", 0) == 1 && n.getOpType().equals("Gemm");
        boolean transA = intAttr(n, "transA", 0) == 1 && n.getOpType().equals("Gemm");
        if (transA || aConst) {
            throw new ShapeException("a transposed or constant first operand is not supported", "export with the activation as the first input");
        }
        long b = x[0];
        long c = x[1];
        long k = transB ? w[0] : w[1];
        long wc = transB ? w[1] : w[0];
        if (wc != c) {
            throw new ShapeException("the weight has " + wc + " input features, the input " + c, "check the export's Flatten/Reshape before it");
        }
        int src = source(a);
        int id = newLayer(n);
        shapes.put(n.getOutput(0), new long[] {b, k});
        StringBuilder sb = new StringBuilder(layerHeader(n, pos, id, n.getOpType()));
        long[] origin = flattenedFrom.get(a);
        if (origin != null && src >= 0 && origin[1] * origin[2] * origin[3] == c) {
            // on a flattened 4-D map: a convolution whose kernel covers the whole map (same MACs, weights and input)
            sb.append("  equation: O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]\n");
            sb.append("  dimension_relations: [ix=1*ox+1*fx, iy=1*oy+1*fy]\n");
            sb.append("  loop_dims: [B, K, C, OY, OX, FY, FX]\n");
            sb.append("  loop_sizes: [").append(b).append(", ").append(k).append(", ").append(origin[1]).append(", 1, 1, ").append(origin[2])
                    .append(", ").append(origin[3]).append("]\n");
            flattenedFrom.put(n.getOutput(0), new long[] {b, k, 1, 1});
        } else {
            sb.append("  equation: O[b][k]+=W[k][c]*I[b][c]\n");
            sb.append("  loop_dims: [B, K, C]\n");
            sb.append("  loop_sizes: [").append(b).append(", ").append(k).append(", ").append(c).append("]\n");
        }
        precision(sb, options.weightBits());
        sb.append("  operand_source: {W: ").append(id).append(", I: ").append(src < 0 ? id : src).append("}\n");
        yaml.append(sb).append('\n');
    }

    private void pool(OnnxMl.NodeProto n, int pos, boolean global) {
        long[] x = shape(n.getInput(0));
        if (x.length != 4) {
            throw new ShapeException("only 2-D pooling (4-D tensors) is supported", "");
        }
        long[] kernel = global ? new long[] {x[2], x[3]} : ints(n, "kernel_shape", null);
        if (kernel == null) {
            throw new ShapeException("no kernel_shape", "a pooling node needs kernel_shape");
        }
        long[] strides = global ? new long[] {1, 1} : ints(n, "strides", new long[] {1, 1});
        long[] dil = global ? new long[] {1, 1} : ints(n, "dilations", new long[] {1, 1});
        long[] pads = global ? new long[4] : pads(n, x, kernel[0], kernel[1], strides, dil);
        boolean ceil = !global && intAttr(n, "ceil_mode", 0) == 1;
        long[] o = new long[2];
        for (int d = 0; d < 2; d++) {
            long num = x[2 + d] + pads[d] + pads[d + 2] - dil[d] * (kernel[d] - 1) - 1;
            o[d] = (ceil ? (num + strides[d] - 1) / strides[d] : num / strides[d]) + 1;
        }
        int src = source(n.getInput(0));
        int id = newLayer(n);
        shapes.put(n.getOutput(0), new long[] {x[0], x[1], o[0], o[1]});
        StringBuilder sb = new StringBuilder(layerHeader(n, pos, id, "Pooling"));
        sb.append("  equation: O[b][g][oy][ox]+=W[fx][fy]*I[b][g][iy][ix]\n");
        sb.append("  dimension_relations: [ix=").append(strides[1]).append("*ox+").append(dil[1]).append("*fx, iy=").append(strides[0])
                .append("*oy+").append(dil[0]).append("*fy]\n");
        sb.append("  loop_dims: [B, G, OY, OX, FX, FY]\n");
        sb.append("  loop_sizes: [").append(x[0]).append(", ").append(x[1]).append(", ").append(o[0]).append(", ").append(o[1]).append(", ")
                .append(kernel[1]).append(", ").append(kernel[0]).append("]\n");
        precision(sb, 0);
        sb.append("  operand_source: {W: ").append(id).append(", I: ").append(src < 0 ? id : src).append("}\n");
        sb.append("  pr_loop_dims: [IX, IY]\n");
        sb.append("  padding: [[").append(pads[1]).append(", ").append(pads[3]).append("], [").append(pads[0]).append(", ").append(pads[2]).append("]]\n");
        yaml.append(sb).append('\n');
    }

    private void add(OnnxMl.NodeProto n, int pos) {
        List<String> acts = n.getInputList().stream().filter(t -> !constants.contains(t)).toList();
        if (acts.size() == 1) { // a bias: fused into the producer
            passThrough(n, pos, true);
            return;
        }
        if (acts.size() != 2) {
            throw new ShapeException("Add with " + acts.size() + " activation inputs", "two activation inputs (a residual addition) are modelled");
        }
        long[] a = shape(acts.get(0));
        long[] b = shape(acts.get(1));
        if (!Arrays.equals(a, b) || a.length != 4) {
            throw new ShapeException("inputs of shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                    + ": only equal 4-D shapes (no broadcasting) are modelled", "");
        }
        int s1 = source(acts.get(0));
        int s2 = source(acts.get(1));
        int id = newLayer(n);
        shapes.put(n.getOutput(0), a);
        StringBuilder sb = new StringBuilder(layerHeader(n, pos, id, "Add"));
        sb.append("  equation: O[b][g][oy][ox]=W[b][g][oy][ox]+I[b][g][oy][ox]\n");
        sb.append("  loop_dims: [B, G, OY, OX]\n");
        sb.append("  loop_sizes: [").append(a[0]).append(", ").append(a[1]).append(", ").append(a[2]).append(", ").append(a[3]).append("]\n");
        sb.append("  operand_precision: {W: ").append(options.activationBits()).append(", I: ").append(options.activationBits())
                .append(", O: ").append(options.partialSumBits()).append(", O_final: ").append(options.outputBits()).append("}\n");
        sb.append("  operand_source: {W: ").append(s1 < 0 ? id : s1).append(", I: ").append(s2 < 0 ? id : s2).append("}\n");
        yaml.append(sb).append('\n');
    }
}
