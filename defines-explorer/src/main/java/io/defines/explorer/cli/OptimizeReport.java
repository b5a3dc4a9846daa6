package io.defines.explorer.cli;

import com.google.common.hash.Hashing;
import io.defines.core.compat.CompatFlags;
import io.defines.core.compat.Quirk;
import io.defines.core.depthfirst.DepthFirstEngine;
import io.defines.core.depthfirst.ScheduleOutcome;
import io.defines.core.depthfirst.ScheduleResult;
import io.defines.core.hardware.Accelerator;
import io.defines.core.optimize.Baselines;
import io.defines.core.optimize.ScheduleOptimizer;
import io.defines.core.optimize.SchedulePoint;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.Schedule;
import io.defines.core.schedule.StackSettings;
import io.defines.core.schedule.SchedulePlan;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Workload;
import io.defines.explorer.results.ManifestFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.function.ToDoubleFunction;

/**
 * The files of an optimizer run (docs/schedules.md): front.csv, one schedule file per front point,
 * best.yaml, the baselines' schedule files, budget.csv, summary.txt and manifest.json. Everything but
 * the times in summary.txt and manifest.json is the same at any thread count.
 */
final class OptimizeReport {

    static final String FRONT_HEADER = "schedule_id,energy_pj,latency_cycles,edp,onchip_peak_bits,dram_access_bits,mac_count,stacks,schedule_file";
    static final String BUDGET_HEADER = "budget_bits,best_energy_pj,best_latency_cycles,best_schedule_id,greedy_energy_pj,greedy_latency_cycles,"
            + "layer_by_layer_energy_pj,layer_by_layer_latency_cycles";

    /** What the run was asked: the inputs (for the manifest) and the options that shape the results. */
    record Request(String workloadName, String acceleratorName, List<Integer> layerIds, Map<String, Path> inputs, String objective,
                   long budgetBits, String candidates, int lpfLimit, CompatFlags flags, String mapper, Instant start) {

        /** The request for a workload on an accelerator, its input files named workload, accelerator and mapping. */
        static Request of(Workload w, Accelerator a, Path workload, Path accelerator, Path mapping, String objective, long budgetBits,
                          String candidates, int lpfLimit, CompatFlags flags, String mapper, Instant start) {
            Map<String, Path> files = new LinkedHashMap<>();
            files.put("workload", workload);
            files.put("accelerator", accelerator);
            files.put("mapping", mapping);
            return new Request(w.name(), a.name(), w.layers().stream().map(Layer::id).sorted().toList(), files, objective, budgetBits,
                    candidates, lpfLimit, flags, mapper, start);
        }

        /** The schedule file of {@code p}, as this request searched it. */
        SchedulePlan plan(SchedulePoint p) {
            return p.plan(lpfLimit, flags).withMapper(mapper);
        }
    }

    /** Runs the optimizer's parallel work in a pool of {@code threads}; its results are in a fixed order whatever the threads. */
    static ScheduleOptimizer.Result search(ScheduleOptimizer optimizer, ScheduleOptimizer.Space space, int threads) throws Exception {
        return search(optimizer, space, threads, ScheduleOptimizer.Progress.NONE);
    }

    /** The same, telling {@code progress} after each cut position. */
    static ScheduleOptimizer.Result search(ScheduleOptimizer optimizer, ScheduleOptimizer.Space space, int threads,
                                           ScheduleOptimizer.Progress progress) throws Exception {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return pool.submit(() -> optimizer.optimize(space, progress)).get();
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Progress lines on {@code err} for long searches: the first after 10 s, then at most one every 10 s
     * (cut positions done, stacks evaluated, elapsed time). Nothing for searches that end sooner.
     */
    static ScheduleOptimizer.Progress progressOn(PrintWriter err, String what) {
        long start = System.nanoTime();
        long[] next = {start + 10_000_000_000L};
        return (position, positions, stacks) -> {
            long now = System.nanoTime();
            if (now >= next[0] && position < positions) {
                next[0] = now + 10_000_000_000L;
                err.printf(Locale.ROOT, "%s: %d of %d cut positions, %d stacks evaluated, %.0f s%n", what, position, positions, stacks,
                        (now - start) / 1e9);
                err.flush();
            }
        };
    }

    private final Path dir;
    private final Request request;
    private final ToDoubleFunction<SchedulePoint> score;

    OptimizeReport(Path dir, Request request, ToDoubleFunction<SchedulePoint> score) {
        this.dir = dir;
        this.request = request;
        this.score = score;
    }

    /** Writes every file; the summary's text is returned for the terminal. Empty front: summary and manifest only. */
    String write(ScheduleOptimizer.Result result, Baselines baselines, List<StackSettings> candidates, DepthFirstEngine engine,
                 double seconds) throws IOException {
        Files.createDirectories(dir.resolve("schedules"));
        List<SchedulePoint> front = result.front();
        StringBuilder csv = new StringBuilder(FRONT_HEADER).append('\n');
        for (int i = 0; i < front.size(); i++) {
            SchedulePoint p = front.get(i);
            String file = "schedules/" + i + ".yaml";
            write(file, request.plan(p).toYaml());
            csv.append(String.format(Locale.ROOT, "%d,%.6f,%d,%.6e,%d,%.0f,%d,%d,%s%n", i, p.energyPj(), p.latencyCycles(), p.edp(),
                    p.onChipPeakBits(), p.offChipAccessBits(), p.macCount(), p.stacks().size(), file));
        }
        write("front.csv", csv.toString());
        StringBuilder summary = new StringBuilder(String.format(Locale.ROOT,
                "%s on %s: %d candidate settings per stack (%s), boundary tensors %s, %d stacks evaluated (%d with boundary tensors on chip, "
                        + "%d infeasible), %.2f s%n", request.workloadName(), request.acceleratorName(), candidates.size(), request.candidates(),
                baselines.space().onChipBoundaries() ? "on or off chip" : "off chip", result.stacksEvaluated(), result.stacksOnChip(),
                result.stacksInfeasible(), seconds));
        Map<String, Object> manifest = manifest(result, seconds);
        manifest.put("boundaries", baselines.space().onChipBoundaries() ? "on-chip" : "off-chip");
        manifest.put("stacks_on_chip", result.stacksOnChip());
        if (front.isEmpty()) {
            summary.append("no schedule fits").append(request.budgetBits() == Long.MAX_VALUE ? "" : " the budget of " + request.budgetBits() + " bits")
                    .append('\n');
            write("summary.txt", summary.toString());
            ManifestFile.write(dir, manifest);
            return summary.toString();
        }
        SchedulePoint best = result.best(score).orElseThrow();
        write("best.yaml", request.plan(best).toYaml());
        long kept = best.stacks().stream().mapToLong(st -> st.keptOutputs().size()).sum();
        summary.append(String.format(Locale.ROOT, "front: %d schedules; best by %s: %s, %d stacks, %d boundary tensors kept on chip%n",
                front.size(), request.objective(), totals(best), best.stacks().size(), kept));
        Map<String, Optional<SchedulePoint>> others = new LinkedHashMap<>();
        others.put("defines_auto_cuts_grid", grid(engine, baselines, candidates, CutPolicy.AUTO));
        others.put("layer_by_layer_grid", grid(engine, baselines, candidates, CutPolicy.LAYER_BY_LAYER));
        others.put("layer_by_layer_best_per_stack", baselines.layerByLayer(request.budgetBits()));
        others.put("greedy_cascade", baselines.greedyCascade(request.budgetBits()));
        Files.createDirectories(dir.resolve("baselines"));
        Map<String, Object> baselineTotals = new LinkedHashMap<>();
        others.forEach((key, p) -> {
            String name = BASELINE_NAMES.get(key);
            summary.append(p.isEmpty() ? name + ": no schedule fits\n" : String.format(Locale.ROOT, "%s: %s; the best is %.3f× its %s%n", name,
                    totals(p.get()), score.applyAsDouble(best) / score.applyAsDouble(p.get()), request.objective()));
            baselineTotals.put(key, p.map(OptimizeReport::json).orElse(null));
        });
        others.get("greedy_cascade").ifPresent(p -> write("baselines/greedy-cascade.yaml", request.plan(p).toYaml()));
        others.get("layer_by_layer_best_per_stack")
                .ifPresent(p -> write("baselines/layer-by-layer.yaml", request.plan(p).toYaml()));
        List<Baselines.BudgetStep> curve = baselines.budgetCurve();
        write("budget.csv", budgetCsv(curve, baselines));
        Baselines.BudgetStep smallest = curve.get(0);
        summary.append(String.format(Locale.ROOT, "smallest budget any schedule fits: %d bits (%.1f KiB), best there: %s%n", smallest.budgetBits(),
                smallest.budgetBits() / 8192.0, totals(smallest.best())));
        Optional<SchedulePoint> greedyThere = baselines.greedyCascade(smallest.budgetBits());
        Optional<SchedulePoint> layerByLayerThere = baselines.layerByLayer(smallest.budgetBits());
        summary.append(smallestComparison("greedy cascades", greedyThere));
        summary.append(smallestComparison("layer by layer", layerByLayerThere));
        write("summary.txt", summary.toString());
        manifest.put("best_schedule", "best.yaml");
        manifest.put("best", json(best));
        manifest.put("baselines", baselineTotals);
        Map<String, Object> tight = new LinkedHashMap<>();
        tight.put("budget_bits", smallest.budgetBits());
        tight.put("best", json(smallest.best()));
        tight.put("greedy_cascade", greedyThere.map(OptimizeReport::json).orElse(null));
        tight.put("layer_by_layer_best_per_stack", layerByLayerThere.map(OptimizeReport::json).orElse(null));
        manifest.put("smallest_feasible_budget", tight);
        ManifestFile.write(dir, manifest);
        return summary.toString();
    }

    /** The baselines by manifest key, with the summary's wording. */
    private static final Map<String, String> BASELINE_NAMES = Map.of(
            "defines_auto_cuts_grid", "DeFiNES' automatic cuts, one setting for all stacks",
            "layer_by_layer_grid", "layer by layer, one setting for all stacks",
            "layer_by_layer_best_per_stack", "layer by layer, the best setting per stack",
            "greedy_cascade", "greedy cascades (Vela's manner), the best setting per stack");

    private static Map<String, Object> json(SchedulePoint p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("energy_pj", p.energyPj());
        m.put("latency_cycles", p.latencyCycles());
        m.put("edp", p.edp());
        m.put("onchip_peak_bits", p.onChipPeakBits());
        m.put("stacks", p.stacks().size());
        return m;
    }

    private static String smallestComparison(String name, Optional<SchedulePoint> p) {
        return "  at that budget, " + name + ": " + (p.isEmpty() ? "no schedule fits" : totals(p.get())) + "\n";
    }

    private static String totals(SchedulePoint p) {
        return String.format(Locale.ROOT, "energy %.0f pJ, latency %d cycles, on-chip peak %d bits", p.energyPj(), p.latencyCycles(),
                p.onChipPeakBits());
    }

    /**
     * The best DeFiNES grid point over the candidates with these cuts: in the default mode from the
     * evaluated stacks (its stacks are runs of the topological order, BaselinesTest compares), in compat
     * mode evaluated whole by the engine (DeFiNES' stack rule).
     */
    private Optional<SchedulePoint> grid(DepthFirstEngine engine, Baselines baselines, List<StackSettings> candidates, CutPolicy cuts) {
        if (!request.flags().has(Quirk.STACK_BY_ANCESTRY)) {
            List<Integer> cutIds = engine.cutIds(cuts);
            return candidates.stream().map(c -> baselines.uniform(cutIds, c)).flatMap(Optional::stream)
                    .min(java.util.Comparator.comparingDouble(score));
        }
        SchedulePoint best = null;
        for (StackSettings c : candidates) {
            ScheduleOutcome o = engine.evaluate(Schedule.uniform(c.tile(), c.horizontal(), c.vertical(), cuts, request.lpfLimit(), request.flags()));
            // in compat mode DeFiNES' stack rule (ancestry) can leave a layer out or compute it twice: not a schedule to compare with
            if (o instanceof ScheduleOutcome.Feasible f && f.result().onChipPeakBits() <= request.budgetBits()
                    && f.result().stacks().stream().flatMap(s -> s.layerIds().stream()).sorted().toList().equals(request.layerIds())) {
                ScheduleResult r = f.result();
                SchedulePoint p = new SchedulePoint(r.energyPj(), r.latencyCycles(), r.onChipPeakBits(), r.stacks());
                if (best == null || score.applyAsDouble(p) < score.applyAsDouble(best)) {
                    best = p;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private String budgetCsv(List<Baselines.BudgetStep> curve, Baselines baselines) {
        StringBuilder csv = new StringBuilder(BUDGET_HEADER).append('\n');
        for (Baselines.BudgetStep s : curve) {
            Optional<SchedulePoint> g = baselines.greedyCascade(s.budgetBits());
            Optional<SchedulePoint> l = baselines.layerByLayer(s.budgetBits());
            csv.append(String.format(Locale.ROOT, "%d,%.6f,%d,%d,%s,%s,%s,%s%n", s.budgetBits(), s.best().energyPj(), s.best().latencyCycles(),
                    s.frontIndex(), g.map(p -> String.format(Locale.ROOT, "%.6f", p.energyPj())).orElse(""),
                    g.map(p -> String.valueOf(p.latencyCycles())).orElse(""),
                    l.map(p -> String.format(Locale.ROOT, "%.6f", p.energyPj())).orElse(""),
                    l.map(p -> String.valueOf(p.latencyCycles())).orElse("")));
        }
        return csv.toString();
    }

    private Map<String, Object> manifest(ScheduleOptimizer.Result result, double seconds) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", "optimize");
        m.put("tool_version", new Main.Version().getVersion()[0]);
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (var e : request.inputs().entrySet()) {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("path", e.getValue().toString());
            file.put("sha256", Hashing.sha256().hashBytes(Files.readAllBytes(e.getValue())).toString());
            inputs.put(e.getKey(), file);
        }
        m.put("inputs", inputs);
        m.put("objective", request.objective());
        m.put("sram_budget_bits", request.budgetBits() == Long.MAX_VALUE ? null : request.budgetBits());
        m.put("candidates", request.candidates());
        m.put("lpf_limit", request.lpfLimit());
        m.put("compat", request.flags().equals(CompatFlags.DEFINES_2023) ? "defines2023" : "fixed");
        m.put("mapper", request.mapper());
        m.put("stacks_evaluated", result.stacksEvaluated());
        m.put("stacks_infeasible", result.stacksInfeasible());
        m.put("front_size", result.front().size());
        m.put("seconds", Math.round(seconds * 100) / 100.0);
        m.put("jdk", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        m.put("start", request.start().toString());
        m.put("end", Instant.now().toString());
        return m;
    }

    private void write(String file, String text) {
        try {
            Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
