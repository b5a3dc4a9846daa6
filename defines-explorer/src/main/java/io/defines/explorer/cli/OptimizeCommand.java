package io.defines.explorer.cli;

import io.defines.core.compat.CompatFlags;
import io.defines.core.depthfirst.DepthFirstEngine;
import io.defines.core.depthfirst.ScheduleOutcome;
import io.defines.core.depthfirst.ScheduleResult;
import io.defines.core.hardware.Accelerator;
import io.defines.core.input.InputFiles;
import io.defines.core.mapper.SingleLayerCache;
import io.defines.core.onnx.OnnxOptions;
import io.defines.core.optimize.ScheduleOptimizer;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.Schedule;
import io.defines.core.schedule.SchedulePlan;
import io.defines.core.schedule.StackSettings;
import io.defines.core.workload.Workload;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code defines optimize}: the exact Pareto front of depth-first schedules with per-stack tiles and overlaps (docs/schedules.md). */
@Command(name = "optimize", mixinStandardHelpOptions = true,
        description = {"The best depth-first schedules: stack cuts, and per stack a tile size and an overlap strategy, over",
            "energy, latency and on-chip peak (exact Pareto front; stacks exchange data through the off-chip memory)."})
final class OptimizeCommand implements Callable<Integer> {

    @Option(names = "--workload", required = true, paramLabel = "W", description = "Workload YAML or ONNX.")
    Path workload;

    @Option(names = "--accelerator", required = true, paramLabel = "A", description = "Accelerator YAML.")
    Path accelerator;

    @Option(names = "--mapping", paramLabel = "M", description = "Mapping YAML (default: the library's, as for evaluate).")
    Path mapping;

    @Option(names = "--objective", defaultValue = "energy", description = "energy, latency or edp: which front point is best.yaml (default: ${DEFAULT-VALUE}).")
    String objective;

    @Option(names = "--sram-budget", paramLabel = "SIZE", description = "Largest on-chip peak, e.g. 2MiB, 512KB, 4194304b (bits by default).")
    String budget;

    @Option(names = "--tiles", defaultValue = "auto", paramLabel = "auto|TXxTY;…",
            description = "Candidate tiles for every stack: auto (docs/schedules.md) or a ;-separated list, 'full' = the whole map (default: ${DEFAULT-VALUE}).")
    String tiles;

    @Option(names = "--overlap", defaultValue = "all", paramLabel = "all|defines|LIST",
            description = "Candidate overlap strategies: all nine pairs, DeFiNES' three modes, or a ;-separated list (default: ${DEFAULT-VALUE}).")
    String overlaps;

    @Option(names = "--lpf-limit", defaultValue = "6", converter = Converters.LpfLimit.class, description = "LOMA loop-prime-factor limit (default: ${DEFAULT-VALUE}).")
    int lpfLimit;

    @Option(names = "--compat", paramLabel = "MODE", converter = Converters.Compat.class, description = "defines2023 reproduces DeFiNES' numbers; default: fixed.")
    CompatFlags compat;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: results/optimize-<workload>-<accelerator>).")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Threads evaluating stacks (default: the cores); the results do not depend on it.")
    Integer threads;

    @picocli.CommandLine.Mixin
    OnnxMixin onnx;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        CompatFlags flags = compat == null ? CompatFlags.FIXED : compat;
        OptimizeSpace.Candidates candidates;
        long budgetBits;
        OnnxOptions options;
        try {
            candidates = OptimizeSpace.candidates(tiles, overlaps);
            budgetBits = budget == null ? Long.MAX_VALUE : OptimizeSpace.bits(budget);
            OptimizeSpace.objective(objective);
            options = onnx.options();
        } catch (IllegalArgumentException e) {
            return Main.usageError(err, "optimize", e.getMessage());
        }
        CommandInputs in = CommandInputs.read(workload, accelerator, mapping, options, err);
        if (in == null) {
            return Main.EXIT_INVALID;
        }
        Workload w = in.workload();
        Accelerator a = in.accelerator();
        DepthFirstEngine engine = new DepthFirstEngine(w, a, in.mapping(), new SingleLayerCache());
        if (threads != null && (threads < 1 || threads > 1024)) {
            return Main.usageError(err, "optimize", "--threads " + threads + " is not from 1 to 1024. Maybe --threads 2");
        }
        long t0 = System.nanoTime();
        ScheduleOptimizer optimizer = new ScheduleOptimizer(engine, w);
        ScheduleOptimizer.Space space = new ScheduleOptimizer.Space(candidates.settings(), lpfLimit, flags, budgetBits);
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads == null ? Runtime.getRuntime().availableProcessors() : threads);
        ScheduleOptimizer.Result result;
        try {
            // the optimizer's parallel streams run in this pool; its results are in a fixed order whatever the threads
            result = pool.submit(() -> optimizer.optimize(space)).get();
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Path dir = out != null ? out : Path.of("results", "optimize-" + InputFiles.stem(workload) + "-" + a.name());
        Files.createDirectories(dir.resolve("schedules"));
        ToDoubleFunction<ScheduleOptimizer.Point> score = OptimizeSpace.objective(objective);
        List<ScheduleOptimizer.Point> front = result.front();
        StringBuilder csv = new StringBuilder("schedule_id,energy_pj,latency_cycles,edp,onchip_peak_bits,dram_access_bits,mac_count,stacks,schedule_file\n");
        for (int i = 0; i < front.size(); i++) {
            ScheduleOptimizer.Point p = front.get(i);
            String file = "schedules/" + i + ".yaml";
            SchedulePlan plan = p.plan(lpfLimit, flags);
            Files.writeString(dir.resolve(file), plan.toYaml(), StandardCharsets.UTF_8);
            csv.append(String.format(Locale.ROOT, "%d,%.6f,%d,%.6e,%d,%.0f,%d,%d,%s%n", i, p.energyPj(), p.latencyCycles(), p.edp(), p.onChipPeakBits(),
                    p.offChipAccessBits(), p.macCount(), p.stacks().size(), file));
        }
        Files.writeString(dir.resolve("front.csv"), csv.toString(), StandardCharsets.UTF_8);
        StringBuilder summary = new StringBuilder();
        summary.append(String.format(Locale.ROOT, "%s on %s: %d candidate settings per stack (%s), %d stacks evaluated (%d infeasible), %.2f s%n",
                w.name(), a.name(), candidates.settings().size(), candidates.description(), result.stacksEvaluated(),
                result.stacksInfeasible(), seconds));
        if (front.isEmpty()) {
            summary.append("no schedule fits").append(budget == null ? "" : " the budget of " + budgetBits + " bits").append('\n');
            Files.writeString(dir.resolve("summary.txt"), summary.toString(), StandardCharsets.UTF_8);
            stdout.print(summary);
            return Main.EXIT_INVALID;
        }
        ScheduleOptimizer.Point best = front.stream().min(Comparator.comparingDouble(score)).orElseThrow();
        Files.writeString(dir.resolve("best.yaml"), best.plan(lpfLimit, flags).toYaml(), StandardCharsets.UTF_8);
        summary.append(String.format(Locale.ROOT, "front: %d schedules; best by %s: energy %.0f pJ, latency %d cycles, on-chip peak %d bits, %d stacks%n",
                front.size(), objective, best.energyPj(), best.latencyCycles(), best.onChipPeakBits(), best.stacks().size()));
        for (String line : baselines(engine, candidates.settings(), flags, budgetBits, score, best)) {
            summary.append(line).append('\n');
        }
        Files.writeString(dir.resolve("summary.txt"), summary.toString(), StandardCharsets.UTF_8);
        stdout.print(summary);
        stdout.println("wrote " + dir.resolve("front.csv") + ", " + dir.resolve("best.yaml") + ", " + dir.resolve("schedules"));
        return Main.EXIT_OK;
    }

    /** DeFiNES' automatic cuts and layer by layer, each with the best single candidate for every stack, against the best. */
    private List<String> baselines(DepthFirstEngine engine, List<StackSettings> candidates, CompatFlags flags, long budgetBits,
                                   ToDoubleFunction<ScheduleOptimizer.Point> score, ScheduleOptimizer.Point best) {
        List<String> lines = new ArrayList<>();
        for (CutPolicy cuts : List.of(CutPolicy.AUTO, CutPolicy.LAYER_BY_LAYER)) {
            ScheduleOptimizer.Point bestHere = null;
            for (StackSettings c : candidates) {
                ScheduleOutcome o = engine.evaluate(Schedule.uniform(c.tile(), c.horizontal(), c.vertical(), cuts, lpfLimit, flags));
                if (o instanceof ScheduleOutcome.Feasible f && f.result().onChipPeakBits() <= budgetBits) {
                    ScheduleResult r = f.result();
                    ScheduleOptimizer.Point p = new ScheduleOptimizer.Point(r.energyPj(), r.latencyCycles(), r.onChipPeakBits(), r.stacks());
                    if (bestHere == null || score.applyAsDouble(p) < score.applyAsDouble(bestHere)) {
                        bestHere = p;
                    }
                }
            }
            String name = cuts == CutPolicy.AUTO ? "DeFiNES' automatic cuts, one setting for all stacks" : "layer by layer, one setting for all stacks";
            lines.add(bestHere == null ? name + ": no schedule fits" : String.format(Locale.ROOT,
                    "%s: energy %.0f pJ, latency %d cycles, on-chip peak %d bits; the best is %.3f× its %s", name, bestHere.energyPj(),
                    bestHere.latencyCycles(), bestHere.onChipPeakBits(), score.applyAsDouble(best) / score.applyAsDouble(bestHere), objective));
        }
        return lines;
    }
}
