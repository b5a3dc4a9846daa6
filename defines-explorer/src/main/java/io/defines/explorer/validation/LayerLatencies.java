package io.defines.explorer.validation;

import io.defines.core.cost.LayerCost;
import io.defines.core.depthfirst.LatencyBreakdown;
import io.defines.core.depthfirst.ResultKey;
import io.defines.core.depthfirst.TypeResult;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The model's latency per measurement row and layer (docs/validation.md, {@code breakdown.csv}):
 * runs, compute (temporal) cycles, spatial utilisation (ideal / temporal cycles), stalls, the
 * on-loading waited for, the off-loading, the exposed off-chip transfers and the total; copy layers
 * as their own lines. The rows' totals go into the summary.
 */
final class LayerLatencies {

    private static final String HEADER = "id,part,runs,compute_cycles,spatial_utilization,stall_cycles,onloading_cycles,offloading_cycles,"
            + "exposed_transfer_cycles,hidden_transfer_cycles,data_copy_cycles,latency_cycles\n";

    private LayerLatencies() {
    }

    static void write(Path file, List<ModelRuns.Run> runs) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            for (ModelRuns.Run r : runs) {
                if (r.result() == null) {
                    continue;
                }
                for (Map.Entry<ResultKey, List<TypeResult>> e : r.result().types().entrySet()) {
                    w.write(line(r.m().id(), e.getKey(), e.getValue()));
                }
            }
        }
    }

    private static String line(String id, ResultKey key, List<TypeResult> types) {
        LatencyBreakdown b = LatencyBreakdown.of(types, 0);
        long runs = 0;
        long ideal = 0;
        for (TypeResult t : types) {
            runs += t.multiplicity();
            if (t.layer() instanceof LayerCost.Mapped m) {
                ideal += m.idealCycles() * t.multiplicity();
            }
        }
        String part = key instanceof ResultKey.Layer l ? "layer " + l.layerId() : "copies before " + ((ResultKey.CopiesBefore) key).nodeName();
        String util = b.compute() == 0 ? "" : String.format(Locale.ROOT, "%.4f", (double) ideal / b.compute());
        return String.join(",", id, part, Long.toString(runs), Long.toString(b.compute()), util, Long.toString(b.stalls()),
                Long.toString(b.onloading()), Long.toString(b.offloading()), Long.toString(b.exposedTransfers()), Long.toString(b.hidden()),
                Long.toString(b.dataCopies()), Long.toString(b.total())) + "\n";
    }

    /** Per row: the latency's parts (they sum to it) and what is reported besides. */
    static String section(List<ModelRuns.Run> runs) {
        StringBuilder sb = new StringBuilder("\nlatency by part, per row (cycles; per layer in breakdown.csv)\n");
        for (ModelRuns.Run r : runs) {
            if (r.result() == null) {
                continue;
            }
            LatencyBreakdown b = r.result().latencyBreakdown(r.acc());
            sb.append(String.format(Locale.ROOT, "  %-12s total %,d = compute %,d + control %,d + stalls %,d + on-loading %,d + data copies %,d"
                            + " + exposed off-chip transfers %,d (off-loading %,d, off-chip transfers hidden behind compute %,d, not counted)%n", r.m().id(),
                    r.result().latencyCycles(), b.compute(), b.control(), b.stalls(), b.onloading(), b.dataCopies(), b.exposedTransfers(),
                    b.offloading(), b.hidden()));
        }
        return sb.toString();
    }
}
