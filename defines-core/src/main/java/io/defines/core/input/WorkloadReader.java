package io.defines.core.input;

import io.defines.core.input.LayerChecks.CheckedLayer;
import io.defines.core.input.LayerDto.Entries;
import io.defines.core.input.LayerDto.Items;
import io.defines.core.input.Node.ListNode;
import io.defines.core.input.Node.MapNode;
import io.defines.core.workload.Layer;
import io.defines.core.workload.LayerGraph;
import io.defines.core.workload.LayerInput;
import io.defines.core.workload.Operand;
import io.defines.core.workload.Workload;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a ZigZag workload YAML (a list of layers) in three steps: located tree → typed layer DTOs →
 * checks within ({@link LayerChecks}) and across layers → an immutable {@link Workload}. The last
 * step is open to other sources of layers: the ONNX importer builds {@link LayerDto}s and calls
 * {@link #validate}. Reading a workload file of either kind is {@code io.defines.core.load.Inputs}'
 * job; this class reads YAML only.
 *
 * <p>Producer→consumer dimension correspondence is inferred from tensor index positions: index i
 * of the consumer's input tensor corresponds to index i of the producer's output tensor. For
 * {@code I[b][c][iy][ix]} reading {@code O[b][k][oy][ox]}: B→B, C→K, IY→OY, IX→OX.
 */
public final class WorkloadReader {

    private final Problems problems;

    private WorkloadReader(Problems problems) {
        this.problems = problems;
    }

    /** Reads a workload YAML file. */
    public static Parsed<Workload> read(Path path) {
        Problems problems = new Problems(path.toString());
        return fromTree(YamlTreeReader.read(path, problems), problems, stem(path));
    }

    /** Reads workload YAML text; {@code fileName} labels the diagnostics and names the workload. */
    public static Parsed<Workload> read(String fileName, Reader reader) {
        Problems problems = new Problems(fileName);
        return fromTree(YamlTreeReader.read(fileName, reader, problems), problems, stem(Path.of(fileName)));
    }

    /** Builds from an already-read tree (used when the file kind was sniffed first). */
    public static Parsed<Workload> fromTree(Node root, Problems problems, String workloadName) {
        if (root == null) {
            return new Parsed<>(null, problems.diagnostics());
        }
        List<LayerDto> dtos = new WorkloadReader(problems).toDtos(root);
        return dtos == null ? new Parsed<>(null, problems.diagnostics()) : validate(dtos, problems, workloadName);
    }

    /**
     * The third step on its own: checks {@code layers} one by one and across (ids, names, operand
     * sources, cycles, tensor extents), reporting to {@code problems}; the workload when there are no
     * errors (in {@code problems}, earlier ones included).
     */
    public static Parsed<Workload> validate(List<LayerDto> layers, Problems problems, String workloadName) {
        Workload w = new WorkloadReader(problems).check(layers, workloadName);
        return new Parsed<>(problems.hasErrors() ? null : w, problems.diagnostics());
    }

    /** A file's name without its extension. */
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
        Map<String, Items<LayerDto.PartSource>> concat = new ConcatSourceReader(problems).read(source, what);
        ListNode prDims = r.list("pr_loop_dims", false, "[IX, IY]");
        ListNode prSizes = r.list("pr_loop_sizes", false, "[114, 114]");
        ListNode padding = r.list("padding", false, "[[1, 1], [1, 1]]");
        r.accept("time_dim");
        r.raw("time_dim");
        r.finish();
        return new LayerDto(r.node(), id, name, type, equation,
                items(relations, MapReader.strings(relations, problems, what + ": a dimension relation")),
                items(loopDims, MapReader.strings(loopDims, problems, what + ": a loop dimension")),
                items(loopSizes, MapReader.longs(loopSizes, problems, what + ": a loop size", "write a whole number")),
                new Entries(MapReader.longMap(precision, problems, what + ": operand precision"), precision),
                new Entries(MapReader.longMap(ConcatSourceReader.withoutLists(source), problems, what + ": operand source"), source), concat,
                items(prDims, MapReader.strings(prDims, problems, what + ": a pr loop dimension")),
                items(prSizes, MapReader.longs(prSizes, problems, what + ": a pr loop size", "write a whole number")),
                items(padding, MapReader.pairs(padding, problems, what + ": each padding entry must be a pair [before, after]",
                        "write e.g. 'padding: [[1, 1], [1, 1]]' with one pair per pr_loop_dims entry")));
    }

    private static <T> Items<T> items(ListNode list, List<Located<T>> values) {
        return new Items<>(values, list, list == null ? 0 : list.items().size());
    }

    // ---- step 3: checks -> domain ----

    private Workload check(List<LayerDto> dtos, String workloadName) {
        LayerChecks layerChecks = new LayerChecks(problems);
        Map<Integer, CheckedLayer> byId = new LinkedHashMap<>();
        Map<String, Located<String>> names = new HashMap<>();
        List<CheckedLayer> checked = new ArrayList<>();
        for (LayerDto d : dtos) {
            CheckedLayer c = layerChecks.check(d);
            if (IntRange.LAYER_ID.contains(d.id().value())) {
                int id = (int) (long) d.id().value();
                if (byId.containsKey(id)) {
                    problems.error(d.id().node(), "layer id " + id + " is used twice (first at line "
                            + byId.get(id).dto().id().node().line() + ")", "give every layer a unique id");
                } else if (c != null) {
                    byId.put(id, c);
                }
            }
            if (d.name().present()) {
                Located<String> prev = names.putIfAbsent(d.name().value(), d.name());
                if (prev != null) {
                    problems.error(d.name().node(), "layer name " + Diagnostic.quote(d.name().value()) + " is used twice (first at line "
                            + prev.node().line() + "); mapping entries match layers by name", "give every layer a unique name");
                }
            }
            if (c != null) {
                checked.add(c);
            }
        }
        reportCycles(producers(checked, byId, dtos), byId);
        if (problems.hasErrors()) {
            return null;
        }
        List<Layer> layers = new ArrayList<>();
        for (CheckedLayer c : checked) {
            layers.add(buildLayer(c, byId));
        }
        return problems.hasErrors() ? null : new Workload(workloadName, layers);
    }

    /** Layer id → the layers it reads; reports operand sources that name no layer. */
    private Map<Integer, List<Integer>> producers(List<CheckedLayer> checked, Map<Integer, CheckedLayer> byId, List<LayerDto> dtos) {
        Map<Integer, List<Integer>> edges = new LinkedHashMap<>();
        for (CheckedLayer c : checked) {
            List<Integer> producers = new ArrayList<>();
            for (Map.Entry<String, List<Located<Long>>> e : allSources(c.dto()).entrySet()) {
                for (Located<Long> at : e.getValue()) {
                    int src = (int) (long) at.value();
                    if (src == c.id()) {
                        continue;
                    }
                    if (byId.containsKey(src)) {
                        producers.add(src);
                    } else if (dtos.stream().noneMatch(x -> x.id().present() && x.id().value() == src)) {
                        problems.error(at.node(), "layer " + c.id() + ": operand_source of " + e.getKey()
                                        + " names layer " + src + ", which does not exist",
                                "use the id of an existing layer " + byId.keySet() + ", or " + c.id()
                                        + " (the layer's own id) for data from outside the network");
                    }
                }
            }
            edges.put(c.id(), producers);
        }
        return edges;
    }

    /** Operand → its producer ids as written: one, or the parts of a concatenation. */
    private static Map<String, List<Located<Long>>> allSources(LayerDto d) {
        Map<String, List<Located<Long>>> all = new LinkedHashMap<>();
        d.source().values().forEach((k, v) -> all.put(k, List.of(v)));
        d.concatSources().forEach((k, v) -> all.put(k, v.values().stream().map(p -> new Located<>(p.value().layer(), p.node())).toList()));
        return all;
    }

    /** Reports each cycle once, at the operand source of the edge {@link LayerGraph} points at. */
    private void reportCycles(Map<Integer, List<Integer>> edges, Map<Integer, CheckedLayer> byId) {
        for (LayerGraph.Cycle cycle : LayerGraph.cycles(edges)) {
            LayerDto consumer = byId.get(cycle.consumer()).dto();
            Node at = consumer.source().given() ? consumer.source().node() : consumer.node();
            for (List<Located<Long>> srcs : allSources(consumer).values()) {
                for (Located<Long> src : srcs) {
                    if (src.value() == cycle.producer()) {
                        at = src.node();
                    }
                }
            }
            problems.error(at, cycle.message(), "a DNN workload must be acyclic; check the operand_source ids of these layers");
        }
    }

    private Layer buildLayer(CheckedLayer c, Map<Integer, CheckedLayer> byId) {
        List<LayerInput> inputs = new ArrayList<>();
        List<String> constants = new ArrayList<>();
        Map<String, Long> concatenated = new LinkedHashMap<>();
        for (Operand op : c.equation().inputs()) {
            Items<LayerDto.PartSource> parts = c.dto().concatSources().get(op.name());
            if (parts != null) {
                concatenated.put(op.name(), concatenation(c, op, parts, byId, inputs));
                continue;
            }
            Located<Long> src = c.dto().source().values().get(op.name());
            int source = (int) (long) src.value();
            if (source == c.id()) {
                if (op.name().equals("I")) {
                    inputs.add(new LayerInput(op.name(), null, Map.of()));
                } else {
                    constants.add(op.name());
                }
                continue;
            }
            Map<String, String> dims = producerDims(c, op, source, src.node(), byId);
            if (dims != null) {
                inputs.add(new LayerInput(op.name(), source, dims));
            }
        }
        Layer layer = new Layer(c.id(), c.name(), c.dto().operatorType().value(), c.equation(), c.relations(), c.loopSizes(),
                withFinal(c), inputs, constants, c.padding(), c.prSizes());
        concatenated.forEach((operand, total) -> checkParts(layer, c, operand, total));
        checkExtents(layer, c, byId);
        return layer;
    }

    /** Consumer index → producer output index, position by position; null (reported) when the ranks differ. */
    private Map<String, String> producerDims(CheckedLayer c, Operand op, int source, Node at, Map<Integer, CheckedLayer> byId) {
        Operand out = byId.get(source).equation().output();
        if (out.indices().size() != op.indices().size()) {
            problems.error(at, "layer " + c.id() + ": operand " + op + " has " + op.indices().size()
                            + " indices but its producer, layer " + source + ", writes " + out + " with " + out.indices().size(),
                    "the consumer's input tensor must index the producer's output position by position (e.g. I[b][c][iy][ix] reads O[b][k][oy][ox])");
            return null;
        }
        Map<String, String> dims = new LinkedHashMap<>();
        for (int i = 0; i < op.indices().size(); i++) {
            dims.put(op.indices().get(i), out.indices().get(i));
        }
        return dims;
    }

    /**
     * The inputs of a concatenated operand, one per producer, each the part along the channel index
     * (the index each producer writes as its K or G) that follows the previous one; returns the
     * channels the parts add up to (−1 when a producer could not be placed, reported).
     */
    private long concatenation(CheckedLayer c, Operand op, Items<LayerDto.PartSource> parts, Map<Integer, CheckedLayer> byId,
                               List<LayerInput> inputs) {
        long offset = 0;
        for (Located<LayerDto.PartSource> at : parts.values()) {
            LayerDto.PartSource part = at.value();
            int source = (int) part.layer();
            Map<String, String> dims = producerDims(c, op, source, at.node(), byId);
            if (dims == null) {
                return -1;
            }
            String channel = dims.entrySet().stream().filter(d -> d.getValue().equals("K") || d.getValue().equals("G"))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            CheckedLayer producer = byId.get(source);
            if (channel == null || c.relations().stream().anyMatch(r -> r.tensorDim().equals(channel))) {
                problems.error(at.node(), "layer " + c.id() + ": layer " + source + " writes " + producer.equation().output()
                                + ", which has no channel index (K or G) where " + op + " has a plain index",
                        "a concatenation joins its producers' outputs along their channels (K of a convolution, G of a pooling)");
                return -1;
            }
            long channels = producer.loopSizes().getOrDefault(dims.get(channel), 1L);
            if (!part.whole() && part.to() > channels) {
                problems.error(at.node(), "layer " + c.id() + ": channels [" + part.from() + ", " + part.to() + "] of layer " + source
                                + ", which has " + channels + " channels", "a part's channels are within its producer's 0 … " + (channels - 1));
                return -1;
            }
            long from = part.whole() ? 0 : part.from();
            long length = part.whole() ? channels : part.to() - part.from();
            inputs.add(new LayerInput(op.name(), source, dims, new LayerInput.Part(channel, offset, length, from), part.upsample()));
            offset += length;
        }
        return offset;
    }

    /** The parts of a concatenated operand must add up to the channels the layer reads. */
    private void checkParts(Layer layer, CheckedLayer c, String operand, long total) {
        List<LayerInput> parts = layer.inputs().stream().filter(in -> in.operand().equals(operand)).toList();
        if (total < 0 || parts.isEmpty()) {
            return;
        }
        String dim = parts.get(0).part().dim();
        long reads = layer.tensorExtent(dim);
        if (reads != total) {
            StringBuilder each = new StringBuilder();
            for (LayerInput in : parts) {
                each.append(each.length() == 0 ? "" : " + ").append(in.part().length()).append(" (layer ").append(in.producerId()).append(')');
            }
            problems.error(c.dto().sourceNode(operand), "layer " + c.id() + ": the concatenation " + operand + " has " + total
                            + " channels along " + dim + " (" + each + "), but the layer reads " + reads,
                    "the layer's " + dim + " loop size must be the sum of its producers' channels; maybe a producer is missing or listed in error");
        }
    }

    private static Map<String, Integer> withFinal(CheckedLayer c) {
        Map<String, Integer> prec = new LinkedHashMap<>(c.precision());
        prec.putIfAbsent("O_final", prec.getOrDefault(c.equation().output().name(), 0));
        return prec;
    }

    /** Warns when a layer reads more of a tensor than its producer writes (along a concatenation's channels, its part). */
    private void checkExtents(Layer layer, CheckedLayer c, Map<Integer, CheckedLayer> byId) {
        for (LayerInput in : layer.inputs()) {
            if (in.isNetworkInput()) {
                continue;
            }
            CheckedLayer prod = byId.get(in.producerId());
            Map<String, Long> needed = layer.tensorDims(in.operand());
            for (Map.Entry<String, String> e : in.producerDims().entrySet()) {
                if (in.isPart() && in.part().dim().equals(e.getKey())) {
                    continue;
                }
                long need = needed.get(e.getKey());
                boolean map = e.getValue().equals("OX") || e.getValue().equals("OY");
                long have = prod.loopSizes().getOrDefault(e.getValue(), 1L) * (map ? in.upsample().factor() : 1);
                if (need > have) {
                    boolean spatial = layer.relation(e.getKey()).isPresent();
                    problems.warning(c.dto().sourceNode(in.operand()), "layer " + layer.id() + " reads " + need
                                    + " elements along " + e.getKey() + " of operand " + in.operand() + ", but layer " + in.producerId()
                                    + " produces only " + have + " along " + e.getValue(),
                            spatial ? "the real network pads this layer: add 'pr_loop_dims' and 'padding' (e.g. [[1, 1], [1, 1]] for a 3×3 kernel)"
                                    : "check the loop sizes of both layers");
                }
            }
        }
    }
}
