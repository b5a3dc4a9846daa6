package io.defines.core.input;

import io.defines.core.input.Node.ListNode;
import io.defines.core.input.Node.MapNode;
import io.defines.core.workload.DimRelation;
import io.defines.core.workload.Equation;
import io.defines.core.workload.Layer;
import io.defines.core.workload.LayerInput;
import io.defines.core.workload.Operand;
import io.defines.core.workload.Padding;
import io.defines.core.workload.Workload;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a ZigZag workload YAML (a list of layers) in three steps: located tree → typed layer DTOs →
 * checks within and across layers → an immutable {@link Workload}.
 *
 * <p>Producer→consumer dimension correspondence is inferred from tensor index positions: index i
 * of the consumer's input tensor corresponds to index i of the producer's output tensor. For
 * {@code I[b][c][iy][ix]} reading {@code O[b][k][oy][ox]}: B→B, C→K, IY→OY, IX→OX.
 */
public final class WorkloadReader {

    private static final Pattern RELATION = Pattern.compile(
            "^\\s*(\\w+)\\s*=\\s*(?:(\\d+)\\s*\\*\\s*)?([A-Za-z]\\w*)\\s*\\+\\s*(?:(\\d+)\\s*\\*\\s*)?([A-Za-z]\\w*)\\s*$");

    record LayerDto(Node node, Located<Long> id, Located<String> name, Located<String> operatorType,
                    Located<String> equation, List<Located<String>> relations, List<Located<String>> loopDims,
                    Node loopDimsNode, List<Located<Long>> loopSizes, Node loopSizesNode,
                    Map<String, Located<Long>> precision, Node precisionNode,
                    Map<String, Located<Long>> source, Node sourceNode,
                    List<Located<String>> prLoopDims, Node prLoopDimsNode, List<Located<Long>> prLoopSizes, Node prLoopSizesNode,
                    List<Located<long[]>> padding, Node paddingNode) {
    }

    private final Problems problems;

    private WorkloadReader(Problems problems) {
        this.problems = problems;
    }

    /** Reads a workload YAML, or an ONNX model ({@code .onnx}) with the default import options. */
    public static Parsed<Workload> read(Path path) {
        return read(path, io.defines.core.onnx.OnnxOptions.DEFAULT);
    }

    /** As {@link #read(Path)}; {@code onnx} applies to {@code .onnx} files only. */
    public static Parsed<Workload> read(Path path, io.defines.core.onnx.OnnxOptions onnx) {
        if (isOnnx(path)) {
            return io.defines.core.onnx.OnnxImporter.read(path, onnx);
        }
        Problems problems = new Problems(path.toString());
        return fromTree(YamlTreeReader.read(path, problems), problems, stem(path));
    }

    /** Whether {@code path} names an ONNX model (by its extension). */
    public static boolean isOnnx(Path path) {
        return path.getFileName() != null && path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".onnx");
    }

    public static Parsed<Workload> read(String fileName, Reader reader) {
        Problems problems = new Problems(fileName);
        return fromTree(YamlTreeReader.read(fileName, reader, problems), problems, stem(Path.of(fileName)));
    }

    public static Parsed<Workload> fromTree(Node root, Problems problems, String workloadName) {
        if (root == null) {
            return new Parsed<>(null, problems.diagnostics());
        }
        WorkloadReader r = new WorkloadReader(problems);
        List<LayerDto> dtos = r.toDtos(root);
        Workload w = dtos == null ? null : r.validate(dtos, workloadName);
        return new Parsed<>(problems.hasErrors() ? null : w, problems.diagnostics());
    }

    static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    // ---- step 2: tree -> DTOs ----

    private List<LayerDto> toDtos(Node root) {
        if (!(root instanceof ListNode list)) {
            problems.error(root, "a workload file must be a list of layers ('- id: 0' …), found " + root.kindDescription(),
                    "start each layer with '- id: <n>' (see workloads/fsrcnn.yaml)");
            return null;
        }
        if (list.items().isEmpty()) {
            problems.error(root, "the workload has no layers", "add at least one layer");
            return null;
        }
        List<LayerDto> out = new ArrayList<>();
        for (Node item : list.items()) {
            MapReader r = MapReader.of(item, problems, "a layer", "write each layer as a mapping starting with '- id: <n>'");
            if (r != null) {
                out.add(readLayer(r));
            }
        }
        return out;
    }

    private LayerDto readLayer(MapReader r) {
        Located<Long> id = r.integer("id", true, "<layer number>");
        String what = "layer " + (id.present() ? id.value() : "?");
        Located<String> name = r.string("name", false, "<layer name>");
        Located<String> type = r.string("operator_type", true, "Conv");
        Located<String> equation = r.string("equation", true, "O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]");
        ListNode relations = r.list("dimension_relations", false, "[ix=1*ox+1*fx, iy=1*oy+1*fy]");
        ListNode loopDims = r.list("loop_dims", true, "[B, K, C, OY, OX, FY, FX]");
        ListNode loopSizes = r.list("loop_sizes", true, "[1, 64, 3, 112, 112, 7, 7]");
        MapNode precision = r.map("operand_precision", true, "{W: 8, I: 8, O: 16, O_final: 8}");
        MapNode source = r.map("operand_source", true, "{W: <own id>, I: <producer id>}");
        ListNode prDims = r.list("pr_loop_dims", false, "[IX, IY]");
        ListNode prSizes = r.list("pr_loop_sizes", false, "[114, 114]");
        ListNode padding = r.list("padding", false, "[[1, 1], [1, 1]]");
        r.accept("time_dim");
        r.raw("time_dim");
        r.finish();
        return new LayerDto(r.node(), id, name, type, equation,
                MapReader.strings(relations, problems, what + ": a dimension relation"),
                MapReader.strings(loopDims, problems, what + ": a loop dimension"), loopDims == null ? r.node() : loopDims,
                longs(loopSizes, what + ": a loop size"), loopSizes == null ? r.node() : loopSizes,
                intMap(precision, what + ": operand precision"), precision == null ? r.node() : precision,
                intMap(source, what + ": operand source"), source == null ? r.node() : source,
                MapReader.strings(prDims, problems, what + ": a pr loop dimension"), prDims,
                longs(prSizes, what + ": a pr loop size"), prSizes,
                pairs(padding, what), padding);
    }

    private List<Located<Long>> longs(ListNode list, String what) {
        List<Located<Long>> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (Node n : list.items()) {
            Long v = MapReader.asLong(n);
            if (v == null) {
                problems.error(n, what + " must be an integer, found " + n.kindDescription(), "write a whole number");
            } else {
                out.add(new Located<>(v, n));
            }
        }
        return out;
    }

    private Map<String, Located<Long>> intMap(MapNode map, String what) {
        Map<String, Located<Long>> out = new LinkedHashMap<>();
        if (map == null) {
            return out;
        }
        for (Node.Entry e : map.entries().values()) {
            Long v = MapReader.asLong(e.value());
            if (v == null) {
                problems.error(e.value(), what + " of '" + e.key() + "' must be an integer, found " + e.value().kindDescription(), "write a whole number");
            } else {
                out.put(e.key(), new Located<>(v, e.value()));
            }
        }
        return out;
    }

    private List<Located<long[]>> pairs(ListNode list, String what) {
        List<Located<long[]>> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (Node n : list.items()) {
            if (n instanceof ListNode pair && pair.items().size() == 2
                    && MapReader.asLong(pair.items().get(0)) != null && MapReader.asLong(pair.items().get(1)) != null) {
                out.add(new Located<>(new long[] {MapReader.asLong(pair.items().get(0)), MapReader.asLong(pair.items().get(1))}, n));
            } else {
                problems.error(n, what + ": each padding entry must be a pair [before, after], found " + n.kindDescription(),
                        "write e.g. 'padding: [[1, 1], [1, 1]]' with one pair per pr_loop_dims entry");
            }
        }
        return out;
    }

    // ---- step 3: checks -> domain ----

    /** What step 3 builds per layer before inputs are resolved across layers. */
    private record Partial(LayerDto dto, int id, String name, Equation equation, List<DimRelation> relations,
                           Map<String, Long> loopSizes, Map<String, Integer> precision, Map<String, Padding> padding,
                           Map<String, Long> prSizes) {
    }

    private Workload validate(List<LayerDto> dtos, String workloadName) {
        Map<Integer, Partial> byId = new LinkedHashMap<>();
        Map<String, Located<String>> names = new HashMap<>();
        List<Partial> partials = new ArrayList<>();
        for (LayerDto d : dtos) {
            Partial p = validateLayer(d);
            if (d.id().present()) {
                int id = (int) (long) d.id().value();
                if (byId.containsKey(id)) {
                    problems.error(d.id().node(), "layer id " + id + " is used twice (first at line "
                            + byId.get(id).dto().id().node().line() + ")", "give every layer a unique id");
                } else if (p != null) {
                    byId.put(id, p);
                }
            }
            if (d.name().present()) {
                Located<String> prev = names.putIfAbsent(d.name().value(), d.name());
                if (prev != null) {
                    problems.error(d.name().node(), "layer name '" + d.name().value() + "' is used twice (first at line "
                            + prev.node().line() + "); mapping entries match layers by name", "give every layer a unique name");
                }
            }
            if (p != null) {
                partials.add(p);
            }
        }
        // operand sources: known layers, and no cycles
        Map<Integer, List<Integer>> edges = new LinkedHashMap<>();
        for (Partial p : partials) {
            List<Integer> producers = new ArrayList<>();
            for (Map.Entry<String, Located<Long>> e : p.dto().source().entrySet()) {
                int src = (int) (long) e.getValue().value();
                if (src == p.id()) {
                    continue;
                }
                if (!byId.containsKey(src)) {
                    boolean exists = dtos.stream().anyMatch(x -> x.id().present() && x.id().value() == src);
                    if (!exists) {
                        problems.error(e.getValue().node(), "layer " + p.id() + ": operand_source of " + e.getKey()
                                        + " names layer " + src + ", which does not exist",
                                "use the id of an existing layer " + byId.keySet() + ", or " + p.id()
                                        + " (the layer's own id) for data from outside the network");
                    }
                    continue;
                }
                producers.add(src);
            }
            edges.put(p.id(), producers);
        }
        reportCycles(edges, byId);
        if (problems.hasErrors()) {
            return null;
        }
        List<Layer> layers = new ArrayList<>();
        for (Partial p : partials) {
            layers.add(buildLayer(p, byId));
        }
        if (problems.hasErrors()) {
            return null;
        }
        return new Workload(workloadName, layers);
    }

    private Partial validateLayer(LayerDto d) {
        String what = "layer " + (d.id().present() ? d.id().value() : "?");
        int errorsBefore = problems.errorCount();
        // loop dims and sizes
        Map<String, Long> loopSizes = new LinkedHashMap<>();
        Set<String> dims = new LinkedHashSet<>();
        for (Located<String> dim : d.loopDims()) {
            String u = dim.value().toUpperCase(Locale.ROOT);
            if (!dims.add(u)) {
                problems.error(dim.node(), what + ": loop dimension " + u + " is listed twice", "list each loop dimension once");
            }
        }
        if (d.loopDimsNode() instanceof ListNode dl && d.loopSizesNode() instanceof ListNode sl
                && dl.items().size() != sl.items().size()) {
            problems.error(d.loopSizesNode(), what + ": " + dl.items().size() + " loop_dims but " + sl.items().size()
                    + " loop_sizes", "give one size per loop dimension, in the same order");
        }
        for (Located<Long> s : d.loopSizes()) {
            if (s.value() <= 0) {
                problems.error(s.node(), what + ": loop size must be positive, found " + s.value(), "use 1 for a dimension the layer does not iterate over");
            }
        }
        List<String> dimList = new ArrayList<>(dims);
        for (int i = 0; i < Math.min(dimList.size(), d.loopSizes().size()); i++) {
            loopSizes.put(dimList.get(i), d.loopSizes().get(i).value());
        }
        // relations
        List<DimRelation> relations = new ArrayList<>();
        Set<String> declaredPrDims = new LinkedHashSet<>();
        for (Located<String> rel : d.relations()) {
            Matcher m = RELATION.matcher(rel.value());
            if (!m.matches()) {
                problems.error(rel.node(), what + ": dimension relation '" + rel.value() + "' is not of the form 'ix=S*ox+D*fx'",
                        "write e.g. 'ix=2*ox+1*fx' for stride 2 (coefficients are optional, default 1)");
                continue;
            }
            String lhs = m.group(1).toUpperCase(Locale.ROOT);
            String a = m.group(3).toUpperCase(Locale.ROOT);
            String b = m.group(5).toUpperCase(Locale.ROOT);
            int ca = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            int cb = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
            boolean ok = true;
            for (String dim : List.of(a, b)) {
                if (!dims.contains(dim)) {
                    String close = MapReader.closest(dim, dims);
                    problems.error(rel.node(), what + ": dimension relation '" + rel.value() + "' names " + dim
                                    + ", which is not in loop_dims " + dimList,
                            close != null ? "you meant " + close + "?" : "add " + dim + " to loop_dims (size 1 if unused)");
                    ok = false;
                }
            }
            if (dims.contains(lhs)) {
                problems.error(rel.node(), what + ": " + lhs + " is defined by a relation but is also a loop dimension",
                        "name the tensor dimension differently (ix, iy) or remove it from loop_dims");
                ok = false;
            }
            if (ca <= 0 || cb <= 0) {
                problems.error(rel.node(), what + ": relation coefficients must be positive", "stride and dilation are at least 1");
                ok = false;
            }
            if (ok) {
                relations.add(new DimRelation(lhs, a, ca, b, cb));
            } else if (!dims.contains(lhs)) {
                declaredPrDims.add(lhs); // reported above; keep the name so the equation check stays quiet
            }
        }
        Set<String> prDims = new LinkedHashSet<>();
        relations.forEach(r -> prDims.add(r.tensorDim()));
        prDims.addAll(declaredPrDims);
        // equation
        Equation eq = null;
        if (d.equation().present()) {
            Equation.Result res = Equation.parse(d.equation().value());
            if (res.error() != null) {
                problems.error(d.equation().node(), what + ": cannot read equation: " + res.error(),
                        "write it as O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]");
            } else {
                eq = res.equation();
                for (Operand op : eq.operands()) {
                    for (String idx : op.indices()) {
                        if (!dims.contains(idx) && !prDims.contains(idx)) {
                            String close = MapReader.closest(idx, union(dims, prDims));
                            problems.error(d.equation().node(), what + ": index '" + idx.toLowerCase(Locale.ROOT) + "' of operand "
                                            + op.name() + " is neither a loop dimension " + dimList + " nor defined by dimension_relations",
                                    close != null ? "you meant '" + close.toLowerCase(Locale.ROOT) + "'?"
                                            : "add " + idx + " to loop_dims, or a relation such as '" + idx.toLowerCase(Locale.ROOT) + "=1*ox+1*fx'");
                        }
                    }
                }
            }
        }
        // precision
        Map<String, Integer> precision = new LinkedHashMap<>();
        if (eq != null) {
            Set<String> allowed = new LinkedHashSet<>();
            eq.operands().forEach(o -> allowed.add(o.name()));
            allowed.add("O_final");
            for (Map.Entry<String, Located<Long>> e : d.precision().entrySet()) {
                if (!allowed.contains(e.getKey())) {
                    String close = MapReader.closest(e.getKey(), allowed);
                    problems.error(e.getValue().node(), what + ": operand_precision names '" + e.getKey()
                            + "', which is not an operand of the equation", close != null ? "you meant '" + close + "'?" : "operands are " + allowed);
                } else if (e.getValue().value() < 0) {
                    problems.error(e.getValue().node(), what + ": precision must not be negative", "precision in bits, e.g. 8");
                } else {
                    precision.put(e.getKey(), (int) (long) e.getValue().value());
                }
            }
            if (d.precisionNode() instanceof MapNode) {
                for (Operand op : eq.operands()) {
                    if (!d.precision().containsKey(op.name())) {
                        problems.error(d.precisionNode(), what + ": operand_precision has no entry for operand " + op.name(),
                                "add '" + op.name() + ": <bits>'");
                    }
                }
            }
            for (Map.Entry<String, Located<Long>> e : d.source().entrySet()) {
                if (eq.inputs().stream().noneMatch(o -> o.name().equals(e.getKey()))) {
                    problems.error(e.getValue().node(), what + ": operand_source names '" + e.getKey()
                                    + "', which is not an input operand of the equation",
                            "input operands are " + eq.inputs().stream().map(Operand::name).toList());
                }
            }
            if (d.sourceNode() instanceof MapNode) {
                for (Operand op : eq.inputs()) {
                    if (!d.source().containsKey(op.name())) {
                        problems.error(d.sourceNode(), what + ": operand_source has no entry for input operand " + op.name(),
                                "give the producing layer's id, or this layer's own id for constants (weights) and network inputs");
                    }
                }
            }
        }
        // pr dims, sizes and padding
        Map<String, Padding> padding = new LinkedHashMap<>();
        Map<String, Long> prSizes = new LinkedHashMap<>();
        List<String> prDimList = new ArrayList<>();
        for (Located<String> p : d.prLoopDims()) {
            String u = p.value().toUpperCase(Locale.ROOT);
            if (!prDims.contains(u)) {
                problems.error(p.node(), what + ": pr_loop_dims names " + u + ", which no dimension relation defines",
                        prDims.isEmpty() ? "add a dimension relation such as 'ix=1*ox+1*fx'" : "use one of " + prDims);
            }
            prDimList.add(u);
        }
        if (!d.padding().isEmpty() || d.paddingNode() != null) {
            if (d.prLoopDimsNode() == null) {
                problems.error(d.paddingNode(), what + ": padding is given but pr_loop_dims is missing", "add 'pr_loop_dims: [IX, IY]' naming the padded dimensions in order");
            } else if (d.padding().size() != prDimList.size()) {
                problems.error(d.paddingNode(), what + ": " + d.padding().size() + " padding pairs for " + prDimList.size() + " pr_loop_dims",
                        "give one [before, after] pair per pr_loop_dims entry");
            }
        }
        for (int i = 0; i < Math.min(prDimList.size(), d.padding().size()); i++) {
            long[] pv = d.padding().get(i).value();
            if (pv[0] < 0 || pv[1] < 0) {
                problems.error(d.padding().get(i).node(), what + ": padding must not be negative", "padding counts zero rows/columns added");
            } else {
                padding.put(prDimList.get(i), new Padding((int) pv[0], (int) pv[1]));
            }
        }
        if (d.prLoopSizesNode() != null) {
            if (d.prLoopDimsNode() == null) {
                problems.error(d.prLoopSizesNode(), what + ": pr_loop_sizes is given but pr_loop_dims is missing", "add 'pr_loop_dims: [IX, IY]'");
            } else if (d.prLoopSizes().size() != prDimList.size()) {
                problems.error(d.prLoopSizesNode(), what + ": " + d.prLoopSizes().size() + " pr_loop_sizes for " + prDimList.size() + " pr_loop_dims",
                        "give one size per pr_loop_dims entry");
            }
            for (int i = 0; i < Math.min(prDimList.size(), d.prLoopSizes().size()); i++) {
                Located<Long> s = d.prLoopSizes().get(i);
                if (s.value() <= 0) {
                    problems.error(s.node(), what + ": pr loop size must be positive", "the input extent in elements");
                } else {
                    prSizes.put(prDimList.get(i), s.value());
                }
            }
        }
        if (problems.errorCount() > errorsBefore || eq == null || !d.id().present()) {
            return null;
        }
        int id = (int) (long) d.id().value();
        String name = d.name().orElse("layer" + id);
        return new Partial(d, id, name, eq, relations, loopSizes, precision, padding, prSizes);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new LinkedHashSet<>(a);
        u.addAll(b);
        return u;
    }

    private Layer buildLayer(Partial p, Map<Integer, Partial> byId) {
        List<LayerInput> inputs = new ArrayList<>();
        List<String> constants = new ArrayList<>();
        for (Operand op : p.equation().inputs()) {
            Located<Long> src = p.dto().source().get(op.name());
            int source = (int) (long) src.value();
            if (source == p.id()) {
                if (op.name().equals("I")) {
                    inputs.add(new LayerInput(op.name(), null, Map.of()));
                } else {
                    constants.add(op.name());
                }
                continue;
            }
            Partial producer = byId.get(source);
            Operand out = producer.equation().output();
            if (out.indices().size() != op.indices().size()) {
                problems.error(src.node(), "layer " + p.id() + ": operand " + op + " has " + op.indices().size()
                                + " indices but its producer, layer " + source + ", writes " + out + " with " + out.indices().size(),
                        "the consumer's input tensor must index the producer's output position by position (e.g. I[b][c][iy][ix] reads O[b][k][oy][ox])");
                continue;
            }
            Map<String, String> dims = new LinkedHashMap<>();
            for (int i = 0; i < op.indices().size(); i++) {
                dims.put(op.indices().get(i), out.indices().get(i));
            }
            inputs.add(new LayerInput(op.name(), source, dims));
        }
        Layer layer = new Layer(p.id(), p.name(), p.dto().operatorType().value(), p.equation(), p.relations(), p.loopSizes(),
                withFinal(p), inputs, constants, p.padding(), p.prSizes());
        checkExtents(layer, p, byId);
        return layer;
    }

    private static Map<String, Integer> withFinal(Partial p) {
        Map<String, Integer> prec = new LinkedHashMap<>(p.precision());
        prec.putIfAbsent("O_final", prec.getOrDefault(p.equation().output().name(), 0));
        return prec;
    }

    /** Warns when a layer reads more of a tensor than its producer writes. */
    private void checkExtents(Layer layer, Partial p, Map<Integer, Partial> byId) {
        for (LayerInput in : layer.inputs()) {
            if (in.isNetworkInput()) {
                continue;
            }
            Partial prod = byId.get(in.producerId());
            Map<String, Long> needed = layer.tensorDims(in.operand());
            for (Map.Entry<String, String> e : in.producerDims().entrySet()) {
                long need = needed.get(e.getKey());
                long have = prod.loopSizes().getOrDefault(e.getValue(), 1L);
                if (need > have) {
                    boolean spatial = layer.relation(e.getKey()).isPresent();
                    problems.warning(p.dto().source().get(in.operand()).node(), "layer " + layer.id() + " reads " + need + " elements along "
                                    + e.getKey() + " of operand " + in.operand() + ", but layer " + in.producerId() + " produces only "
                                    + have + " along " + e.getValue(),
                            spatial ? "the real network pads this layer: add 'pr_loop_dims' and 'padding' (e.g. [[1, 1], [1, 1]] for a 3×3 kernel)"
                                    : "check the loop sizes of both layers");
                }
            }
        }
    }

    private void reportCycles(Map<Integer, List<Integer>> edges, Map<Integer, Partial> byId) {
        // colour-based DFS; report each cycle once, at the layer that closes it
        Map<Integer, Integer> state = new HashMap<>();
        Set<Integer> reported = new HashSet<>();
        for (Integer start : edges.keySet()) {
            dfs(start, edges, state, new ArrayList<>(), byId, reported);
        }
    }

    private void dfs(int node, Map<Integer, List<Integer>> edges, Map<Integer, Integer> state, List<Integer> path,
                     Map<Integer, Partial> byId, Set<Integer> reported) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return;
        }
        if (s != null && s == 1) {
            List<Integer> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            if (reported.add(Math.min(cycle.stream().mapToInt(Integer::intValue).min().orElse(node), node))) {
                // cycle = [c0, p0=c1, p1=c2, …, c0]: each element reads the next. Point at the edge that reads a
                // layer written later in the file (a forward reference is the likely mistake), else the closing edge.
                List<Integer> order = new ArrayList<>(byId.keySet());
                int consumer = path.get(path.size() - 1);
                int producer = node;
                for (int k = 0; k + 1 < cycle.size(); k++) {
                    if (order.indexOf(cycle.get(k + 1)) >= order.indexOf(cycle.get(k))) {
                        consumer = cycle.get(k);
                        producer = cycle.get(k + 1);
                        break;
                    }
                }
                Partial p = byId.get(consumer);
                Node at = p.dto().sourceNode();
                for (Map.Entry<String, Located<Long>> e : p.dto().source().entrySet()) {
                    if (e.getValue().value() == producer) {
                        at = e.getValue().node();
                    }
                }
                List<String> names = new ArrayList<>();
                List<Integer> reversed = new ArrayList<>(cycle);
                java.util.Collections.reverse(reversed);
                reversed.forEach(i -> names.add(String.valueOf(i)));
                problems.error(at, "the workload has a cycle: layer " + String.join(" → layer ", names)
                                + " (each feeds the next)", "a DNN workload must be acyclic; check the operand_source ids of these layers");
            }
            return;
        }
        state.put(node, 1);
        path.add(node);
        for (int next : edges.getOrDefault(node, List.of())) {
            dfs(next, edges, state, path, byId, reported);
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
    }
}
