package io.defines.spark;

import io.defines.core.input.Diagnostic;
import io.defines.core.input.InvalidInputException;
import io.defines.core.input.Parsed;
import io.defines.explorer.results.ManifestFile;
import io.defines.explorer.results.ResultRow;
import io.defines.explorer.sweep.Exploration;
import io.defines.explorer.sweep.ExplorationReader;
import io.defines.explorer.sweep.Objective;
import io.defines.explorer.sweep.Shard;
import io.defines.explorer.sweep.Sweep;
import io.defines.results.ResultSchema.Manifest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * Runs an exploration on Spark: the driver reads the exploration and splits the design points into
 * batches; each task evaluates a batch with the executor's {@link Sweep} (one per exploration file
 * and executor JVM, so the single-layer memo is shared by all tasks of an executor); the driver
 * collects the rows and writes the files a local run writes (points.csv, details.jsonl, pareto.csv)
 * plus a manifest. Input paths must be readable at the same absolute paths on every executor.
 *
 * <pre>
 * spark-submit --class io.defines.spark.SparkSweep defines-spark.jar EXPLORATION.yaml [--out DIR] [--batch N]
 * mvn -q -pl defines-spark exec:exec -Dsweep.args="EXPLORATION.yaml --out DIR"     (embedded, local[*], 127.0.0.1)
 * </pre>
 */
public final class SparkSweep {

    /** Per executor JVM: the sweep of each exploration file (its inputs read once, its memo shared by the tasks). */
    private static final Map<String, Sweep> SWEEPS = new ConcurrentHashMap<>();

    private SparkSweep() {
    }

    /** What a run did. */
    public record Result(int points, int batches, long millis, Path out) {
    }

    static Sweep sweepFor(String explorationFile) {
        return SWEEPS.computeIfAbsent(explorationFile, f -> {
            Parsed<Exploration> p = ExplorationReader.read(Path.of(f));
            if (!p.ok()) {
                throw new IllegalStateException("the exploration " + f + " does not read on this executor: " + p.errors());
            }
            try {
                return new Sweep(p.value().points(), 1, p.value().mapper());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Evaluates every point of {@code exploration} on {@code sc} in batches of {@code batch} points and writes {@code out}. */
    public static Result run(JavaSparkContext sc, Path exploration, Path out, int batch) throws IOException {
        long t0 = System.nanoTime();
        Instant start = Instant.now();
        Parsed<Exploration> p = ExplorationReader.read(exploration);
        if (!p.ok()) {
            throw new InvalidInputException(p.errors());
        }
        Exploration x = p.value();
        Sweep driver = new Sweep(x.points(), 1, x.mapper()).details(x.details());
        String file = exploration.toAbsolutePath().normalize().toString();
        int n = driver.size();
        int batches = Math.max(1, (n + batch - 1) / batch);
        List<Integer> indices = IntStream.range(0, n).boxed().toList();
        FlatMapFunction<Iterator<Integer>, ResultRow> evaluate = it -> {
            Sweep s = sweepFor(file);
            List<ResultRow> rows = new ArrayList<>();
            while (it.hasNext()) {
                rows.add(s.evaluatePoint(it.next()));
            }
            return rows.iterator();
        };
        List<ResultRow> rows = sc.parallelize(indices, batches).mapPartitions(evaluate).collect();
        driver.writeAll(out, rows, x.objectives());
        new ManifestFile(exploration.toString(), x.name(), driver.manifestIdentity(Shard.ALL))
                .progress(n, n, true)
                .objectives(Objective.columns(x.objectives()))
                .put(Manifest.ENGINE, "spark " + sc.version() + ", master " + sc.master() + ", " + batches + " batches")
                .ended(start)
                .write(out);
        return new Result(n, batches, (System.nanoTime() - t0) / 1_000_000, out);
    }

    /** A Spark configuration: the master from spark-submit, else local[*] bound to 127.0.0.1 without the web UI. */
    public static SparkConf conf(String master) {
        SparkConf c = new SparkConf().setAppName("defines sweep");
        if (master != null) {
            c.setMaster(master);
        } else if (!c.contains("spark.master")) {
            c.setMaster("local[*]");
        }
        if (c.get("spark.master").startsWith("local")) {
            c.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        c.set("spark.ui.enabled", "false");
        return c;
    }

    public static void main(String[] args) throws Exception {
        Path file = null;
        Path out = null;
        String master = null;
        int batch = 8;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--master" -> master = args[++i];
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                default -> {
                    if (args[i].startsWith("--") || file != null) {
                        System.err.println("defines-spark: unknown argument '" + args[i] + "'");
                        System.err.println("  Maybe: EXPLORATION.yaml [--out DIR] [--master local[2]] [--batch N]");
                        System.exit(2);
                    }
                    file = Path.of(args[i]);
                }
            }
        }
        if (file == null) {
            System.err.println("defines-spark: no exploration file");
            System.err.println("  Maybe: EXPLORATION.yaml [--out DIR] [--master local[2]] [--batch N]");
            System.exit(2);
        }
        Parsed<Exploration> p = ExplorationReader.read(file);
        if (!p.ok()) {
            p.diagnostics().stream().filter(Diagnostic::isError).forEach(d -> System.err.println(d.render()));
            System.exit(2);
        }
        Path dir = out != null ? out : p.value().out() != null ? p.value().out() : Path.of("results", p.value().name());
        try (JavaSparkContext sc = new JavaSparkContext(conf(master))) {
            sc.setLogLevel("WARN");
            Result r = run(sc, file, dir, batch);
            System.out.printf("%s: %d points in %d batches on %s in %.2f s → %s%n", p.value().name(), r.points(), r.batches(), sc.master(),
                    r.millis() / 1e3, r.out());
        }
    }
}
