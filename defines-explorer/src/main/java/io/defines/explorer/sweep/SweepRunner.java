package io.defines.explorer.sweep;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.defines.explorer.results.DetailsJsonl;
import io.defines.explorer.results.ParetoFile;
import io.defines.explorer.results.PointsCsv;
import io.defines.explorer.results.ResultRow;
import io.defines.results.ResultSchema.Columns;
import io.defines.results.ResultSchema;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
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
 * One run of a sweep into a folder. Evaluates the points of a shard that the folder does not hold yet
 * on a fixed-size pool (workers also build each point's row), and writes points.csv and details.jsonl
 * in point order, one flushed row per point as soon as it and all points before it are done. A
 * complete run then writes pareto.csv (when it is the only shard); a stopped one keeps the rows of
 * the points it did not reach for the next run.
 */
final class SweepRunner {
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

    /** The result cells and details of an earlier (possibly interrupted) run's points, by point key. */
    private record Earlier(Map<String, List<String>> results, Map<String, ObjectNode> details) {
    }

    /** What the ordered writer wrote. */
    private static final class Progress {
        int reused;
        int evaluated;
        int infeasible;
        boolean complete = true;
        final List<List<String>> written = new ArrayList<>();
        final List<String> writtenKeys = new ArrayList<>();
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
        Earlier earlier = takeOver(files);
        List<Integer> mine = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            if (shard.contains(i)) {
                mine.add(i);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "defines-sweep");
            t.setDaemon(true);
            return t;
        });
        Progress progress;
        try {
            progress = writeInOrder(files, mine, submit(pool, mine, earlier), earlier, listener);
        } finally {
            pool.shutdownNow();
        }
        if (progress.complete) {
            Files.deleteIfExists(files.old());
            Files.deleteIfExists(files.oldJsonl());
            if (shard.count() == 1) {
                ParetoFile.write(dir.resolve(ResultSchema.PARETO_CSV), progress.written, objectiveColumns, rows.columns());
            }
        } else {
            keepUnreached(files, earlier, progress.writtenKeys);
        }
        return new Sweep.Summary(mine.size(), progress.reused, progress.evaluated, progress.infeasible, progress.complete,
                evaluator.cache().hits(), evaluator.cache().misses());
    }

    /** Reads what an earlier run left and moves its files aside ({@code .old}), for a rewrite in point order. */
    private Earlier takeOver(RunFiles f) throws IOException {
        Map<String, List<String>> results = new HashMap<>();
        Map<String, ObjectNode> earlierDetails = new HashMap<>();
        for (Path p : List.of(f.old(), f.csv())) {
            if (Files.exists(p)) {
                results.putAll(PointsCsv.readResults(p, rows.columns()));
            }
        }
        for (Path p : List.of(f.oldJsonl(), f.jsonl())) {
            if (Files.exists(p)) {
                earlierDetails.putAll(DetailsJsonl.read(p));
            }
        }
        if (details) {
            results.keySet().retainAll(earlierDetails.keySet()); // a point is finished when both its row and its details are
        } else {
            Files.deleteIfExists(f.jsonl()); // an earlier run's details would no longer match the rows
            Files.deleteIfExists(f.oldJsonl());
        }
        if (Files.exists(f.csv())) {
            Files.move(f.csv(), f.old(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        if (Files.exists(f.jsonl())) {
            Files.move(f.jsonl(), f.oldJsonl(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return new Earlier(results, earlierDetails);
    }

    /** Per point index, the future of its row; null for points of other shards and points the earlier run finished. */
    private List<Future<ResultRow>> submit(ExecutorService pool, List<Integer> mine, Earlier earlier) {
        List<Future<ResultRow>> futures = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            futures.add(null);
        }
        for (int i : mine) {
            if (!earlier.results().containsKey(inputs.key(i))) {
                DesignPoint p = inputs.point(i);
                futures.set(i, pool.submit(() -> stop.get() ? null : rows.row(i, evaluator.evaluate(p))));
            }
        }
        return futures;
    }

    private Progress writeInOrder(RunFiles f, List<Integer> mine, List<Future<ResultRow>> futures, Earlier earlier, Sweep.Listener listener)
            throws IOException {
        Progress progress = new Progress();
        try (Writer out = Files.newBufferedWriter(f.csv(), StandardCharsets.UTF_8);
             Writer detailsOut = details ? Files.newBufferedWriter(f.jsonl(), StandardCharsets.UTF_8) : Writer.nullWriter()) {
            out.write(PointsCsv.line(rows.columns()));
            out.flush();
            for (int k = 0; k < mine.size(); k++) {
                int i = mine.get(k);
                List<String> reused = earlier.results().get(inputs.key(i));
                ResultRow row = reused != null
                        ? new ResultRow(i, rows.reused(i, reused), DetailsJsonl.renumbered(earlier.details().get(inputs.key(i)), i))
                        : await(futures.get(i), i);
                if (row == null) {
                    progress.complete = false;
                    break;
                }
                if (reused != null) {
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
                progress.written.add(row.cells());
                progress.writtenKeys.add(inputs.key(i));
                if (listener != null) {
                    listener.rowWritten(k + 1, mine.size(), reused != null);
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
    private void keepUnreached(RunFiles f, Earlier earlier, List<String> writtenKeys) throws IOException {
        Map<String, List<String>> keep = new LinkedHashMap<>(earlier.results());
        writtenKeys.forEach(keep::remove);
        PointsCsv.writeResults(f.old(), rows.columns(), keep);
        if (details) {
            DetailsJsonl.write(f.oldJsonl(), keep.keySet().stream().map(earlier.details()::get).toList());
        }
    }
}
