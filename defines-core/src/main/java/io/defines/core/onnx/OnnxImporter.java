package io.defines.core.onnx;

import ai.onnx.proto.OnnxMl;
import io.defines.core.input.InputFiles;
import io.defines.core.input.IntRange;
import io.defines.core.input.Parsed;
import io.defines.core.input.Problems;
import io.defines.core.input.WorkloadReader;
import io.defines.core.workload.Workload;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Imports an ONNX graph as a workload (docs/onnx.md). The graph is read with the generated ONNX
 * protobuf classes (weights are never loaded); tensor shapes are propagated from the graph inputs and
 * the initializers' dims through the supported operators ({@link ShapePropagation}); each MAC, pooling
 * and addition node becomes a layer in the ZigZag workload form ({@link OpConverters}), handed as
 * {@link io.defines.core.input.LayerDto}s to the checks of {@link WorkloadReader#validate}, so that an
 * imported network is validated exactly like a hand-written one. Diagnostics name the node, its op
 * type and its position (as LINE: the 1-based position of the node in the graph).
 */
public final class OnnxImporter {

    /** What an import produced: the workload (with every diagnostic), and the nodes fused into their producers. */
    public record Import(Parsed<Workload> workload, List<String> fused) {

        public Import {
            fused = List.copyOf(fused);
        }
    }

    private final GraphImport graph;
    private final Problems problems;

    private OnnxImporter(OnnxOptions options, Problems problems) {
        this.graph = new GraphImport(options, problems);
        this.problems = problems;
    }

    /** Reads {@code path} as a workload. */
    public static Parsed<Workload> read(Path path, OnnxOptions options) {
        return importGraph(path, options).workload();
    }

    /** Imports {@code path}: the workload, and the nodes fused into their producers (e.g. {@code Relu 'r1' (node 2)}). */
    public static Import importGraph(Path path, OnnxOptions options) {
        Problems problems = new Problems(path.toString());
        OnnxImporter im = new OnnxImporter(options, problems);
        OnnxMl.ModelProto model;
        try (InputStream in = Files.newInputStream(path)) {
            model = OnnxMl.ModelProto.parseFrom(in);
        } catch (IOException e) {
            problems.error(1, 1, "", "not a readable ONNX model: " + e.getMessage(),
                    "the file may be truncated or not ONNX; re-export it (torch.onnx.export / tf2onnx)");
            return new Import(new Parsed<>(null, problems.diagnostics()), List.of());
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            problems.error(1, 1, "/graph", "the model has no graph nodes", "is this an ONNX model file? re-export it");
            return new Import(new Parsed<>(null, problems.diagnostics()), List.of());
        }
        im.convert(model.getGraph());
        Parsed<Workload> workload = problems.hasErrors()
                ? new Parsed<>(null, problems.diagnostics())
                : WorkloadReader.validate(im.graph.layers(), problems, InputFiles.stem(path));
        return new Import(workload, im.graph.fused());
    }

    private void convert(OnnxMl.GraphProto g) {
        ShapePropagation shapes = graph.shapes();
        for (OnnxMl.TensorProto t : g.getInitializerList()) {
            shapes.constant(t.getName(), t);
        }
        for (OnnxMl.ValueInfoProto in : g.getInputList()) {
            if (shapes.isInitializer(in.getName())) {
                continue;
            }
            long[] s = shapeOf(in);
            long large = largeDim(in);
            if (large > 0) {
                problems.error(1, 1, "/graph/input/" + GraphImport.printable(in.getName()), "graph input '" + GraphImport.printable(in.getName()) + "' has shape " + describe(in)
                        + ": dims are at most " + IntRange.INT_MAX + " (2^31-1), found " + large, "export with the real input shape");
            } else if (s == null) {
                problems.error(1, 1, "/graph/input/" + GraphImport.printable(in.getName()), "graph input '" + GraphImport.printable(in.getName()) + "' has no fixed shape "
                                + describe(in), "export with a fixed input shape (e.g. torch.onnx.export with a 1x3x224x224 dummy input, no dynamic_axes)");
            } else {
                shapes.input(in.getName(), s);
            }
        }
        checkOrder(g, shapes.known());
        if (problems.hasErrors()) {
            return;
        }
        SkippedNodes skipped = new SkippedNodes(g);
        int unchecked = 0;
        int first = -1;
        for (int i = 0; i < g.getNodeCount(); i++) {
            if (graph.readsRefused(g.getNode(i))) {
                // downstream of an error: its input shapes are unknown because of that error, not the export
                unchecked++;
                first = first < 0 ? i : first;
            } else {
                convertNode(g.getNode(i), i, skipped);
            }
        }
        if (unchecked > 0) {
            graph.warning(first, g.getNode(first), (unchecked == 1 ? "this node reads" : "this and " + (unchecked - 1) + " later node" + (unchecked == 2 ? "" : "s")
                    + " read") + " outputs of the nodes refused above, so " + (unchecked == 1 ? "it was" : "they were") + " not checked",
                    "fix the errors above; the nodes after them are checked then");
        }
        if (graph.layers().isEmpty() && !problems.hasErrors()) {
            problems.error(1, 1, "/graph", "the graph has no Conv, Gemm, MatMul, pooling or Add node", "nothing to schedule");
        }
    }

    /** ONNX requires topological order: reports the first node that reads a tensor produced later (or in a cycle). */
    private void checkOrder(OnnxMl.GraphProto g, Set<String> known) {
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
                    graph.error(i, n, "reads '" + GraphImport.printable(in) + "', which node " + (j + 1) + " (" + GraphImport.printable(g.getNode(j).getOpType()) + ") produces later"
                                    + (j >= i ? " or in a cycle" : ""),
                            "the graph must be acyclic and its nodes in topological order (ONNX requires it); re-export or run onnx.checker");
                    return;
                }
            }
            known.addAll(n.getOutputList());
        }
    }

    private void convertNode(OnnxMl.NodeProto n, int pos, SkippedNodes skipped) {
        OpConverter converter = OpConverters.forOpType(n.getOpType());
        if (converter != null && n.getInputCount() < converter.minInputs()) {
            graph.error(pos, n, "has " + n.getInputCount() + " input" + (n.getInputCount() == 1 ? "" : "s") + ", " + GraphImport.printable(n.getOpType())
                    + " needs at least " + converter.minInputs(), "the model is malformed; re-export it or run onnx.checker on it");
            return;
        }
        if (n.getOutputCount() == 0 && !n.getOpType().equals("Constant")) {
            graph.error(pos, n, "has no output", "the model is malformed; re-export it or run onnx.checker on it");
            return;
        }
        try {
            if (converter != null) {
                TransposeConverter.inProducerOrder(graph.shapes(), n, () -> converter.convert(n, pos, graph));
            } else if (graph.options().skipUnsupported()) {
                skipped.skip(n, pos, graph);
            } else {
                graph.error(pos, n, "operator " + GraphImport.printable(n.getOpType()) + " is not supported", "supported: "
                        + String.join(", ", OpConverters.supported()) + "; or --skip-unsupported to skip it with a warning");
            }
        } catch (ShapeException e) {
            if (e.isNotModelled() && graph.options().skipUnsupported()) {
                skipped.skip(n, pos, graph); // skipped only where that cannot change a number
            } else {
                graph.error(pos, n, e.getMessage(), e.hint() + (e.isNotModelled() ? "; or --skip-unsupported to skip it with a warning" : ""));
            }
        } catch (ArithmeticException e) {
            // the shape arithmetic is exact: a dim or attribute so large that a size overflows a long is reported, never wrapped
            graph.error(pos, n, "its shapes overflow a 64-bit integer (" + e.getMessage() + ")",
                    "dims and attributes are at most " + IntRange.INT_MAX + " (2^31-1), and a layer's MACs at most 2^62");
        }
    }

    /** The fixed shape of {@code v}, or null when it has none (or a dim is symbolic, 0 or above 2³¹−1). */
    static long[] shapeOf(OnnxMl.ValueInfoProto v) {
        if (!v.getType().hasTensorType() || !v.getType().getTensorType().hasShape()) {
            return null;
        }
        List<OnnxMl.TensorShapeProto.Dimension> dims = v.getType().getTensorType().getShape().getDimList();
        long[] s = new long[dims.size()];
        for (int i = 0; i < s.length; i++) {
            if (!dims.get(i).hasDimValue() || dims.get(i).getDimValue() <= 0 || dims.get(i).getDimValue() > IntRange.INT_MAX) {
                return null;
            }
            s[i] = dims.get(i).getDimValue();
        }
        return s;
    }

    /** The first dim of {@code v} above 2³¹−1, or 0. */
    private static long largeDim(OnnxMl.ValueInfoProto v) {
        if (!v.getType().hasTensorType() || !v.getType().getTensorType().hasShape()) {
            return 0;
        }
        return v.getType().getTensorType().getShape().getDimList().stream().mapToLong(OnnxMl.TensorShapeProto.Dimension::getDimValue)
                .filter(d -> d > IntRange.INT_MAX).findFirst().orElse(0);
    }

    private static String describe(OnnxMl.ValueInfoProto v) {
        if (!v.getType().hasTensorType() || !v.getType().getTensorType().hasShape()) {
            return "(no shape given)";
        }
        return v.getType().getTensorType().getShape().getDimList().stream()
                .map(d -> d.hasDimValue() ? Long.toString(d.getDimValue()) : "'" + d.getDimParam() + "'").toList().toString();
    }
}
