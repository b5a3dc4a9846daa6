package io.defines.explorer.cli;

import io.defines.core.compat.CompatFlags;
import io.defines.core.depthfirst.DepthFirstEngine;
import io.defines.core.hardware.Accelerator;
import io.defines.core.input.InputFiles;
import io.defines.core.mapper.SingleLayerCache;
import io.defines.core.mapper.TemporalMapper;
import io.defines.core.onnx.OnnxOptions;
import io.defines.core.optimize.ScheduleOptimizer;
import io.defines.core.optimize.SchedulePoint;
import io.defines.core.optimize.Baselines;
import java.time.Instant;
import io.defines.core.workload.Workload;
import java.io.PrintWriter;
import java.nio.file.Path;
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

    @Option(names = "--boundaries", paramLabel = "on-chip|off-chip",
            description = "Whether tensors between stacks may stay in an on-chip memory (default: on-chip; off-chip with --compat defines2023).")
    String boundaries;

    @Option(names = "--lpf-limit", defaultValue = "6", converter = Converters.LpfLimit.class, description = "LOMA loop-prime-factor limit (default: ${DEFAULT-VALUE}).")
    int lpfLimit;

    @Option(names = "--mapper", paramLabel = "NAME", defaultValue = TemporalMapper.DEFAULT, converter = Converters.Mapper.class,
            description = "Single-layer mapper: loma (DeFiNES' search) or exact (docs/single-layer-model.md) (default: ${DEFAULT-VALUE}).")
    String mapper;

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

    /** Stacks from which the optimising compiler pays (MobileNet-V1's 5 529: 17 s → 10 s; FSRCNN's 756 stay with C1). */
    static final long STACKS_WORTH_C2 = 3_000;

    /**
     * Single-layer results the optimizer keeps (the most recently used): with boundary tensors on chip
     * most problems are met once (each reduced capacity is a new problem), and keeping all of them grew
     * the heap past 6 GB on MobileNetV2; SINGLE_LAYER_RESULTS is read from the environment for experiments.
     */
    static final long SINGLE_LAYER_RESULTS = Long.parseLong(System.getenv().getOrDefault("DEFINES_SINGLE_LAYER_RESULTS", "100000"));

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        CompatFlags flags = compat == null ? CompatFlags.FIXED : compat;
        OptimizeSpace.Candidates candidates;
        long budgetBits;
        ToDoubleFunction<SchedulePoint> score;
        OnnxOptions options;
        try {
            candidates = OptimizeSpace.candidates(tiles, overlaps);
            budgetBits = budget == null ? Long.MAX_VALUE : OptimizeSpace.bits(budget);
            score = OptimizeSpace.objective(objective);
            options = onnx.options();
        } catch (IllegalArgumentException e) {
            return Main.usageError(err, "optimize", e.getMessage());
        }
        boolean onChip = ScheduleOptimizer.Space.onChipByDefault(flags);
        if (boundaries != null) {
            if (!boundaries.equals("on-chip") && !boundaries.equals("off-chip")) {
                return Main.usageError(err, "optimize", "--boundaries " + boundaries + " is neither on-chip nor off-chip. Maybe --boundaries off-chip");
            }
            if (boundaries.equals("on-chip") && !onChip) {
                return Main.usageError(err, "optimize", "--boundaries on-chip is not in DeFiNES' model: with --compat defines2023 every tensor "
                        + "between stacks goes off chip. Maybe drop --compat");
            }
            onChip = boundaries.equals("on-chip");
        }
        if (threads != null && (threads < 1 || threads > 1024)) {
            return Main.usageError(err, "optimize", "--threads " + threads + " is not from 1 to 1024. Maybe --threads 2");
        }
        CommandInputs in = CommandInputs.read(workload, accelerator, mapping, options, err);
        if (in == null) {
            return Main.EXIT_INVALID;
        }
        Workload w = in.workload();
        Accelerator a = in.accelerator();
        DepthFirstEngine engine = new DepthFirstEngine(w, a, in.mapping(), SingleLayerCache.boundedAcrossCapacities(
                TemporalMapper.byName(mapper).orElseThrow(), SINGLE_LAYER_RESULTS));
        ScheduleOptimizer optimizer = new ScheduleOptimizer(engine, w);
        int n = optimizer.layers();
        Integer child = LongRunJvm.restartIfWorthIt("optimize", (long) n * (n + 1) / 2 * candidates.settings().size(),
                !mapper.equals(TemporalMapper.DEFAULT) ? 1 : STACKS_WORTH_C2, err);
        if (child != null) {
            return child;
        }
        long t0 = System.nanoTime();
        Instant start = Instant.now();
        ScheduleOptimizer.Space space = new ScheduleOptimizer.Space(candidates.settings(), candidates.stackTileOverlaps(), lpfLimit, flags,
                budgetBits, onChip);
        ScheduleOptimizer.Result result = OptimizeReport.search(optimizer, space,
                threads == null ? Runtime.getRuntime().availableProcessors() : threads, OptimizeReport.progressOn(err, "defines optimize"));
        double seconds = (System.nanoTime() - t0) / 1e9;
        Path dir = out != null ? out : Path.of("results", "optimize-" + InputFiles.stem(workload) + "-" + a.name());
        Path mappingFile = mapping != null ? mapping : InputFiles.libraryMapping(accelerator, workload);
        Path here = Path.of("").toAbsolutePath();
        OptimizeReport.Request request = OptimizeReport.Request.of(w, a, workload, accelerator,
                mappingFile.isAbsolute() && mappingFile.startsWith(here) ? here.relativize(mappingFile) : mappingFile, objective, budgetBits,
                candidates.description(), lpfLimit, flags, mapper, start);
        String summary = new OptimizeReport(dir, request, score)
                .write(result, new Baselines(optimizer, space, result, score), candidates.settings(), engine, seconds);
        stdout.print(summary);
        if (result.front().isEmpty()) {
            return Main.EXIT_INVALID;
        }
        stdout.println("wrote " + dir.resolve("front.csv") + ", " + dir.resolve("best.yaml") + ", " + dir.resolve("budget.csv") + ", "
                + dir.resolve("summary.txt") + ", " + dir.resolve("manifest.json") + ", " + dir.resolve("schedules"));
        return Main.EXIT_OK;
    }
}
