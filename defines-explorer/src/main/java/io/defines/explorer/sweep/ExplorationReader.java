package io.defines.explorer.sweep;

import io.defines.core.compat.CompatFlags;
import io.defines.core.input.Diagnostic;
import io.defines.core.input.InputFiles;
import io.defines.core.input.IntRange;
import io.defines.core.input.Located;
import io.defines.core.input.MapReader;
import io.defines.core.input.MapperChoice;
import io.defines.core.input.Node.ListNode;
import io.defines.core.input.Node.ScalarNode;
import io.defines.core.input.Node;
import io.defines.core.input.Parsed;
import io.defines.core.input.Problems;
import io.defines.core.input.YamlTreeReader;
import io.defines.core.load.Inputs;
import io.defines.core.onnx.OnnxOptions;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.OverlapPair;
import io.defines.core.schedule.OverlapStrategy;
import io.defines.core.schedule.Schedule;
import io.defines.core.schedule.TileSize;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Workload;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an exploration YAML (docs/explorations.md) into its design points. Paths are relative to the
 * exploration file's folder. Every problem is reported with file, line, column, pointer and a hint.
 */
public final class ExplorationReader {
    private ExplorationReader() {
    }

    public static Parsed<Exploration> read(Path file) {
        Problems problems = new Problems(file.toString());
        return fromTree(YamlTreeReader.read(file, problems), problems, file.toAbsolutePath().getParent(), InputFiles.stem(file));
    }

    public static Parsed<Exploration> read(String fileName, Reader reader, Path baseDir) {
        Problems problems = new Problems(fileName);
        return fromTree(YamlTreeReader.read(fileName, reader, problems), problems, baseDir, InputFiles.stem(Path.of(fileName)));
    }

    private record Tile(Long size, Node at) { // size null = full
    }

    private static Parsed<Exploration> fromTree(Node root, Problems problems, Path base, String fileStem) {
        if (root == null || problems.hasErrors()) {
            return new Parsed<>(null, problems.diagnostics());
        }
        MapReader r = MapReader.of(root, problems, "the exploration", "workloads: [...], accelerators: [...], tile_x: [...], ...");
        if (r == null) {
            return new Parsed<>(null, problems.diagnostics());
        }
        String name = r.string("name", false, "case-study-1").orElse(fileStem);
        List<Path> workloads = paths(r, "workloads", true, "[../workloads/fsrcnn.yaml]", base, problems);
        List<Path> accelerators = paths(r, "accelerators", true, "[../hardware/meta-prototype-df.yaml]", base, problems);
        List<Path> mappings = paths(r, "mappings", false, "[../hardware/mappings/meta-prototype/fsrcnn.yaml]", base, problems);
        List<Tile> tileX = tiles(r, "tile_x", problems);
        List<Tile> tileY = tiles(r, "tile_y", problems);
        List<String> overlaps = new ArrayList<>();
        for (Node n : items(r, "overlap", true, "[fully-recompute, h-cached-v-recompute, fully-cached]", problems)) {
            String s = MapReader.asString(n);
            if (s == null || OverlapStrategy.parsePair(s) == null) {
                problems.error(n, "overlap entry " + (s == null ? n.kindDescription() : Diagnostic.quote(s)) + " is not an overlap strategy",
                        "fully-recompute, h-cached-v-recompute, fully-cached, or h=<s>,v=<s> with <s> = recompute, cache or global");
            } else {
                overlaps.add(s);
            }
        }
        Located<Long> lpfRead = r.integer("lpf_limit", false, "6");
        IntRange.LPF_LIMIT.check(lpfRead, problems, "lpf_limit", "DeFiNES uses 6 (fast) or 8 (its default)");
        long lpf = lpfRead.orElse(8L);
        String compat = compat(r, problems);
        CutPolicy cuts = cuts(r, problems);
        String combine = r.string("combine", false, "product").orElse("product");
        if (!combine.equals("product") && !combine.equals("zip")) {
            problems.error(r.raw("combine"), "combine must be product or zip, found " + Diagnostic.quote(combine),
                    "product sweeps every tile_x with every tile_y; zip pairs them by position");
        } else if (combine.equals("zip") && tileX.size() != tileY.size()) {
            problems.error(r.raw("tile_y"), "with combine: zip, tile_x and tile_y need the same length, found " + tileX.size() + " and "
                    + tileY.size(), "list as many tile_y as tile_x, or use combine: product");
        }
        List<Objective> objectives = objectives(r, problems);
        String out = r.string("out", false, "../results/" + name).orElse(null);
        boolean details = !Boolean.FALSE.equals(r.bool("details", false, "false").value());
        boolean optimal = search(r, problems);
        String mapper = MapperChoice.of(r.string("mapper", false, "exact"), problems);
        OnnxOptions onnx = OnnxSection.read(r.map("onnx", false, "{precision: {W: 8, I: 8, O: 16, O_final: 8}, skip_unsupported: false}"),
                problems);
        r.finish();
        checkFiles(r, workloads, accelerators, mappings, problems);
        if (problems.hasErrors()) {
            return new Parsed<>(null, problems.diagnostics());
        }
        List<DesignPoint> points = new ArrayList<>();
        int wa = 0;
        for (Path w : workloads) {
            Parsed<Workload> parsed = Inputs.readWorkload(w, onnx);
            long[] full = fullOutput(parsed);
            checkCuts(r.raw("cuts"), cuts, w, parsed, problems);
            for (Path a : accelerators) {
                Path m = mappings == null || mappings.isEmpty() ? InputFiles.libraryMapping(a, w) : mappings.get(mappings.size() == 1 ? 0 : wa);
                wa++;
                if (!Files.exists(m)) {
                    problems.error(r.node(), "no mapping for " + w.getFileName() + " on " + a.getFileName() + ": " + m + " does not exist",
                            "add it, or list the mapping files under 'mappings'");
                    continue;
                }
                for (String o : overlaps) {
                    OverlapPair hv = OverlapPair.parse(o);
                    for (long[] t : tileSizes(tileX, tileY, combine, full)) {
                        Schedule schedule = Schedule.uniform(new TileSize(t[0], t[1]), hv.horizontal(), hv.vertical(), cuts, (int) lpf,
                                CompatFlags.parse(compat));
                        points.add(new DesignPoint(w, a, m, o, schedule, onnx));
                    }
                }
            }
        }
        if (problems.hasErrors()) {
            return new Parsed<>(null, problems.diagnostics());
        }
        Path outDir = out == null ? null : base.resolve(out).normalize();
        return new Parsed<>(new Exploration(name, points, objectives, outDir, details, optimal, mapper), problems.diagnostics());
    }

    /** The tiles of one workload: tile_x × tile_y (product) or pairwise (zip), {@code full} as its last layer's map. */
    private static List<long[]> tileSizes(List<Tile> tileX, List<Tile> tileY, String combine, long[] full) {
        List<long[]> tiles = new ArrayList<>();
        if (combine.equals("zip")) {
            for (int i = 0; i < tileX.size(); i++) {
                tiles.add(new long[] {size(tileX.get(i), full, 0), size(tileY.get(i), full, 1)});
            }
        } else {
            for (Tile tx : tileX) {
                for (Tile ty : tileY) {
                    tiles.add(new long[] {size(tx, full, 0), size(ty, full, 1)});
                }
            }
        }
        return tiles;
    }

    /** {@code objectives}: energy and latency unless listed. */
    private static List<Objective> objectives(MapReader r, Problems problems) {
        List<Objective> objectives = new ArrayList<>();
        ListNode objNode = r.list("objectives", false, "[energy, latency]");
        if (objNode == null) {
            objectives.addAll(List.of(Objective.ENERGY, Objective.LATENCY));
        } else {
            for (Node n : objNode.items()) {
                String s = MapReader.asString(n);
                Optional<Objective> o = Objective.parse(s);
                if (o.isPresent()) {
                    objectives.add(o.get());
                } else {
                    problems.error(n, "objective " + (s == null ? n.kindDescription() : Diagnostic.quote(s)) + " is not known",
                            "one of " + Objective.names());
                }
            }
        }
        return objectives;
    }

    /** The mapping count (1 or one per workload × accelerator) and that every input file exists (contents: the sweep validates them). */
    private static void checkFiles(MapReader r, List<Path> workloads, List<Path> accelerators, List<Path> mappings, Problems problems) {
        if (mappings != null && !mappings.isEmpty() && mappings.size() != 1 && mappings.size() != workloads.size() * accelerators.size()) {
            problems.error(r.raw("mappings"), "mappings lists " + mappings.size() + " files; expected 1 or one per workload × accelerator ("
                    + workloads.size() * accelerators.size() + ")", "leave mappings out to use hardware/mappings/<family>/<workload>.yaml");
        }
        // input files must exist; their contents are validated by the sweep
        checkExists(r.raw("workloads"), workloads, problems);
        checkExists(r.raw("accelerators"), accelerators, problems);
        if (mappings != null) {
            checkExists(r.raw("mappings"), mappings, problems);
        }
    }

    /** {@code compat}: defines2023 or fixed (the default). */
    private static String compat(MapReader r, Problems problems) {
        String compat = r.string("compat", false, "defines2023").orElse("fixed");
        if (!compat.equals("defines2023") && !compat.equals("fixed")) {
            problems.error(r.raw("compat"), "compat must be defines2023 or fixed, found " + Diagnostic.quote(compat),
                    "defines2023 reproduces DeFiNES' numbers, fixed (the default) corrects its quirks");
        }
        return compat;
    }

    /** {@code search: grid} (every point, the default) or {@code optimal} (the optimizer per workload × accelerator). */
    private static boolean search(MapReader r, Problems problems) {
        String s = r.string("search", false, "optimal").orElse("grid");
        if (!s.equals("grid") && !s.equals("optimal")) {
            problems.error(r.raw("search"), "search must be grid or optimal, found " + Diagnostic.quote(s),
                    "search: optimal (the schedule optimizer per workload × accelerator over these tiles and overlaps) or search: grid (every point, the default)");
        }
        return s.equals("optimal");
    }

    /** A tile size: the number, or the last layer's whole output (full); at least 1. */
    private static long size(Tile t, long[] full, int axis) {
        return t.size() == null ? full[axis] : t.size();
    }

    /** Explicit cut ids must name layers of every workload (-1, the network input, is allowed). */
    private static void checkCuts(Node at, CutPolicy cuts, Path w, Parsed<Workload> p, Problems problems) {
        if (at == null || !p.ok() || !(cuts instanceof CutPolicy.After after)) {
            return;
        }
        List<Node> items = at instanceof ListNode l ? l.items() : List.of(at);
        List<Integer> ids = after.layerIds();
        for (int i = 0; i < ids.size() && i < items.size(); i++) {
            int id = ids.get(i);
            if (id != -1 && p.value().layer(id).isEmpty()) {
                problems.error(items.get(i), "cut after layer " + id + ", which " + w.getFileName() + " does not have",
                        "cuts name layer ids of every workload; see ./defines describe workload " + w.getFileName());
            }
        }
    }

    /** OX and OY of the workload's last layer (1 where absent); {1, 1} when the file does not read. */
    private static long[] fullOutput(Parsed<Workload> p) {
        if (!p.ok()) {
            return new long[] {1, 1};
        }
        List<Layer> topo = p.value().topologicalOrder();
        Layer last = topo.get(topo.size() - 1);
        return new long[] {last.loopSize("OX"), last.loopSize("OY")};
    }

    private static void checkExists(Node at, List<Path> files, Problems problems) {
        if (at == null || files == null) {
            return;
        }
        List<Node> nodes = at instanceof ListNode l ? l.items() : List.of(at);
        for (int i = 0; i < files.size() && i < nodes.size(); i++) {
            if (!Files.isRegularFile(files.get(i))) {
                problems.error(nodes.get(i), "file " + files.get(i) + " does not exist",
                        "paths are relative to the exploration file's folder, e.g. ../workloads/fsrcnn.yaml");
            }
        }
    }

    /** A list or a single value. */
    private static List<Node> items(MapReader r, String key, boolean required, String example, Problems problems) {
        if (!r.has(key)) {
            if (required) {
                r.string(key, true, example); // reports the missing key
            }
            r.raw(key);
            return List.of();
        }
        Node n = r.raw(key);
        List<Node> out = n instanceof ListNode l ? l.items() : List.of(n);
        if (out.isEmpty()) {
            problems.error(n, Diagnostic.quote(key) + " is empty", "write '" + key + ": " + example + "'");
        }
        return out;
    }

    private static List<Path> paths(MapReader r, String key, boolean required, String example, Path base, Problems problems) {
        if (!required && !r.has(key)) {
            r.raw(key);
            return null;
        }
        List<Path> out = new ArrayList<>();
        for (Node n : items(r, key, required, example, problems)) {
            String s = n instanceof ScalarNode sn && sn.type() == Node.ScalarType.STRING ? sn.text() : null;
            if (s == null) {
                problems.error(n, Diagnostic.quote(key) + " entries are file paths, found " + n.kindDescription(), "write '" + key + ": " + example + "'");
            } else {
                out.add(base.resolve(s).normalize());
            }
        }
        return out;
    }

    private static List<Tile> tiles(MapReader r, String key, Problems problems) {
        List<Tile> out = new ArrayList<>();
        for (Node n : items(r, key, true, "[1, 4, 16, 60, full]", problems)) {
            Long v = MapReader.asLong(n);
            String s = MapReader.asString(n);
            if (v != null && v > 0) {
                if (IntRange.TILE.check(new Located<>(v, n), problems, key + " entry", "tile sizes larger than the map are clipped to it: write 'full'")) {
                    out.add(new Tile(v, n));
                }
            } else if (v == null && "full".equals(s)) {
                out.add(new Tile(null, n));
            } else if (n instanceof Node.MapNode) {
                range(n, key, problems).forEach(x -> out.add(new Tile(x, n)));
            } else {
                problems.error(n, key + " entries are positive integers, 'full' or ranges, found " + n.kindDescription(),
                        "tile sizes are in the last layer's output pixels, e.g. " + key + ": [1, 4, 16, 60, full] or "
                                + key + ": [{from: 8, to: 64, step: 8}]");
            }
        }
        return out;
    }

    /** At most this many sizes per range: a typo such as step 1 over 0..10⁶ should not make a million points. */
    static final int MAX_RANGE_SIZES = 10_000;

    /** A range {from, to, step} (arithmetic) or {from, to, times} (geometric), both ends included when hit. */
    private static List<Long> range(Node n, String key, Problems problems) {
        MapReader m = new MapReader((Node.MapNode) n, problems, "a " + key + " range");
        String example = "{from: 8, to: 64, step: 8} or {from: 1, to: 512, times: 2}";
        Located<Long> from = m.integer("from", true, "8");
        Located<Long> to = m.integer("to", true, "64");
        boolean hasStep = m.has("step");
        boolean hasTimes = m.has("times");
        Located<Long> step = hasStep ? m.integer("step", true, "8") : null;
        Located<Long> times = hasTimes ? m.integer("times", true, "2") : null;
        m.accept("step", "times").finish();
        if (hasStep == hasTimes) {
            problems.error(n, "a " + key + " range needs exactly one of 'step' (arithmetic) and 'times' (geometric)", "write " + example);
            return List.of();
        }
        if (from.value() == null || to.value() == null || (hasStep ? step.value() == null : times.value() == null)) {
            return List.of(); // reported by the integer reader
        }
        if (from.value() < 1) {
            problems.error(from.node(), "a range starts at a positive tile size, not " + from.value(), "write " + example);
            return List.of();
        }
        if (to.value() < from.value()) {
            problems.error(to.node(), "the range ends (" + to.value() + ") before it starts (" + from.value() + ")", "swap 'from' and 'to'");
            return List.of();
        }
        if (hasStep && step.value() < 1) {
            problems.error(step.node(), "'step' must be at least 1, not " + step.value(), "write " + example);
            return List.of();
        }
        if (hasTimes && times.value() < 2) {
            problems.error(times.node(), "'times' must be at least 2, not " + times.value(), "write " + example);
            return List.of();
        }
        boolean inRange = IntRange.TILE.check(from, problems, "'from'", "write " + example);
        inRange &= IntRange.TILE.check(to, problems, "'to'", "write " + example);
        inRange &= !hasStep || IntRange.TILE.check(step, problems, "'step'", "write " + example);
        inRange &= !hasTimes || IntRange.TILE.check(times, problems, "'times'", "write " + example);
        if (!inRange) {
            return List.of();
        }
        List<Long> out = new ArrayList<>();
        for (long x = from.value(); x <= to.value(); x = hasStep ? x + step.value() : x * times.value()) {
            if (out.size() == MAX_RANGE_SIZES) {
                problems.error(n, "the range has more than " + MAX_RANGE_SIZES + " tile sizes", "use a larger step, or list the sizes");
                return List.of();
            }
            out.add(x);
            if (hasTimes && x > Long.MAX_VALUE / times.value()) {
                break;
            }
        }
        return out;
    }

    /** The ids a cut may name: −1 (after the network input) to 2³¹−1. */
    private static final IntRange CUT_ID = new IntRange(-1, CutPolicy.MAX_ID, "");

    /** The cut policy: auto (the default), none, layer-by-layer or a list of layer ids; problems reported at their place. */
    private static CutPolicy cuts(MapReader r, Problems problems) {
        Node n = r.raw("cuts");
        if (n == null) {
            return CutPolicy.AUTO;
        }
        if (n instanceof ListNode l) {
            List<Integer> ids = new ArrayList<>();
            for (Node i : l.items()) {
                Long v = MapReader.asLong(i);
                if (v == null) {
                    problems.error(i, "cuts entries are layer ids, found " + i.kindDescription(), "cuts: [3, 7] starts new stacks after layers 3 and 7");
                } else if (!CUT_ID.contains(v)) {
                    problems.error(i, "cuts entries are layer ids, from -1 (the network input) to " + CutPolicy.MAX_ID + " (2^31-1), found "
                            + IntRange.found(new Located<>(v, i)), "cuts: [3, 7] starts new stacks after layers 3 and 7");
                } else if (ids.contains(v.intValue())) {
                    problems.error(i, "cuts lists layer " + v + " twice", "cuts are distinct layer ids, each once: cuts: [3, 7]; cuts: none for one stack");
                } else {
                    ids.add(v.intValue());
                }
            }
            if (l.items().isEmpty()) {
                problems.error(n, "cuts lists no layer ids", "cuts: none for one fused stack, or cuts: [3, 7] to cut after layers 3 and 7");
            }
            return new CutPolicy.After(ids);
        }
        Optional<CutPolicy> named = CutPolicy.named(MapReader.asString(n));
        if (named.isEmpty()) {
            problems.error(n, "cuts must be auto, none, layer-by-layer or a list of layer ids, found " + n.kindDescription(),
                    "auto = DeFiNES' automatic cuts (weights fit on chip); none = one fused stack");
            return CutPolicy.AUTO;
        }
        return named.get();
    }
}
