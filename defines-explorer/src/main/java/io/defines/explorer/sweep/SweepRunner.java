package io.defines.explorer.sweep;

import io.defines.explorer.results.DetailsJsonl;
import io.defines.explorer.results.ParetoFile;
import io.defines.explorer.results.PointsCsv;
import io.defines.explorer.results.ResultRow;
import io.defines.results.ResultSchema.Columns;
import io.defines.results.ResultSchema;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run of a sweep into a folder. Evaluates the points of a shard that the folder does not hold yet
 * on a fixed-size pool (workers also build each point's row), and writes points.csv and details.jsonl
 * in point order, one flushed row per point as soon as it and all points before it are done. A
 * complete run then writes pareto.csv (when it is the only shard); a stopped one keeps the rows of
 * the points it did not reach for the next run.
 *
 * <p>Memory does not grow with the points done: only a window of points ahead of the writer is
 * scheduled at a time, written rows are dropped (the Pareto front keeps objective values and row
 * numbers of its members only, and copies their rows from points.csv at the end), and an earlier
 * run's rows are found by byte offset in its files and read back one at a time.
 */
final class SweepRunner {
    /** Points scheduled ahead of the writer, per thread: enough to keep every worker busy behind one slow point. */
    private static final int WINDOW_PER_THREAD = 64;

    private final PointRows rows;
    private final PointEvaluator evaluator;
    private final InputCatalog inputs;
    private final int threads;
    private final AtomicBoolean stop;
    private final boolean details;

    /** The files of a run folder; an interrupted rewrite leaves both a file and its {@code .old}. */
    private record RunFiles(Path csv, Path old, Path jsonl, Path oldJsonl) {
        static RunFiles in(Path dir) {
            return new RunFiles(dir.resolve(ResultSchema.POINTS_CSV), dir.resolve(ResultSchema.POINTS_CSV + ".old"),
                    dir.resolve(ResultSchema.DETAILS_JSONL), dir.resolve(ResultSchema.DETAILS_JSONL + ".old"));
        }
    }

    /** The rows and details lines of an earlier (possibly interrupted) run, in its .old files. */
    private record Earlier(EarlierRows csv, EarlierRows jsonl) {
        boolean finished(int point) {
            return csv.has(point);
        }
    }

    /** What the ordered writer wrote. */
    private static final class Progress {
        int reused;
        int evaluated;
        int infeasible;
        boolean complete = true;
        final BitSet written = new BitSet();
    }

    SweepRunner(InputCatalog inputs, PointRows rows, PointEvaluator evaluator, int threads, AtomicBoolean stop, boolean details) {
        this.inputs = inputs;
        this.rows = rows;
        this.evaluator = evaluator;
        this.threads = threads;
        this.stop = stop;
        this.details = details;
    }

    /** Runs the points of {@code shard} into {@code dir}; pareto.csv minimises the given columns. */
    Sweep.Summary run(Path dir, List<String> objectiveColumns, Sweep.Listener listener, Shard shard) throws IOException {
        Files.createDirectories(dir);
        RunFiles files = RunFiles.in(dir);
        List<Integer> mine = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            if (shard.contains(i)) {
                mine.add(i);
            }
        }
        ParetoFile.Incremental front = new ParetoFile.Incremental(objectiveColumns, rows.columns());
        Progress progress;
        Earlier earlier = takeOver(files);
        try {
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "defines-sweep");
                t.setDaemon(true);
                return t;
            });
            try {
                progress = writeInOrder(files, mine, pool, earlier, listener, front);
            } finally {
                pool.shutdownNow();
            }
            if (!progress.complete) {
                keepUnreached(files, earlier, progress.written);
            }
        } finally {
            earlier.csv().close();
            earlier.jsonl().close();
        }
        if (progress.complete) {
            Files.deleteIfExists(files.old());
            Files.deleteIfExists(files.oldJsonl());
            if (shard.count() == 1) {
                front.write(dir.resolve(ResultSchema.PARETO_CSV), files.csv());
            }
        }
        return new Sweep.Summary(mine.size(), progress.reused, progress.evaluated, progress.infeasible, progress.complete,
                evaluator.cache().hits(), evaluator.cache().misses());
    }

    /**
     * Indexes what an earlier run left, after moving its files aside ({@code .old}) for a rewrite in
     * point order; when an interrupted rewrite left both a file and its {@code .old}, they are first
     * merged into the {@code .old} (the newer line of a point wins).
     */
    private Earlier takeOver(RunFiles f) throws IOException {
        EarlierRows.KeyIndex keys = new EarlierRows.KeyIndex(inputs.keys());
        int key = rows.columns().indexOf(Columns.POINT_KEY);
        int width = rows.columns().size();
        java.util.function.Function<String, String> csvKey = line -> {
            try {
                List<String> c = PointsCsv.cells(line);
                return c.size() == width ? c.get(key) : null;
            } catch (IOException e) {
                return null;
            }
        };
        for (Path p : List.of(f.old(), f.csv())) {
            checkHeader(p);
        }
        EarlierRows csv = takeOver(f.csv(), f.old(), true, keys, csvKey);
        EarlierRows jsonl;
        if (details) {
            jsonl = takeOver(f.jsonl(), f.oldJsonl(), false, keys, DetailsJsonl::keyOf);
            for (int i = 0; i < inputs.size(); i++) {
                if (csv.has(i) && !jsonl.has(i)) {
                    csv.drop(i); // a point is finished when both its row and its details are
                }
            }
        } else {
            Files.deleteIfExists(f.jsonl()); // an earlier run's details would no longer match the rows
            Files.deleteIfExists(f.oldJsonl());
            jsonl = EarlierRows.none(inputs.size());
        }
        return new Earlier(csv, jsonl);
    }

    /** An IOException when an earlier points.csv's complete header is not this sweep's. */
    private void checkHeader(Path csv) throws IOException {
        if (!Files.exists(csv)) {
            return;
        }
        String first;
        try (java.io.BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            first = in.readLine();
        }
        boolean complete = first != null && Files.size(csv) > first.getBytes(StandardCharsets.UTF_8).length;
        if (complete && !PointsCsv.cells(first).equals(rows.columns())) {
            throw new Sweep.ForeignResults(csv + " is not a points.csv of this sweep (its columns differ: another exploration's, or one of an older version of defines)."
                    + " Maybe sweep into a fresh --out folder, or delete " + csv.getParent() + " to start over");
        }
    }

    private EarlierRows takeOver(Path file, Path old, boolean header, EarlierRows.KeyIndex keys,
            java.util.function.Function<String, String> keyOf) throws IOException {
        boolean hasFile = Files.exists(file);
        boolean hasOld = Files.exists(old);
        if (hasFile && hasOld) {
            Path merged = old.resolveSibling(old.getFileName() + ".tmp");
            try (EarlierRows older = EarlierRows.index(old, header, keys, keyOf);
                 EarlierRows newer = EarlierRows.index(file, header, keys, keyOf);
                 OutputStream out = new BufferedOutputStream(Files.newOutputStream(merged), 1 << 16)) {
                String headerLine = newer.header() != null ? newer.header() : older.header();
                EarlierRows.merge(older, newer, new BitSet(), header ? headerLine : null, out);
            }
            Files.move(merged, old, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.delete(file);
        } else if (hasFile) {
            Files.move(file, old, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } else if (!hasOld) {
            return EarlierRows.none(keys.size());
        }
        return EarlierRows.index(old, header, keys, keyOf);
    }

    private Progress writeInOrder(RunFiles f, List<Integer> mine, ExecutorService pool, Earlier earlier, Sweep.Listener listener,
            ParetoFile.Incremental front) throws IOException {
        Progress progress = new Progress();
        Deque<Future<ResultRow>> inFlight = new ArrayDeque<>();
        int window = threads * WINDOW_PER_THREAD;
        int scheduled = 0; // positions in mine up to which points are submitted (or reused)
        try (Writer out = Files.newBufferedWriter(f.csv(), StandardCharsets.UTF_8);
             Writer detailsOut = details ? Files.newBufferedWriter(f.jsonl(), StandardCharsets.UTF_8) : Writer.nullWriter()) {
            out.write(PointsCsv.line(rows.columns()));
            out.flush();
            for (int k = 0; k < mine.size(); k++) {
                for (; scheduled < mine.size() && (scheduled <= k || inFlight.size() < window); scheduled++) {
                    int j = mine.get(scheduled);
                    if (!earlier.finished(j)) {
                        if (stop.get()) {
                            break;
                        }
                        DesignPoint p = inputs.point(j);
                        inFlight.add(pool.submit(() -> stop.get() ? null : rows.row(j, evaluator.evaluate(p))));
                    }
                }
                int i = mine.get(k);
                boolean reused = earlier.finished(i);
                ResultRow row;
                if (reused && stop.get()) {
                    // stopped: the earlier rows not copied yet stay in the .old files (a resume of 10⁶ rows stops at once)
                    progress.complete = false;
                    break;
                }
                if (reused) {
                    List<String> cells = PointsCsv.cells(earlier.csv().line(i));
                    String detailsLine = details ? DetailsJsonl.renumberedLine(earlier.jsonl().line(i), i) : "";
                    row = new ResultRow(i, rows.reused(i, cells.subList(Columns.RESULT_FROM, cells.size())), detailsLine);
                } else {
                    row = inFlight.isEmpty() ? null : await(inFlight.poll(), i);
                }
                if (row == null) {
                    progress.complete = false;
                    break;
                }
                if (reused) {
                    progress.reused++;
                } else {
                    progress.evaluated++;
                }
                if (row.cells().get(Columns.RESULT_FROM).equals(ResultSchema.INFEASIBLE)) {
                    progress.infeasible++;
                }
                // details first: a row in points.csv promises its details are complete
                detailsOut.write(row.detailsLine() + "\n");
                detailsOut.flush();
                out.write(PointsCsv.line(row.cells()));
                out.flush();
                front.add(row.cells());
                progress.written.set(i);
                if (listener != null) {
                    listener.rowWritten(k + 1, mine.size(), reused);
                }
            }
        }
        return progress;
    }

    /** The row of a submitted point; null when the run was stopped before it (or this thread interrupted). */
    private static ResultRow await(Future<ResultRow> future, int i) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("point " + i + " failed: " + e.getCause(), e.getCause());
        }
    }

    /** After a stop: the earlier rows (and details) of the points not written this time, for the next run. */
    private void keepUnreached(RunFiles f, Earlier earlier, BitSet written) throws IOException {
        keep(f.old(), earlier.csv(), written, PointsCsv.line(rows.columns()).stripTrailing());
        if (details) {
            keep(f.oldJsonl(), earlier.jsonl(), written, null);
        }
    }

    private static void keep(Path old, EarlierRows earlier, BitSet written, String header) throws IOException {
        Path tmp = old.resolveSibling(old.getFileName() + ".tmp");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            earlier.copyAllBut(written, header, out);
        }
        earlier.close();
        Files.move(tmp, old, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
