package io.defines.explorer.sweep;

import io.defines.core.mapper.SingleLayerCache;
import io.defines.explorer.results.DetailsJsonl;
import io.defines.explorer.results.ParetoFile;
import io.defines.explorer.results.PointsCsv;
import io.defines.explorer.results.ResultRow;
import io.defines.results.ManifestIdentity;
import io.defines.results.ResultSchema;
import io.defines.core.mapper.TemporalMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A sweep over a list of design points: their inputs read once ({@link InputCatalog}), evaluated on a
 * pool that shares one memo of single-layer results ({@link PointEvaluator}), written as points.csv,
 * details.jsonl and pareto.csv in point order ({@link SweepRunner}). Rows are keyed by a hash of the
 * point's resolved inputs, so running again on the same folder reuses every finished row, and the
 * files end up exactly as an uninterrupted run leaves them (up to the {@code eval_ms} timing column).
 */
public final class Sweep {

    /** What a run did. */
    public record Summary(int points, int reused, int evaluated, int infeasible, boolean complete, long cacheHits, long cacheMisses) {
    }

    /** The output folder holds a points.csv of other columns (another sweep's, or an older version's): not resumable. */
    public static final class ForeignResults extends IOException {
        private static final long serialVersionUID = 1L;

        public ForeignResults(String message) {
            super(message);
        }
    }

    /** Called on the writing thread after each row. */
    public interface Listener {
        void rowWritten(int done, int total, boolean reused);
    }

    private final InputCatalog inputs;
    private final PointEvaluator evaluator;
    private final PointRows rows;
    private final int threads;
    private final AtomicBoolean stop = new AtomicBoolean();
    private volatile boolean writeDetails = true;

    /**
     * Reads and validates every input file once. Throws {@link io.defines.core.input.InvalidInputException}
     * with the diagnostics of all files when any is invalid: a sweep does not start on bad input.
     */
    public Sweep(List<DesignPoint> points, int threads) throws IOException {
        this(points, threads, TemporalMapper.DEFAULT);
    }

    /** As {@link #Sweep(List, int)}, every point's layers searched by the mapper called {@code mapper}. */
    public Sweep(List<DesignPoint> points, int threads, String mapper) throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads ≥ 1, not " + threads);
        }
        this.threads = threads;
        this.inputs = new InputCatalog(points);
        this.evaluator = new PointEvaluator(inputs, TemporalMapper.byName(mapper).orElseThrow());
        this.rows = new PointRows(inputs);
    }

    /** The columns of this sweep's points.csv, in order (pareto.csv: all but the last, eval_ms). */
    public List<String> columns() {
        return rows.columns();
    }

    /** Whether run() and writeAll() write details.jsonl (default true; plots need it for the per-point figures). */
    public Sweep details(boolean on) {
        this.writeDetails = on;
        return this;
    }

    /** Asks a running sweep to stop scheduling points; rows already written stay, the run ends cleanly. */
    public void requestStop() {
        stop.set(true);
    }

    /** The warnings of the input files (workloads, accelerators, mappings), each once. */
    public List<io.defines.core.input.Diagnostic> warnings() {
        return inputs.warnings();
    }

    /** SHA-256 (hex) of every input file's contents, as hashed into the point keys (for the manifest). */
    public Map<Path, String> fileHashes() {
        return inputs.fileHashes();
    }

    /**
     * Evaluates every point not already in {@code dir/points.csv} and writes {@code points.csv} (in
     * point order) and, when the run completes, {@code pareto.csv} for the given objectives (the rows of
     * the non-dominated feasible points, in point order, without the timing column).
     */
    public Summary run(Path dir, List<Objective> objectives, Listener listener) throws IOException {
        return run(dir, objectives, listener, Shard.ALL);
    }

    /**
     * As {@link #run(Path, List, Listener)} for the points of one shard only: points.csv and
     * details.jsonl hold that shard's rows in point order; pareto.csv is written by a merge (and by a
     * run of the only shard, 1/1).
     */
    public Summary run(Path dir, List<Objective> objectives, Listener listener, Shard shard) throws IOException {
        return new SweepRunner(inputs, rows, evaluator, threads, stop, writeDetails).run(dir, Objective.columns(objectives), listener, shard);
    }

    /** SHA-256 (hex) over every point key in order: what identifies an exploration across shards and machines. */
    public String pointsHash() {
        return inputs.pointsHash();
    }

    /** Evaluates point {@code i} alone (for distributed runners): what a local run writes for it. */
    public ResultRow evaluatePoint(int i) throws IOException {
        return rows.row(i, evaluator.evaluate(inputs.point(i)));
    }

    /** Writes points.csv, details.jsonl and pareto.csv from rows of every point (any order), as a local run does. */
    public void writeAll(Path dir, List<ResultRow> all, List<Objective> objectives) throws IOException {
        Files.createDirectories(dir);
        List<ResultRow> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingInt(ResultRow::index));
        if (sorted.size() != inputs.size()) {
            throw new IllegalArgumentException(sorted.size() + " rows for " + inputs.size() + " points");
        }
        List<List<String>> cells = sorted.stream().map(ResultRow::cells).toList();
        PointsCsv.write(dir.resolve(ResultSchema.POINTS_CSV), columns(), cells);
        if (writeDetails) {
            DetailsJsonl.writeLines(dir.resolve(ResultSchema.DETAILS_JSONL), sorted.stream().map(ResultRow::detailsLine).toList());
        }
        ParetoFile.write(dir.resolve(ResultSchema.PARETO_CSV), cells, Objective.columns(objectives), columns());
    }

    /** The manifest fields a merge relies on: the exploration's identity, the shard and the files' layout. */
    public ManifestIdentity manifestIdentity(Shard shard) {
        return new ManifestIdentity(pointsHash(), inputs.size(), shard.toString(), columns(), writeDetails);
    }

    /** The point keys, in point order. */
    public List<String> keys() {
        return inputs.keys();
    }

    public int size() {
        return inputs.size();
    }

    public SingleLayerCache cache() {
        return evaluator.cache();
    }
}
