package io.defines.explorer.cli;

import io.defines.core.compat.CompatFlags;
import io.defines.core.cost.LayerCost;
import io.defines.core.depthfirst.DepthFirstEngine;
import io.defines.core.golden.GoldenRuns;
import io.defines.core.mapper.ExactMapper;
import io.defines.core.mapper.LomaMapper;
import io.defines.core.mapper.SingleLayerCache;
import io.defines.core.mapper.TemporalMapper;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.Schedule;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code defines bench}: the single-layer search over every per-tile-type layer row of the 11 golden
 * DeFiNES schedules (676 searches), on one thread, after a warm-up pass: orderings per second and
 * the slowest search, per LPF limit. No memo cache: every search runs in full.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark the single-layer LOMA search on the 676 golden layer searches (one thread, after warm-up).",
                "Reports orderings per second per core and the slowest search, per LPF limit."})
final class BenchCommand implements Callable<Integer> {

    /** The search measured: LOMA without the memo (stateless, so one instance serves every search). */
    private static final LomaMapper LOMA = new LomaMapper();

    @Option(names = "--lpf", split = ",", defaultValue = "6,8", converter = Converters.BenchLpf.class, description = "LPF limits to measure (default: ${DEFAULT-VALUE}).")
    List<Integer> lpfLimits;

    @Option(names = "--library", defaultValue = ".", description = "Folder holding workloads/ and hardware/ (default: the current directory).")
    Path library;

    @Option(names = "--mapper", defaultValue = "loma", converter = Converters.Mapper.class,
            description = "loma (LOMA per LPF limit, compatibility mode) or exact[:BUDGET] (the exact mapper against LOMA at LPF 6 and 8, default mode).")
    String mapper;

    @Option(names = "--csv", description = "With --mapper exact: one row per problem into this file.")
    Path csv;

    @Option(names = "--max-rows", defaultValue = "0", description = "Only the first N rows (0 = all 676).")
    int maxRows;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isDirectory(library.resolve("workloads")) || !Files.isDirectory(library.resolve("hardware"))) {
            spec.commandLine().getErr().println("defines bench: " + library.toAbsolutePath() + " has no workloads/ and hardware/ folders");
            spec.commandLine().getErr().println("  Maybe run it from the repository root, or pass --library DIR");
            return Main.EXIT_INVALID;
        }
        GoldenRuns golden = new GoldenRuns(library);
        if (TemporalMapper.byName(mapper).orElseThrow() instanceof ExactMapper exact) {
            ExactMapperBench.run(exact, golden, maxRows, csv, out);
            return Main.EXIT_OK;
        }
        out.println("defines bench: single-layer LOMA searches of the golden DeFiNES rows, compatibility mode, 1 thread");
        out.println("machine: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores; Java "
                + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        benchDepthFirst(golden, out);
        for (int lpf : lpfLimits) {
            List<GoldenRuns.Row> rows = golden.layerRows(lpf, CompatFlags.DEFINES_2023);
            if (maxRows > 0 && rows.size() > maxRows) {
                rows = rows.subList(0, maxRows);
            }
            run(rows); // warm-up: JIT compilation (two passes for steadier figures)
            run(rows);
            long orderings = 0;
            long evaluations = 0;
            long slowestNs = 0;
            GoldenRuns.Row slowest = null;
            long slowestOrderings = 0;
            long t0 = System.nanoTime();
            for (GoldenRuns.Row row : rows) {
                long s = System.nanoTime();
                LayerCost c = LOMA.evaluate(row.problem());
                long dt = System.nanoTime() - s;
                orderings += c.orderingsEnumerated();
                if (c instanceof LayerCost.Mapped m) {
                    evaluations += m.energyEvaluations();
                }
                if (dt > slowestNs) {
                    slowestNs = dt;
                    slowest = row;
                    slowestOrderings = c.orderingsEnumerated();
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "LPF %d: %d searches, %,d orderings in %.2f s = %,.0f orderings/s per core (%.2f ms per search)%n",
                    lpf, rows.size(), orderings, seconds, orderings / seconds, seconds * 1000 / rows.size());
            out.printf(Locale.ROOT, "LPF %d: %,d orderings allocated and costed (%.1f %%; the others do not fit the memories)%n",
                    lpf, evaluations, 100.0 * evaluations / orderings);
            long[] again = new long[5];
            for (int i = 0; i < again.length; i++) {
                long s = System.nanoTime();
                LOMA.evaluate(slowest.problem());
                again[i] = System.nanoTime() - s;
            }
            Arrays.sort(again);
            out.printf(Locale.ROOT, "LPF %d: slowest search %.1f ms in the pass, re-timed 5x: min %.1f ms, median %.1f ms (%,d orderings): %s%n",
                    lpf, slowestNs / 1e6, again[0] / 1e6, again[2] / 1e6, slowestOrderings, slowest);
            SingleLayerCache cache = new SingleLayerCache();
            long c0 = System.nanoTime();
            for (GoldenRuns.Row row : rows) {
                cache.evaluate(row.problem());
            }
            double cachedSeconds = (System.nanoTime() - c0) / 1e9;
            out.printf(Locale.ROOT, "LPF %d: with the memo cache: %d distinct problems among %d searches (%d hits), %.2f s%n",
                    lpf, cache.size(), rows.size(), cache.hits(), cachedSeconds);
            out.flush();
        }
        return Main.EXIT_OK;
    }

    /** The reference schedule: FSRCNN on meta-prototype-df, 60x72 fully cached, LPF 6, fresh memo each time. */
    private static void benchDepthFirst(GoldenRuns golden, PrintWriter out) {
        var w = golden.workload("fsrcnn");
        var a = golden.accelerator("meta-prototype-df");
        var m = golden.mapping("meta-prototype", "fsrcnn");
        var schedule = Schedule.cachingOrRecompute(60, 72, true, true, CutPolicy.AUTO, 6,
                CompatFlags.DEFINES_2023);
        for (int i = 0; i < 3; i++) {
            new DepthFirstEngine(w, a, m, new SingleLayerCache()).evaluate(schedule);
        }
        long[] t = new long[5];
        double energy = 0;
        for (int i = 0; i < t.length; i++) {
            long s = System.nanoTime();
            energy = new DepthFirstEngine(w, a, m, new SingleLayerCache()).evaluate(schedule).orThrow().energyPj();
            t[i] = System.nanoTime() - s;
        }
        Arrays.sort(t);
        out.printf(Locale.ROOT, "depth-first: fsrcnn 60x72 fully-cached LPF 6 on meta-prototype-df (%,.0f pJ): min %.1f ms, median %.1f ms per schedule (fresh memo, after warm-up)%n",
                energy, t[0] / 1e6, t[2] / 1e6);
        out.flush();
    }

    private static long run(List<GoldenRuns.Row> rows) {
        long n = 0;
        for (GoldenRuns.Row row : rows) {
            n += LOMA.evaluate(row.problem()).orderingsEnumerated();
        }
        return n;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (Exception e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }
}
