package io.defines.explorer.cli;

import io.defines.core.depthfirst.DepthFirstEngine;
import io.defines.core.input.InputFiles;
import io.defines.core.mapper.SingleLayerCache;
import io.defines.core.mapper.TemporalMapper;
import io.defines.core.optimize.Baselines;
import io.defines.core.optimize.ScheduleOptimizer;
import io.defines.core.optimize.SchedulePoint;
import io.defines.core.schedule.StackSettings;
import io.defines.explorer.sweep.DesignPoint;
import io.defines.explorer.sweep.Exploration;
import io.defines.explorer.sweep.Objective;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * {@code sweep} of an exploration with {@code search: optimal} (docs/explorations.md): per workload ×
 * accelerator (× mapping) the optimizer over the exploration's tiles and overlap strategies as every
 * stack's candidates, its folder written as {@code optimize} writes one (DIR/optimal/&lt;n&gt;-&lt;workload&gt;-&lt;accelerator&gt;/),
 * and one row per pair in DIR/optimal.csv with the best schedule's totals and file.
 */
final class OptimalSweep {

    static final String HEADER = "pair_id,workload,accelerator,mapping,energy_pj,latency_cycles,edp,onchip_peak_bits,dram_access_bits,"
            + "mac_count,stacks,front_size,seconds,best_schedule_file";

    private OptimalSweep() {
    }

    static int run(Exploration x, Path dir, int threads, PrintWriter err, PrintWriter stdout) throws Exception {
        Map<List<Object>, List<DesignPoint>> pairs = new LinkedHashMap<>();
        for (DesignPoint p : x.points()) {
            pairs.computeIfAbsent(List.of(p.workload(), p.accelerator(), p.mapping(), p.onnx()), k -> new ArrayList<>()).add(p);
        }
        Objective first = x.objectives().isEmpty() ? Objective.ENERGY : x.objectives().get(0);
        String objective = switch (first) {
            case LATENCY -> "latency";
            case EDP -> "edp";
            default -> "energy";
        };
        ToDoubleFunction<SchedulePoint> score = OptimizeSpace.objective(objective);
        Files.createDirectories(dir);
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        int id = 0;
        for (List<DesignPoint> group : pairs.values()) {
            DesignPoint p = group.get(0);
            List<StackSettings> candidates = group.stream().map(d -> d.schedule().stacks().get(0)).distinct().toList();
            CommandInputs in = CommandInputs.read(p.workload(), p.accelerator(), p.mapping(), p.onnx(), err);
            if (in == null) {
                return Main.EXIT_INVALID;
            }
            DepthFirstEngine engine = new DepthFirstEngine(in.workload(), in.accelerator(), in.mapping(),
                    SingleLayerCache.boundedAcrossCapacities(TemporalMapper.byName(x.mapper()).orElseThrow(), OptimizeCommand.SINGLE_LAYER_RESULTS));
            ScheduleOptimizer optimizer = new ScheduleOptimizer(engine, in.workload());
            ScheduleOptimizer.Space space = new ScheduleOptimizer.Space(candidates, p.lpfLimit(), p.schedule().flags(), Long.MAX_VALUE)
                    .withOnChipBoundaries(ScheduleOptimizer.Space.onChipByDefault(p.schedule().flags()));
            Instant start = Instant.now();
            long t0 = System.nanoTime();
            ScheduleOptimizer.Result result = OptimizeReport.search(optimizer, space, threads);
            double seconds = (System.nanoTime() - t0) / 1e9;
            String sub = "optimal/" + id + "-" + InputFiles.stem(p.workload()) + "-" + in.accelerator().name();
            OptimizeReport.Request request = OptimizeReport.Request.of(in.workload(), in.accelerator(), p.workload(), p.accelerator(), p.mapping(),
                    objective, Long.MAX_VALUE, candidates.size() + " settings of the exploration", p.lpfLimit(), p.schedule().flags(), x.mapper(), start);
            new OptimizeReport(dir.resolve(sub), request, score).write(result, new Baselines(optimizer, space, result, score), candidates, engine,
                    seconds);
            SchedulePoint best = result.best(score).orElse(null);
            csv.append(id).append(',').append(p.workload()).append(',').append(p.accelerator()).append(',').append(p.mapping()).append(',');
            csv.append(best == null ? ",,,,,,,0," + String.format(Locale.ROOT, "%.2f", seconds) + ","
                    : String.format(Locale.ROOT, "%.6f,%d,%.6e,%d,%.0f,%d,%d,%d,%.2f,%s", best.energyPj(), best.latencyCycles(), best.edp(),
                            best.onChipPeakBits(), best.offChipAccessBits(), best.macCount(), best.stacks().size(), result.front().size(), seconds,
                            sub + "/best.yaml")).append('\n');
            stdout.printf(Locale.ROOT, "%s on %s: %s (%d stacks evaluated, %.1f s) → %s%n", in.workload().name(), in.accelerator().name(),
                    best == null ? "no schedule fits" : String.format(Locale.ROOT, "best %.0f pJ, %d cycles, %d stacks", best.energyPj(),
                            best.latencyCycles(), best.stacks().size()), result.stacksEvaluated(), seconds, dir.resolve(sub));
            id++;
        }
        Files.writeString(dir.resolve("optimal.csv"), csv.toString(), StandardCharsets.UTF_8);
        stdout.println("wrote " + dir.resolve("optimal.csv"));
        return Main.EXIT_OK;
    }
}
