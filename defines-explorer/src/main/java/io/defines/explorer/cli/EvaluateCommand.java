package io.defines.explorer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.defines.core.compat.CompatFlags;
import io.defines.core.mapper.SingleLayerCache;
import io.defines.core.depthfirst.DepthFirstEngine;
import io.defines.core.depthfirst.OverlapStrategy;
import io.defines.core.hardware.Accelerator;
import io.defines.core.input.AcceleratorReader;
import io.defines.core.input.Diagnostic;
import io.defines.core.input.MappingReader;
import io.defines.core.input.Parsed;
import io.defines.core.input.WorkloadReader;
import io.defines.core.mapping.Mapping;
import io.defines.core.workload.Workload;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

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

    @Option(names = "--tile", required = true, paramLabel = "TXxTY", description = "Tile size in the last layer's OX × OY, e.g. 60x72.")
    String tile;

    @Option(names = "--overlap", defaultValue = "fully-cached", paramLabel = "STRATEGY",
            description = {"fully-recompute | h-cached-v-recompute | fully-cached (DeFiNES' modes), or h=<s>,v=<s> with",
                    "<s> = recompute | cache | global per direction (default: ${DEFAULT-VALUE})."})
    String overlap;

    @Option(names = "--lpf-limit", defaultValue = "8", description = "LOMA loop-prime-factor limit (default: ${DEFAULT-VALUE}).")
    int lpfLimit;

    @Option(names = "--compat", paramLabel = "MODE", description = "defines2023 reproduces DeFiNES' numbers, quirks included; default: fixed.")
    String compat;

    @Option(names = "--cuts", split = ",", paramLabel = "IDS",
            description = {"Stack cuts: layer ids after which a new stack starts (default: DeFiNES' automatic cuts);",
                    "'none' = one fused stack; 'layer-by-layer' = a cut after every layer."})
    List<String> cuts;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    DescribeCommand.Format format;

    @picocli.CommandLine.Mixin
    OnnxMixin onnx;

    @Spec
    CommandSpec spec;

    private static final Pattern TILE = Pattern.compile("^(\\d+)[xX×](\\d+)$");

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Matcher tm = TILE.matcher(tile);
        if (!tm.matches() || Long.parseLong(tm.group(1)) <= 0 || Long.parseLong(tm.group(2)) <= 0) {
            err.println("defines evaluate: --tile '" + tile + "' is not of the form <TX>x<TY> with positive sizes");
            err.println("  Maybe --tile 60x72");
            return Main.EXIT_INVALID;
        }
        OverlapStrategy[] mode = OverlapStrategy.parsePair(overlap);
        if (mode == null) {
            err.println("defines evaluate: --overlap '" + overlap + "' is not an overlap strategy");
            err.println("  Maybe fully-recompute, h-cached-v-recompute, fully-cached, or h=<s>,v=<s> with recompute, cache or global");
            return Main.EXIT_INVALID;
        }
        CompatFlags flags;
        try {
            flags = compat == null ? CompatFlags.FIXED : CompatFlags.parse(compat);
        } catch (IllegalArgumentException e) {
            err.println("defines evaluate: " + e.getMessage());
            err.println("  Maybe --compat defines2023");
            return Main.EXIT_INVALID;
        }
        io.defines.core.onnx.OnnxOptions options;
        try {
            options = onnx.options();
        } catch (IllegalArgumentException e) {
            return Main.usageError(err, "evaluate", e.getMessage());
        }
        Parsed<Workload> w = WorkloadReader.read(workload, options);
        Parsed<Accelerator> a = AcceleratorReader.read(accelerator);
        if (!report(w, err) | !report(a, err)) {
            return Main.EXIT_INVALID;
        }
        Path m = mapping != null ? mapping : io.defines.core.input.InputFiles.libraryMapping(accelerator, workload);
        Parsed<Mapping> mp = MappingReader.read(m, w.value(), a.value());
        if (!report(mp, err)) {
            return Main.EXIT_INVALID;
        }
        DepthFirstEngine engine = new DepthFirstEngine(w.value(), a.value(), mp.value(), new SingleLayerCache());
        DepthFirstEngine.Schedule schedule = new DepthFirstEngine.Schedule(Long.parseLong(tm.group(1)), Long.parseLong(tm.group(2)),
                mode[0], mode[1], lpfLimit, flags);
        long t0 = System.nanoTime();
        DepthFirstEngine.Result r;
        if (cuts == null) {
            r = engine.evaluate(schedule);
        } else if (cuts.size() == 1 && cuts.get(0).equals("none")) {
            r = engine.evaluate(schedule, List.of());
        } else if (cuts.size() == 1 && cuts.get(0).equals("layer-by-layer")) {
            r = engine.evaluate(schedule, w.value().topologicalOrder().stream().map(io.defines.core.workload.Layer::id).toList());
        } else {
            List<Integer> ids = new ArrayList<>();
            for (String c : cuts) {
                try {
                    ids.add(Integer.parseInt(c.trim()));
                } catch (NumberFormatException e) {
                    err.println("defines evaluate: --cuts entry '" + c + "' is not a layer id");
                    err.println("  Maybe --cuts 3,7 (layer ids after which a new stack starts) or --cuts none");
                    return Main.EXIT_INVALID;
                }
            }
            for (int id : ids) {
                if (id != -1 && w.value().layer(id).isEmpty()) {
                    err.println("defines evaluate: --cuts names layer " + id + ", which " + workload + " does not have");
                    err.println("  Maybe one of the layer ids shown by './defines describe workload " + workload + "'");
                    return Main.EXIT_INVALID;
                }
            }
            r = engine.evaluate(schedule, ids);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (format == DescribeCommand.Format.json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(io.defines.explorer.ResultJson.of(r, a.value())));
        } else {
            out.print(text(r, a.value(), w.value().name(), schedule, seconds));
        }
        return Main.EXIT_OK;
    }

    private boolean report(Parsed<?> p, PrintWriter err) {
        for (Diagnostic d : p.diagnostics()) {
            if (d.isError()) {
                err.println(d.render());
            }
        }
        return p.ok();
    }

    static String text(DepthFirstEngine.Result r, Accelerator acc, String workload, DepthFirstEngine.Schedule s, double seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s on %s, tile %dx%d, %s, LPF %d%s%n", workload, acc.name(), s.tileX(), s.tileY(),
                "overlap h=" + s.h().cliName() + ",v=" + s.v().cliName(), s.lpfLimit(),
                s.flags().quirks().isEmpty() ? "" : ", compat defines2023"));
        sb.append(String.format(Locale.ROOT, "energy   %,.0f pJ (%.4f mJ), of which MAC %,.0f pJ%n", r.energyPj(), r.energyPj() / 1e9, r.macEnergyPj()));
        sb.append(String.format(Locale.ROOT, "latency  %,d cycles%n", r.latencyCycles()));
        sb.append(String.format(Locale.ROOT, "MACs     %,d (including recomputation)%n", r.macCount()));
        sb.append(String.format(Locale.ROOT, "DRAM     %,.0f bits accessed; on chip at most %,d bits%n", r.offChipAccessBits(acc), r.onChipPeakBits()));
        StringBuilder perMemory = new StringBuilder();
        r.energyPerMemoryPj(acc).forEach((m, e) -> perMemory.append(String.format(Locale.ROOT, " %s %.1f%%", m, 100 * e / r.energyPj())));
        sb.append("energy by memory:").append(perMemory).append(String.format(Locale.ROOT, ", MAC %.1f%%%n", 100 * r.macEnergyPj() / r.energyPj()));
        Map<String, Long> lb = r.latencyBreakdownCycles(acc);
        sb.append(String.format(Locale.ROOT, "latency by part: compute %,d, control %,d, stalls %,d, on-loading %,d, data copies %,d cycles%n",
                lb.get("compute"), lb.get("control"), lb.get("stalls"), lb.get("onloading"), lb.get("data_copies")));
        sb.append(String.format(Locale.ROOT, "stacks   %d: %s%n", r.stacks().size(), r.stacks()));
        sb.append(String.format(Locale.ROOT, "evaluated in %.3f s%n%n", seconds));
        for (Map.Entry<String, List<DepthFirstEngine.TypeResult>> e : r.perKey().entrySet()) {
            double energy = 0;
            long latency = 0;
            int tiles = 0;
            for (DepthFirstEngine.TypeResult t : e.getValue()) {
                energy += t.energyPj() * t.multiplicity();
                latency += t.latencyCycles() * t.multiplicity();
                tiles += t.multiplicity();
            }
            boolean layer = e.getKey().startsWith("LayerNode_");
            if (!layer && energy == 0 && latency == 0) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%-44s %16.0f pJ %12d cycles  %d tile types, %d tiles%n",
                    layer ? "layer " + e.getKey().substring(10) : "  copies before " + e.getKey().substring(16), energy, latency,
                    e.getValue().size(), tiles));
            if (layer) {
                for (DepthFirstEngine.TypeResult t : e.getValue()) {
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
