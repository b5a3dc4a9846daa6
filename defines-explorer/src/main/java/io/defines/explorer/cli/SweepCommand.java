package io.defines.explorer.cli;

import io.defines.core.input.InvalidInputException;
import io.defines.core.input.Parsed;
import io.defines.explorer.results.ManifestFile;
import io.defines.core.mapper.TemporalMapper;
import io.defines.explorer.sweep.Exploration;
import io.defines.explorer.sweep.ExplorationReader;
import io.defines.explorer.sweep.Objective;
import io.defines.explorer.sweep.Shard;
import io.defines.explorer.sweep.Sweep;
import io.defines.results.ResultSchema.Manifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code defines sweep}: evaluates every design point of an exploration, resumably. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Evaluate every design point of an exploration YAML (docs/explorations.md).",
                "Writes DIR/points.csv (one row per point, in order, as it finishes), DIR/pareto.csv and DIR/manifest.json.",
                "Running again on the same DIR reuses finished points; Ctrl-C stops cleanly."})
final class SweepCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "EXPLORATION", description = "Exploration YAML.")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: the exploration's 'out', else results/<name>).")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of cores).")
    Integer threads;

    @Option(names = "--shard", paramLabel = "i/N",
            description = "Evaluate only the i-th of N round-robin slices of the points (default out: <out>/shard-i-of-N); combine with ./defines merge.")
    String shardText;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        if (out != null && java.nio.file.Files.isDirectory(out) && java.nio.file.Files.exists(out.resolve(OutputFolder.LOCK))) {
            // a folder another sweep holds is refused before reading a possibly large exploration
            try {
                OutputFolder.lock(out).close();
            } catch (OutputFolder.Refused e) {
                return Main.usageError(err, "sweep", e.getMessage());
            }
        }
        Parsed<Exploration> p = ExplorationReader.read(file);
        if (!Main.report(p, err)) {
            return Main.EXIT_INVALID;
        }
        Exploration x = p.value();
        Shard shard;
        try {
            shard = shardText == null ? Shard.ALL : Shard.parse(shardText);
        } catch (IllegalArgumentException e) {
            return Main.usageError(err, "sweep", e.getMessage());
        }
        Path dir = out != null ? out : x.out() != null ? x.out() : Path.of("results", x.name());
        if (shardText != null && out == null) {
            dir = dir.resolve("shard-" + shard.index() + "-of-" + shard.count());
        }
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (n < 1) {
            err.println("defines sweep: --threads must be at least 1, not " + n);
            err.println("  Maybe --threads 2");
            return Main.EXIT_INVALID;
        }
        if (x.optimal()) {
            if (shardText != null) {
                return Main.usageError(err, "sweep", "--shard is for grid searches; search: optimal runs one optimizer per workload × accelerator. Maybe drop --shard");
            }
            return OptimalSweep.run(x, dir, n, err, stdout);
        }
        try {
            OutputFolder.check(dir, x.name());
            // refused at once when another sweep holds the folder, not only after a restart (the child takes the lock)
            OutputFolder.lock(dir).close();
        } catch (OutputFolder.Refused e) {
            return Main.usageError(err, "sweep", e.getMessage());
        }
        long mine = IntStream.range(0, x.points().size()).filter(shard::contains).count();
        // the exact mapper's searches run for seconds each: C2's compile time pays from the first point
        Integer child = !x.mapper().equals(TemporalMapper.DEFAULT) ? LongRunJvm.restartIfWorthIt("sweep", mine, 1, err) : LongRunJvm.restartIfWorthIt(mine, err);
        if (child != null) {
            return child;
        }
        ParentWatch parent = ParentWatch.startIfChild(err);
        try (OutputFolder lock = OutputFolder.lock(dir)) {
            return run(x, dir, n, shard, parent, err, stdout);
        } catch (OutputFolder.Refused e) {
            return Main.usageError(err, "sweep", e.getMessage());
        }
    }

    private int run(Exploration x, Path dir, int n, Shard shard, ParentWatch parent, PrintWriter err, PrintWriter stdout) throws IOException {
        Sweep sweep;
        try {
            sweep = new Sweep(x.points(), n, x.mapper()).details(x.details());
        } catch (InvalidInputException e) {
            e.diagnostics().forEach(d -> err.println(d.render()));
            return Main.EXIT_INVALID;
        }
        sweep.warnings().forEach(d -> err.println(d.render()));
        err.flush();
        if (parent != null) {
            parent.onDeath(sweep::requestStop);
        }
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            err.println("\ndefines sweep: stopping after the points under way; run the same command again to resume");
            err.flush();
            sweep.requestStop();
            try {
                finished.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        Sweep.Summary s;
        // a progress bar on an interactive terminal; otherwise (logs, CI, pipes) a plain line at most once a second
        me.tongfei.progressbar.ProgressBar bar = System.console() == null ? null : new me.tongfei.progressbar.ProgressBarBuilder()
                .setTaskName(x.name()).setInitialMax(IntStream.range(0, x.points().size()).filter(shard::contains).count()).setUnit(" points", 1).showSpeed()
                .setStyle(me.tongfei.progressbar.ProgressBarStyle.ASCII).setMaxRenderedLength(100).continuousUpdate().build();
        long[] lastPrint = {0};
        try {
            s = sweep.run(dir, x.objectives(), (done, total, reused) -> {
                if (bar != null) {
                    bar.stepTo(done);
                    return;
                }
                long now = System.nanoTime();
                if (done == total || now - lastPrint[0] > 1_000_000_000L) {
                    lastPrint[0] = now;
                    double elapsed = (now - t0) / 1e9;
                    String eta = done == total ? "" : String.format(" · ETA %.0f s", elapsed / done * (total - done));
                    err.printf("[%d/%d] %.0f%% · %.1f s%s%n", done, total, 100.0 * done / total, elapsed, eta);
                    err.flush();
                }
            }, shard);
        } catch (Sweep.ForeignResults e) {
            return Main.usageError(err, "sweep", e.getMessage());
        } finally {
            if (bar != null) {
                bar.close();
            }
            finished.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running
        }
        writeManifest(dir, x, s, start, n, sweep, shard);
        stdout.printf("%s: %d points (%d reused, %d evaluated, %d infeasible) in %.2f s, %d threads → %s%n", x.name(), s.points(),
                s.reused(), s.evaluated(), s.infeasible(), (System.nanoTime() - t0) / 1e9, n, dir);
        stdout.printf("single-layer memo: %d hits, %d misses%n", s.cacheHits(), s.cacheMisses());
        if (!s.complete()) {
            stdout.println("stopped before the end: run the same command again to resume");
        }
        return Main.EXIT_OK;
    }

    private void writeManifest(Path dir, Exploration x, Sweep.Summary s, Instant start, int n, Sweep sweep, Shard shard)
            throws IOException {
        Map<String, String> hashes = new LinkedHashMap<>();
        Path cwd = Path.of("").toAbsolutePath();
        // paths relative to the working folder where possible, so that manifests do not name the machine's folders
        sweep.fileHashes().forEach((f, h) -> hashes.put((f.isAbsolute() && f.startsWith(cwd) ? cwd.relativize(f) : f).toString(), h));
        new ManifestFile(file.toString(), x.name(), sweep.manifestIdentity(shard))
                .progress(s.points(), s.reused() + s.evaluated(), s.complete())
                .put(Manifest.REUSED, s.reused())
                .put(Manifest.EVALUATED, s.evaluated())
                .put(Manifest.INFEASIBLE, s.infeasible())
                .objectives(Objective.columns(x.objectives()))
                .put(Manifest.INPUT_SHA256, hashes)
                .put(Manifest.CACHE_HITS, s.cacheHits())
                .put(Manifest.CACHE_MISSES, s.cacheMisses())
                .put(Manifest.THREADS, n)
                .put(Manifest.TOOL_VERSION, String.valueOf(Main.class.getPackage().getImplementationVersion()))
                .ended(start)
                .write(dir);
    }
}
