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
        long runs = 0;
        long compute = 0;
        long ideal = 0;
        long stalls = 0;
        long onloading = 0;
        long offloading = 0;
        long exposed = 0;
        long hidden = 0;
        long copies = 0;
        long latency = 0;
        for (TypeResult t : types) {
            long n = t.multiplicity();
            runs += n;
            exposed += t.exposedTransferCycles() * n;
            hidden += t.hiddenTransferCycles() * n;
            latency += t.latencyCycles() * n;
            if (t.layer() instanceof LayerCost.Mapped m) {
                compute += m.temporalCycles() * n;
                ideal += m.idealCycles() * n;
                stalls += m.stallCycles() * n;
                onloading += (m.onloadingCycles() - t.hiddenTransferCycles()) * n;
                offloading += m.offloadingCycles() * n;
            } else if (t.copies() != null) {
                copies += (t.copies().latencyCycles() - t.hiddenTransferCycles()) * n;
            }
        }
        String part = key instanceof ResultKey.Layer l ? "layer " + l.layerId() : "copies before " + ((ResultKey.CopiesBefore) key).nodeName();
        String util = compute == 0 ? "" : String.format(Locale.ROOT, "%.4f", (double) ideal / compute);
        return String.join(",", id, part, Long.toString(runs), Long.toString(compute), util, Long.toString(stalls), Long.toString(onloading),
                Long.toString(offloading), Long.toString(exposed), Long.toString(hidden), Long.toString(copies), Long.toString(latency)) + "\n";
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
