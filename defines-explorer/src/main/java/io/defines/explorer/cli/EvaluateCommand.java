package io.defines.explorer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.defines.core.compat.CompatFlags;
import io.defines.core.cost.LayerCost;
import io.defines.core.depthfirst.DepthFirstEngine;
import io.defines.core.depthfirst.ResultKey;
import io.defines.core.depthfirst.ScheduleOutcome;
import io.defines.core.depthfirst.ScheduleResult;
import io.defines.core.depthfirst.StackResult;
import io.defines.core.depthfirst.TypeResult;
import io.defines.core.hardware.Accelerator;
import io.defines.core.input.Parsed;
import io.defines.core.input.ScheduleReader;
import io.defines.core.mapper.SingleLayerCache;
import io.defines.core.mapper.TemporalMapper;
import io.defines.core.onnx.OnnxOptions;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.OverlapPair;
import io.defines.core.schedule.Schedule;
import io.defines.core.schedule.SchedulePlan;
import io.defines.core.schedule.StackSettings;
import io.defines.core.schedule.TileSize;
import io.defines.core.workload.Workload;
import io.defines.explorer.results.ResultJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code defines evaluate}: energy and latency of one depth-first schedule. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate one depth-first schedule: stacks, tile types, memory levels, data copies, energy (pJ) and latency (cycles)."})
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--workload", required = true, paramLabel = "W", description = "Workload YAML.")
    Path workload;

    @Option(names = "--accelerator", required = true, paramLabel = "A", description = "Accelerator YAML.")
    Path accelerator;

    @Option(names = "--mapping", paramLabel = "M",
            description = "Mapping YAML (default: hardware/mappings/<family>/<workload>.yaml next to the accelerator, family = accelerator name without -df).")
    Path mapping;

    @Option(names = "--tile", paramLabel = "TXxTY", converter = Converters.Tile.class,
            description = "Tile size in the last layer's OX × OY, e.g. 60x72 (required unless --schedule).")
    TileSize tile;

    @Option(names = "--overlap", paramLabel = "STRATEGY", converter = Converters.Overlap.class,
            description = {"fully-recompute | h-cached-v-recompute | fully-cached (DeFiNES' modes), or h=<s>,v=<s> with",
                    "<s> = recompute | cache | global per direction (default: fully-cached)."})
    OverlapPair overlap;

    @Option(names = "--lpf-limit", converter = Converters.LpfLimit.class, description = "LOMA loop-prime-factor limit, 1 to 64 (default: 8).")
    Integer lpfLimit;

    @Option(names = "--mapper", paramLabel = "NAME", converter = Converters.Mapper.class,
            description = "Single-layer mapper: loma (DeFiNES' search, the default) or exact (docs/single-layer-model.md); overrides a schedule file's.")
    String mapper;

    @Option(names = "--schedule", paramLabel = "FILE",
            description = "A schedule file (docs/schedules.md): each stack's layers, tile and overlap; instead of --tile, --overlap, --cuts, --lpf-limit, --compat.")
    Path scheduleFile;

    @Option(names = "--save-schedule", paramLabel = "FILE", description = "Also write the evaluated schedule as a schedule file.")
    Path saveSchedule;

    @Option(names = "--compat", paramLabel = "MODE", converter = Converters.Compat.class, description = "defines2023 reproduces DeFiNES' numbers, quirks included; default: fixed.")
    CompatFlags compat;

    @Option(names = "--cuts", paramLabel = "IDS", converter = Converters.Cuts.class,
            description = {"Stack cuts: layer ids after which a new stack starts (default: DeFiNES' automatic cuts);",
                    "'none' = one fused stack; 'layer-by-layer' = a cut after every layer."})
    CutPolicy cuts;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    DescribeCommand.Format format;

    @picocli.CommandLine.Mixin
    OnnxMixin onnx;

    @Spec
    CommandSpec spec;

    /** The message and hint for a schedule the engine cannot evaluate or that does not fit. */
    private static int refused(ScheduleOutcome.Problem outcome, Schedule schedule, PrintWriter err) {
        if (outcome instanceof ScheduleOutcome.Infeasible inf) {
            err.println("defines evaluate: the schedule does not fit the accelerator: " + inf.message());
            err.println("  Maybe a smaller tile (--tile), another overlap strategy, or more stack cuts (--cuts)");
        } else if (outcome instanceof ScheduleOutcome.Overfull o) {
            err.println("defines evaluate: the schedule does not fit the accelerator: " + o.message());
            err.println("  Maybe keep fewer boundary tensors in " + o.memory() + " (on_chip), or some in another memory");
        } else {
            err.println("defines evaluate: " + outcome.message());
            err.println(schedule.onChip().isEmpty() ? "  Maybe --cuts none, or cuts only where no branch is open (between residual blocks)"
                    : "  Maybe keep that tensor off chip (drop it from on_chip) or in a memory the message names");
        }
        return Main.EXIT_INVALID;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CompatFlags flags = compat == null ? CompatFlags.FIXED : compat;
        OnnxOptions options;
        try {
            options = onnx.options();
        } catch (IllegalArgumentException e) {
            return Main.usageError(err, "evaluate", e.getMessage());
        }
        CommandInputs in = CommandInputs.read(workload, accelerator, mapping, options, err);
        if (in == null) {
            return Main.EXIT_INVALID;
        }
        Workload w = in.workload();
        Accelerator a = in.accelerator();
        Schedule schedule;
        SchedulePlan plan = null;
        if (scheduleFile != null) {
            if (tile != null || overlap != null || cuts != null || lpfLimit != null || compat != null) {
                return Main.usageError(err, "evaluate", "--schedule gives the tiles, overlaps, cuts, LPF limit and compatibility mode of every stack"
                        + ". Maybe drop --tile, --overlap, --cuts, --lpf-limit and --compat, or drop --schedule");
            }
            Parsed<SchedulePlan> p = ScheduleReader.read(scheduleFile, w, a);
            if (!Main.report(p, err)) {
                return Main.EXIT_INVALID;
            }
            plan = p.value();
            schedule = plan.schedule(w);
        } else {
            if (tile == null) {
                return Main.usageError(err, "evaluate", "--tile is required. Maybe --tile 60x72, or --schedule FILE");
            }
            CutPolicy policy = cuts == null ? CutPolicy.AUTO : cuts;
            if (policy instanceof CutPolicy.After after) {
                for (int id : after.layerIds()) {
                    if (id != -1 && w.layer(id).isEmpty()) {
                        err.println("defines evaluate: --cuts names layer " + id + ", which " + workload + " does not have");
                        err.println("  Maybe one of the layer ids shown by './defines describe workload " + workload + "'");
                        return Main.EXIT_INVALID;
                    }
                }
            }
            OverlapPair o = overlap == null ? OverlapPair.parse("fully-cached") : overlap;
            schedule = Schedule.uniform(tile, o.horizontal(), o.vertical(), policy, lpfLimit == null ? 8 : lpfLimit, flags);
        }
        String mapperName = mapper != null ? mapper : plan != null ? plan.mapper() : TemporalMapper.DEFAULT;
        DepthFirstEngine engine = new DepthFirstEngine(w, a, in.mapping(), SingleLayerCache.of(TemporalMapper.byName(mapperName).orElseThrow()));
        long t0 = System.nanoTime();
        ScheduleOutcome outcome = engine.evaluate(schedule);
        if (outcome instanceof ScheduleOutcome.Problem problem) {
            return refused(problem, schedule, err);
        }
        ScheduleResult r = outcome.orThrow();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (plan != null && !ScheduleFiles.sameStacks(plan, r)) {
            err.println("defines evaluate: " + scheduleFile + ": the stacks the engine makes from these cuts are " + ScheduleFiles.stacksOf(r)
                    + ", not the listed ones");
            err.println("  Maybe list each stack's layers as a run of the topological order " + ScheduleFiles.order(w));
            return Main.EXIT_INVALID;
        }
        if (saveSchedule != null) {
            ScheduleFiles.write(saveSchedule, r, schedule.lpfLimit(), schedule.flags(), mapperName);
        }
        if (format == DescribeCommand.Format.json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(ResultJson.of(r, a)));
        } else {
            out.print(text(r, a, w.name(), schedule, seconds));
        }
        return Main.EXIT_OK;
    }

    static String text(ScheduleResult r, Accelerator acc, String workload, Schedule s, double seconds) {
        StringBuilder sb = new StringBuilder();
        StackSettings first = s.stacks().get(0);
        boolean uniform = s.stacks().stream().allMatch(first::equals);
        sb.append(String.format(Locale.ROOT, "%s on %s, %s, LPF %d%s%n", workload, acc.name(),
                uniform ? "tile " + first.tile() + ", overlap " + first.overlapText() : "per-stack tiles and overlaps (below)", s.lpfLimit(),
                s.flags().quirks().isEmpty() ? "" : ", compat defines2023"));
        sb.append(String.format(Locale.ROOT, "energy   %,.0f pJ (%.4f mJ), of which MAC %,.0f pJ%n", r.energyPj(), r.energyPj() / 1e9, r.macEnergyPj()));
        sb.append(String.format(Locale.ROOT, "latency  %,d cycles%n", r.latencyCycles()));
        sb.append(String.format(Locale.ROOT, "MACs     %,d (including recomputation)%n", r.macCount()));
        sb.append(String.format(Locale.ROOT, "DRAM     %,.0f bits accessed; on chip at most %,d bits%n", r.offChipAccessBits(acc), r.onChipPeakBits()));
        StringBuilder perMemory = new StringBuilder();
        r.energyPerMemoryPj(acc).forEach((m, e) -> perMemory.append(String.format(Locale.ROOT, " %s %.1f%%", m, 100 * e / r.energyPj())));
        sb.append("energy by memory:").append(perMemory).append(String.format(Locale.ROOT, ", MAC %.1f%%%n", 100 * r.macEnergyPj() / r.energyPj()));
        Map<String, Long> lb = r.latencyBreakdownCycles(acc);
        sb.append(String.format(Locale.ROOT, "latency by part: compute %,d, control %,d, stalls %,d, on-loading %,d, data copies %,d,"
                        + " exposed off-chip transfers %,d cycles (off-loading %,d, hidden behind compute %,d)%n",
                lb.get("compute"), lb.get("control"), lb.get("stalls"), lb.get("onloading"), lb.get("data_copies"), lb.get("exposed_transfers"),
                lb.get("offloading"), lb.get("hidden_transfers")));
        sb.append(String.format(Locale.ROOT, "stacks   %d: %s%n", r.stacks().size(), r.stacks().stream().map(StackResult::layerIds).toList()));
        for (int i = 0; i < r.stacks().size(); i++) {
            StackResult st = r.stacks().get(i);
            sb.append(String.format(Locale.ROOT, "  stack %d: layers %s, tile %s, overlap %s%n", i + 1, st.layerIds(), st.settings().tile(),
                    st.settings().overlapText()));
        }
        long types = 0;
        long proven = 0;
        for (Map.Entry<ResultKey, List<TypeResult>> e : r.types().entrySet()) {
            if (e.getKey() instanceof ResultKey.Layer) {
                for (TypeResult t : e.getValue()) {
                    types++;
                    proven += t.layer() instanceof LayerCost.Mapped m && m.provenOptimal() ? 1 : 0;
                }
            }
        }
        sb.append(String.format(Locale.ROOT, "mappings proven optimal over every loop ordering: %d of %d layer tile types%s%n", proven, types,
                proven == types ? "" : " (the others: LOMA's LPF limit merged loops, or the exact mapper's budget ran out)"));
        sb.append(String.format(Locale.ROOT, "evaluated in %.3f s%n%n", seconds));
        for (Map.Entry<ResultKey, List<TypeResult>> e : r.types().entrySet()) {
            double energy = 0;
            long latency = 0;
            int tiles = 0;
            for (TypeResult t : e.getValue()) {
                energy += t.energyPj() * t.multiplicity();
                latency += t.latencyCycles() * t.multiplicity();
                tiles += t.multiplicity();
            }
            boolean layer = e.getKey() instanceof ResultKey.Layer;
            if (!layer && energy == 0 && latency == 0) {
                continue;
            }
            String label = e.getKey() instanceof ResultKey.Layer l ? "layer " + l.layerId()
                    : "  copies before " + ((ResultKey.CopiesBefore) e.getKey()).nodeName();
            sb.append(String.format(Locale.ROOT, "%-44s %16.0f pJ %12d cycles  %d tile types, %d tiles%n", label, energy, latency,
                    e.getValue().size(), tiles));
            if (layer) {
                for (TypeResult t : e.getValue()) {
                    StringBuilder tops = new StringBuilder();
                    t.memoryNames().forEach((op, names) -> tops.append(op).append('@').append(names.get(names.size() - 1)).append(' '));
                    sb.append(String.format(Locale.ROOT, "    x%-6d %-34s %s %12.0f pJ %9d cycles%n", t.multiplicity(),
                            t.loopSizes().toString().replace(" ", ""), tops.toString().trim(), t.energyPj(), t.latencyCycles()));
                }
            }
        }
        return sb.toString();
    }
}
