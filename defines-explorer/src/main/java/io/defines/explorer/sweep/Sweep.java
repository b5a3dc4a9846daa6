package io.defines.explorer.sweep;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.defines.explorer.ResultJson;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import io.defines.core.compat.CompatFlags;
import io.defines.core.mapper.SingleLayerCache;
import io.defines.core.depthfirst.DepthFirstEngine;
import io.defines.core.depthfirst.InfeasibleScheduleException;
import io.defines.core.hardware.Accelerator;
import io.defines.core.input.AcceleratorReader;
import io.defines.core.input.Diagnostic;
import io.defines.core.input.InputFiles;
import io.defines.core.input.InvalidInputException;
import io.defines.core.input.MappingReader;
import io.defines.core.input.Parsed;
import io.defines.core.input.WorkloadReader;
import io.defines.core.mapping.Mapping;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Workload;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a list of design points on a fixed-size pool that shares one memo of single-layer results,
 * and writes {@code points.csv} in point order, one flushed row per point as soon as it and all
 * points before it are done. Rows are keyed by a hash of the point's resolved inputs (file contents
 * and schedule), so running again on the same folder reuses every finished row, and the files end up
 * exactly as an uninterrupted run leaves them (up to the {@code eval_ms} timing column).
 */
public final class Sweep {

    /**
     * The first columns of {@code points.csv} and {@code pareto.csv}, in order; then {@code energy_<memory>_pj}
     * for every memory of the sweep's accelerators (by first appearance), then {@code eval_ms} (points.csv only).
     */
    public static final List<String> BASE_COLUMNS = List.of("point_id", "point_key", "workload", "accelerator", "mapping", "tile_x", "tile_y",
            "overlap", "lpf_limit", "compat", "cuts", "status", "reason", "energy_pj", "latency_cycles", "edp", "mac_count",
            "mac_energy_pj", "dram_access_bits", "onchip_peak_bits");
    /** Columns from {@code status} on are the result; the rest are recomputed from the point. */
    private static final int RESULT_FROM = BASE_COLUMNS.indexOf("status");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectWriter CSV_LINE = new CsvMapper().writer(CsvSchema.emptySchema().withLineSeparator("\n"));

    /**
     * The i-th (1-based) of {@code count} slices of the points: the points whose index ≡ i − 1 (mod
     * count). Round-robin keeps the slices balanced also when expensive points cluster (small tiles).
     */
    public record Shard(int index, int count) {
        public static final Shard ALL = new Shard(1, 1);

        public Shard {
            if (count < 1 || index < 1 || index > count) {
                throw new IllegalArgumentException("a shard is i/N with 1 ≤ i ≤ N, not " + index + "/" + count);
            }
        }

        public boolean contains(int point) {
            return point % count == index - 1;
        }

        /** From "i/N". */
        public static Shard parse(String text) {
            String[] p = text.split("/");
            try {
                if (p.length == 2) {
                    return new Shard(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new IllegalArgumentException("--shard '" + text + "' is not i/N. Maybe --shard 1/3");
        }

        @Override
        public String toString() {
            return index + "/" + count;
        }
    }

    /** What a run did. */
    public record Summary(int points, int reused, int evaluated, int infeasible, boolean complete, long cacheHits, long cacheMisses) {
    }

    /** Called on the writing thread after each row. */
    public interface Listener {
        void rowWritten(int done, int total, boolean reused);
    }

    private final List<DesignPoint> points;
    private final int threads;
    private final SingleLayerCache cache = new SingleLayerCache();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Map<List<Object>, Parsed<Workload>> workloads = new HashMap<>();
    private final Map<Path, Parsed<Accelerator>> accelerators = new HashMap<>();
    private final Map<List<Path>, Mapping> mappings = new HashMap<>();
    private final List<String> keys;
    /** Every memory name of the sweep's accelerators, by first appearance: one energy column each. */
    private final List<String> memoryNames;
    private final List<String> columns;
    /** SHA-256 (hex) of every input file's contents, in first-use order. */
    private final Map<Path, String> fileHashes = new LinkedHashMap<>();

    /**
     * Reads and validates every input file once. Throws {@link InvalidInputException} with the
     * diagnostics of all files when any is invalid: a sweep does not start on bad input.
     */
    public Sweep(List<DesignPoint> points, int threads) throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads ≥ 1, not " + threads);
        }
        this.points = List.copyOf(points);
        this.threads = threads;
        List<Diagnostic> problems = new ArrayList<>();
        for (DesignPoint p : this.points) {
            Parsed<Workload> w = workloads.computeIfAbsent(workloadKey(p), k -> WorkloadReader.read(p.workload(), p.onnx()));
            Parsed<Accelerator> a = accelerators.computeIfAbsent(p.accelerator(), AcceleratorReader::read);
            List<Path> mk = List.of(p.mapping(), p.workload(), p.accelerator());
            if (w.ok() && a.ok() && !mappings.containsKey(mk)) {
                Parsed<Mapping> m = MappingReader.read(p.mapping(), w.value(), a.value());
                if (m.ok()) {
                    mappings.put(mk, m.value());
                } else {
                    problems.addAll(m.errors());
                    mappings.put(mk, null);
                }
            }
        }
        workloads.values().forEach(w -> problems.addAll(w.errors()));
        accelerators.values().forEach(a -> problems.addAll(a.errors()));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        List<String> k = new ArrayList<>();
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (DesignPoint p : this.points) {
            k.add(key(p));
            accelerators.get(p.accelerator()).value().memories().forEach(m -> names.add(m.name()));
        }
        this.keys = List.copyOf(k);
        this.memoryNames = List.copyOf(names);
        List<String> cols = new ArrayList<>(BASE_COLUMNS);
        memoryNames.forEach(n -> cols.add(energyColumn(n)));
        cols.add("eval_ms");
        this.columns = List.copyOf(cols);
    }

    /** The points.csv column of the energy spent at {@code memory}. */
    public static String energyColumn(String memory) {
        return "energy_" + memory + "_pj";
    }

    /** The columns of this sweep's points.csv, in order (pareto.csv: all but the last, eval_ms). */
    public List<String> columns() {
        return columns;
    }

    private volatile boolean writeDetails = true;

    /** Whether run() and writeAll() write details.jsonl (default true; plots need it for the per-point figures). */
    public Sweep details(boolean on) {
        this.writeDetails = on;
        return this;
    }

    /** Asks a running sweep to stop scheduling points; rows already written stay, the run ends cleanly. */
    public void requestStop() {
        stop.set(true);
    }

    /** SHA-256 (hex) of every input file's contents, as hashed into the point keys (for the manifest). */
    public Map<Path, String> fileHashes() {
        return java.util.Collections.unmodifiableMap(fileHashes);
    }

    /**
     * Evaluates every point not already in {@code dir/points.csv} and writes {@code points.csv} (in
     * point order) and, when the run completes, {@code pareto.csv} for the given objectives (the rows of
     * the non-dominated feasible points, in point order, without the timing column).
     */
    public Summary run(Path dir, List<Objective> objectives, Listener listener) throws IOException {
        return run(dir, objectives, listener, Shard.ALL);
    }

    /** SHA-256 (hex) over every point key in order: what identifies an exploration across shards and machines. */
    public String pointsHash() {
        Hasher h = Hashing.sha256().newHasher();
        keys.forEach(k -> h.putString(k, StandardCharsets.UTF_8).putChar('\n'));
        return h.hash().toString();
    }

    /**
     * As {@link #run(Path, List, Listener)} for the points of one shard only: points.csv and
     * details.jsonl hold that shard's rows in point order; pareto.csv is written by a merge (and by a
     * run of the only shard, 1/1).
     */
    public Summary run(Path dir, List<Objective> objectives, Listener listener, Shard shard) throws IOException {
        Files.createDirectories(dir);
        Path csv = dir.resolve("points.csv");
        Path old = dir.resolve("points.csv.old");
        Path jsonl = dir.resolve("details.jsonl");
        Path oldJsonl = dir.resolve("details.jsonl.old");
        // rows and details of an earlier (possibly interrupted) run, by point key; an interrupted rewrite leaves both files
        Map<String, List<String>> previous = new HashMap<>();
        Map<String, ObjectNode> previousDetails = new HashMap<>();
        for (Path f : List.of(old, csv)) {
            if (Files.exists(f)) {
                previous.putAll(readRows(f));
            }
        }
        for (Path f : List.of(oldJsonl, jsonl)) {
            if (Files.exists(f)) {
                previousDetails.putAll(readDetails(f));
            }
        }
        if (writeDetails) {
            previous.keySet().retainAll(previousDetails.keySet()); // a point is finished when both its row and its details are
        } else {
            Files.deleteIfExists(jsonl); // an earlier run's details would no longer match the rows
            Files.deleteIfExists(oldJsonl);
        }
        if (Files.exists(csv)) {
            Files.move(csv, old, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        if (Files.exists(jsonl)) {
            Files.move(jsonl, oldJsonl, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "defines-sweep");
            t.setDaemon(true);
            return t;
        });
        // workers also build their point's row and serialise its details: the writing thread only writes
        List<Future<Row>> futures = new ArrayList<>();
        List<Integer> mine = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            if (shard.contains(i)) {
                mine.add(i);
            }
        }
        for (int i = 0; i < points.size(); i++) {
            if (!shard.contains(i) || previous.containsKey(keys.get(i))) {
                futures.add(null);
            } else {
                DesignPoint p = points.get(i);
                final int index = i;
                futures.add(pool.submit(() -> stop.get() ? null : row(index, evaluate(p))));
            }
        }
        int reused = 0;
        int evaluated = 0;
        int infeasible = 0;
        boolean complete = true;
        List<List<String>> written = new ArrayList<>();
        try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
             Writer details = writeDetails ? Files.newBufferedWriter(jsonl, StandardCharsets.UTF_8) : Writer.nullWriter()) {
            out.write(line(columns));
            out.flush();
            for (int k = 0; k < mine.size(); k++) {
                int i = mine.get(k);
                List<String> row;
                String detailLine;
                List<String> prev = previous.get(keys.get(i));
                if (prev != null) {
                    row = new ArrayList<>(pointColumns(i));
                    row.addAll(prev);
                    ObjectNode detail = previousDetails.get(keys.get(i));
                    if (detail != null) { // null when details are off
                        detail.put("point_id", i);
                    }
                    detailLine = detail == null ? "" : JSON.writeValueAsString(detail);
                    reused++;
                } else {
                    Row r;
                    try {
                        r = futures.get(i).get();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        r = null;
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("point " + i + " failed: " + e.getCause(), e.getCause());
                    }
                    if (r == null) {
                        complete = false;
                        break;
                    }
                    row = r.cells();
                    detailLine = r.detailsLine();
                    evaluated++;
                }
                if (row.get(RESULT_FROM).equals("infeasible")) {
                    infeasible++;
                }
                // details first: a row in points.csv promises its details are complete
                details.write(detailLine + "\n");
                details.flush();
                out.write(line(row));
                out.flush();
                written.add(row);
                if (listener != null) {
                    listener.rowWritten(k + 1, mine.size(), prev != null);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (complete) {
            Files.deleteIfExists(old);
            Files.deleteIfExists(oldJsonl);
            if (shard.count() == 1) {
                writePareto(dir.resolve("pareto.csv"), written, objectives, columns);
            }
        } else {
            // keep the rows of points not reached, for the next run
            Map<String, List<String>> keep = new LinkedHashMap<>(previous);
            for (List<String> row : written) {
                keep.remove(row.get(1));
            }
            try (Writer w = Files.newBufferedWriter(old, StandardCharsets.UTF_8)) {
                w.write(line(columns));
                for (Map.Entry<String, List<String>> e : keep.entrySet()) {
                    List<String> row = new ArrayList<>(Collections.nCopies(RESULT_FROM, ""));
                    row.set(1, e.getKey());
                    row.addAll(e.getValue());
                    w.write(line(row));
                }
            }
            try (Writer w = writeDetails ? Files.newBufferedWriter(oldJsonl, StandardCharsets.UTF_8) : Writer.nullWriter()) {
                for (String k : writeDetails ? keep.keySet() : java.util.Set.<String>of()) {
                    w.write(JSON.writeValueAsString(previousDetails.get(k)) + "\n");
                }
            }
        }
        return new Summary(mine.size(), reused, evaluated, infeasible, complete, cache.hits(), cache.misses());
    }

    private ObjectNode detail(int i, PointResult r) {
        ObjectNode detail = JSON.createObjectNode();
        detail.put("point_id", i);
        detail.put("point_key", keys.get(i));
        detail.put("status", r.ok() ? "ok" : "infeasible");
        if (r.ok()) {
            detail.set("result", r.details());
        } else {
            detail.put("reason", r.reason());
        }
        return detail;
    }

    /** One evaluated point: its points.csv cells and its details.jsonl line (without the newline). */
    public record Row(int index, List<String> cells, String detailsLine) implements java.io.Serializable {
    }

    private Row row(int i, PointResult r) throws IOException {
        List<String> cells = new ArrayList<>(pointColumns(i));
        cells.addAll(resultColumns(r));
        return new Row(i, cells, JSON.writeValueAsString(detail(i, r)));
    }

    /** Evaluates point {@code i} alone (for distributed runners): what a local run writes for it. */
    public Row evaluatePoint(int i) throws IOException {
        return row(i, evaluate(points.get(i)));
    }

    /** Writes points.csv, details.jsonl and pareto.csv from rows of every point (any order), as a local run does. */
    public void writeAll(Path dir, List<Row> rows, List<Objective> objectives) throws IOException {
        Files.createDirectories(dir);
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(java.util.Comparator.comparingInt(Row::index));
        if (sorted.size() != points.size()) {
            throw new IllegalArgumentException(sorted.size() + " rows for " + points.size() + " points");
        }
        try (Writer out = Files.newBufferedWriter(dir.resolve("points.csv"), StandardCharsets.UTF_8);
             Writer details = writeDetails ? Files.newBufferedWriter(dir.resolve("details.jsonl"), StandardCharsets.UTF_8) : Writer.nullWriter()) {
            out.write(line(columns));
            for (Row r : sorted) {
                out.write(line(r.cells()));
                details.write(r.detailsLine() + "\n");
            }
        }
        writePareto(dir.resolve("pareto.csv"), sorted.stream().map(Row::cells).toList(), objectives, columns);
    }

    /** The manifest fields a merge relies on, in manifest order: the exploration's identity, the shard and the files' layout. */
    public Map<String, Object> manifestIdentity(Shard shard) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("points_sha256", pointsHash());
        m.put("points_total", points.size());
        m.put("shard", shard.toString());
        m.put("columns", columns);
        m.put("details", writeDetails);
        return m;
    }

    /** The point keys, in point order. */
    public List<String> keys() {
        return keys;
    }

    public int size() {
        return points.size();
    }

    public SingleLayerCache cache() {
        return cache;
    }

    private PointResult evaluate(DesignPoint p) {
        long t0 = System.nanoTime();
        Workload w = workloads.get(workloadKey(p)).value();
        Mapping m = mappings.get(List.of(p.mapping(), p.workload(), p.accelerator()));
        DepthFirstEngine engine = new DepthFirstEngine(w, accelerators.get(p.accelerator()).value(), m, cache);
        DepthFirstEngine.Schedule s = new DepthFirstEngine.Schedule(p.tileX(), p.tileY(), p.horizontal(), p.vertical(), p.lpfLimit(),
                CompatFlags.parse(p.compat()));
        try {
            DepthFirstEngine.Result r = switch (p.cuts()) {
                case "auto" -> engine.evaluate(s);
                case "none" -> engine.evaluate(s, List.of());
                case "layer-by-layer" -> engine.evaluate(s, w.topologicalOrder().stream().map(Layer::id).toList());
                default -> engine.evaluate(s, Arrays.stream(p.cuts().split(";")).map(String::trim).map(Integer::parseInt).toList());
            };
            Accelerator acc = accelerators.get(p.accelerator()).value();
            return new PointResult(true, "", r.energyPj(), r.latencyCycles(), r.macCount(), r.macEnergyPj(),
                    Math.round(r.offChipAccessBits(acc)), r.onChipPeakBits(), r.energyPerMemoryPj(acc), millis(t0), ResultJson.of(r, acc));
        } catch (InfeasibleScheduleException e) {
            return PointResult.infeasible(e.getMessage(), millis(t0));
        }
    }

    /** A workload is read once per file and, for ONNX files, import options. */
    private static List<Object> workloadKey(DesignPoint p) {
        return WorkloadReader.isOnnx(p.workload()) ? List.of(p.workload(), p.onnx()) : List.of(p.workload());
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private List<String> pointColumns(int i) {
        DesignPoint p = points.get(i);
        return List.of(Integer.toString(i), keys.get(i), InputFiles.stem(p.workload()), InputFiles.stem(p.accelerator()),
                p.mapping().getFileName().toString(), Long.toString(p.tileX()), Long.toString(p.tileY()), p.overlap(),
                Integer.toString(p.lpfLimit()), p.compat(), p.cuts());
    }

    private List<String> resultColumns(PointResult r) {
        List<String> out = new ArrayList<>();
        if (!r.ok()) {
            out.addAll(List.of("infeasible", r.reason().replaceAll("\\s+", " ")));
            while (out.size() < columns.size() - RESULT_FROM - 1) {
                out.add("");
            }
        } else {
            out.addAll(List.of("ok", "", Double.toString(r.energyPj()), Long.toString(r.latencyCycles()), Double.toString(r.edp()),
                    Long.toString(r.macCount()), Double.toString(r.macEnergyPj()), Long.toString(r.dramAccessBits()),
                    Long.toString(r.onChipPeakBits())));
            for (String m : memoryNames) {
                Double e = r.energyPerMemoryPj().get(m);
                out.add(e == null ? "" : Double.toString(e));
            }
        }
        out.add(Long.toString(r.evalMillis()));
        return out;
    }

    /** SHA-256 over the contents of the three files and the schedule, as hex. */
    private String key(DesignPoint p) throws IOException {
        Hasher h = Hashing.sha256().newHasher();
        for (Path f : List.of(p.workload(), p.accelerator(), p.mapping())) {
            String fh = fileHashes.get(f);
            if (fh == null) {
                fh = Hashing.sha256().hashBytes(Files.readAllBytes(f)).toString();
                fileHashes.put(f, fh);
            }
            h.putString(fh, StandardCharsets.UTF_8).putChar('|');
        }
        h.putString(p.tileX() + "x" + p.tileY() + "|" + p.horizontal() + "|" + p.vertical() + "|" + p.lpfLimit() + "|" + p.compat() + "|"
                + p.cuts(), StandardCharsets.UTF_8);
        if (WorkloadReader.isOnnx(p.workload())) {
            h.putString("|" + p.onnx(), StandardCharsets.UTF_8); // the import options change the workload
        }
        return h.hash().toString().substring(0, 16);
    }

    /** The complete lines of an earlier details.jsonl, by point key. */
    private static Map<String, ObjectNode> readDetails(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Map<String, ObjectNode> out = new HashMap<>();
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return out;
        }
        for (String l : text.substring(0, end).split("\n")) {
            if (!l.isEmpty() && JSON.readTree(l) instanceof ObjectNode o && o.hasNonNull("point_key")) {
                out.put(o.get("point_key").asText(), o);
            }
        }
        return out;
    }

    /** The result columns of every complete row of an earlier points.csv, by point key. */
    private Map<String, List<String>> readRows(Path csv) throws IOException {
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        Map<String, List<String>> rows = new LinkedHashMap<>();
        if (end < 0) {
            return rows; // not even a complete header
        }
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(text.substring(0, end + 1))) {
            if (!it.hasNext() || !Arrays.asList(it.next()).equals(columns)) {
                throw new IOException(csv + ": not a points.csv of this version of defines (its header differs)."
                        + " Maybe sweep into a fresh --out folder");
            }
            while (it.hasNext()) {
                String[] r = it.next();
                if (r.length == columns.size()) {
                    rows.put(r[1], List.of(r).subList(RESULT_FROM, columns.size()));
                }
            }
        }
        return rows;
    }

    static String line(List<String> cells) throws IOException {
        return CSV_LINE.writeValueAsString(cells);
    }

    /** pareto.csv: the rows (in order) no other feasible row beats in all objectives, without the last column (eval_ms). */
    static void writePareto(Path file, List<List<String>> rows, List<Objective> objectives, List<String> columns) throws IOException {
        List<double[]> values = new ArrayList<>();
        List<List<String>> ok = new ArrayList<>();
        for (List<String> row : rows) {
            if (row.get(RESULT_FROM).equals("ok")) {
                ok.add(row);
                values.add(objectives.stream().mapToDouble(o -> Double.parseDouble(row.get(columns.indexOf(o.column())))).toArray());
            }
        }
        // without eval_ms: the front is part of the determinism promise, timings are not
        int n = columns.size() - 1;
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(line(columns.subList(0, n)));
            for (int i : io.defines.plot.logic.Front.of(values)) {
                w.write(line(ok.get(i).subList(0, n)));
            }
        }
    }
}
