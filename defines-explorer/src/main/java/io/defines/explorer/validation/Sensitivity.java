package io.defines.explorer.validation;

import io.defines.core.hardware.Accelerator;
import io.defines.core.hardware.Memory;
import io.defines.core.hardware.OffChipTransfers;
import io.defines.core.hardware.OperationalArray;
import io.defines.core.hardware.Port;
import io.defines.results.Numbers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * How the model's values move with the hardware facts a validation hinges on (docs/validation.md):
 * every row evaluated again with the off-chip link as wide as given and 1.5× as wide (DepFiN: 64 and
 * 96 bit; per-bit energy kept), its transfers serial (one shared link, no prefetch, drains stall) or
 * overlapped (separate ports, prefetch, drains in the background), and a control overhead of 0, 16 or
 * 64 cycles per layer run. For measured values the table gives the error; for the rest, the model's
 * spread is what a measurement would settle.
 */
final class Sensitivity {

    static final List<Long> OVERHEADS = List.of(0L, 16L, 64L);
    static final OffChipTransfers SERIAL = new OffChipTransfers(OffChipTransfers.Link.SHARED, false, OffChipTransfers.Drain.STALL);
    static final OffChipTransfers OVERLAPPED = new OffChipTransfers(OffChipTransfers.Link.SEPARATE, true, OffChipTransfers.Drain.BACKGROUND);

    /** One variant of a row's accelerator. */
    record Variant(double widthFactor, OffChipTransfers transfers, long overheadCycles) {

        String transfersName() {
            return transfers.equals(SERIAL) ? "serial" : "overlapped";
        }

        Accelerator apply(Accelerator acc) {
            Memory off = acc.offChipMemory();
            List<Memory> ms = new ArrayList<>();
            for (Memory m : acc.memories()) {
                ms.add(m != off || widthFactor == 1 ? m : widened(m, widthFactor));
            }
            OperationalArray a = acc.array();
            return acc.withMemories(ms).withOffChipTransfers(transfers)
                    .withArray(new OperationalArray(a.dimensions(), a.macEnergyPj(), a.unitArea(), a.inMemoryComputing(), overheadCycles));
        }

        /** The memory with every port {@code f}× as wide and each access {@code f}× as dear (the same energy per bit). */
        private static Memory widened(Memory m, double f) {
            List<Port> ports = m.ports().stream().map(p -> new Port(p.name(), p.type(), Math.round(p.bandwidthMinBits() * f),
                    Math.round(p.bandwidthMaxBits() * f), p.allocations())).toList();
            return m.withPorts(ports).withAccessEnergiesScaled(f);
        }
    }

    /** The variants, in table order: width, then transfers, then overhead. */
    static List<Variant> variants() {
        List<Variant> out = new ArrayList<>();
        for (double w : new double[] {1, 1.5}) {
            for (OffChipTransfers t : List.of(SERIAL, OVERLAPPED)) {
                for (long o : OVERHEADS) {
                    out.add(new Variant(w, t, o));
                }
            }
        }
        return out;
    }

    /** Per variant, every row evaluated on its accelerator changed by the variant. */
    static Map<Variant, List<ModelRuns.Run>> evaluate(Function<Function<Accelerator, Accelerator>, List<ModelRuns.Run>> runAll) {
        Map<Variant, List<ModelRuns.Run>> out = new LinkedHashMap<>();
        for (Variant v : variants()) {
            out.put(v, runAll.apply(v::apply));
        }
        return out;
    }

    /**
     * The summary's section: per row, latency (and every measured metric) in each variant, with the
     * error where measured; then, per row without a latency measurement, the spread a latency
     * measurement would settle.
     */
    static String section(List<Measurement> rows, Map<Variant, List<ModelRuns.Run>> runs) {
        StringBuilder sb = new StringBuilder("\nsensitivity: the model per variant of the hardware facts (off-chip link width with the same energy"
                + " per bit; transfers serial = one shared link, no prefetch, drains stall; overlapped = separate ports, prefetch, drains in"
                + " the background; control overhead per layer run)\n");
        Set<List<Object>> predicted = new HashSet<>();
        for (Measurement m : rows) {
            if (m.measured().containsKey(Metric.LATENCY_CYCLES)) {
                predicted.add(List.of(m.workload(), m.accelerator(), String.valueOf(m.mapping()), m.schedule()));
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            Measurement m = rows.get(i);
            List<Metric> metrics = new ArrayList<>(m.measured().keySet());
            // a latency prediction once per schedule (rows measuring other things on the same schedule share it)
            if (!metrics.contains(Metric.LATENCY_CYCLES)
                    && predicted.add(List.of(m.workload(), m.accelerator(), String.valueOf(m.mapping()), m.schedule()))) {
                metrics.add(0, Metric.LATENCY_CYCLES);
            }
            for (Metric metric : metrics) {
                Double measured = m.measured().get(metric);
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (List<ModelRuns.Run> variantRuns : runs.values()) {
                    double model = variantRuns.get(i).value(metric);
                    lo = Math.min(lo, model);
                    hi = Math.max(hi, model);
                }
                String what = String.format(Locale.ROOT, "%n  %s, %s%s", m.id(), metric.column(),
                        measured == null ? " (not measured: a prediction)" : ", measured " + Numbers.significant(measured, 4));
                if (!(hi > lo * (1 + 1e-6))) {
                    sb.append(what).append(": ").append(Numbers.significant(lo, 5)).append(" in every variant (these facts do not move it)\n");
                    continue;
                }
                sb.append(what).append('\n');
                sb.append(String.format(Locale.ROOT, "    %-6s %-11s %8s %14s %9s%n", "width", "transfers", "overhead", "model", measured == null ? "" : "error"));
                for (var e : runs.entrySet()) {
                    Variant v = e.getKey();
                    double model = e.getValue().get(i).value(metric);
                    sb.append(String.format(Locale.ROOT, "    %-6s %-11s %8d %14s %9s%n", v.widthFactor() == 1 ? "as is" : "×1.5", v.transfersName(),
                            v.overheadCycles(), Numbers.significant(model, 5),
                            measured == null ? "" : String.format(Locale.ROOT, "%+.1f%%", 100 * Validation.relError(model, measured))));
                }
                if (measured == null) {
                    sb.append(String.format(Locale.ROOT, "    the variants span %s to %s (%.0f %% apart): a measured %s of this schedule would tell them apart%n",
                            Numbers.significant(lo, 4), Numbers.significant(hi, 4), 100 * (hi / lo - 1), metric.column()));
                }
            }
        }
        return sb.toString();
    }
}
