package io.defines.core.depthfirst;

import io.defines.core.cost.LayerCost;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A schedule's latency split (cycles): temporal {@code compute}, the array's {@code control} overhead
 * per layer run, {@code stalls} and the {@code onloading} the layers wait for, {@code dataCopies} and
 * the {@code exposedTransfers} — off-chip reads and drains that no compute hides (docs/latency.md);
 * they add up to the schedule's latency. Reported besides, not part of the sum: all the layers'
 * {@code offloading} (DeFiNES' latency_total1 leaves it out) and the off-chip transfers {@code hidden}
 * behind compute (reads fetched while an earlier step computed; a copy layer's writes drained in the
 * background). {@code onloading} and {@code dataCopies} are what the steps wait for.
 */
public record LatencyBreakdown(long compute, long control, long stalls, long onloading, long dataCopies, long exposedTransfers,
                               long offloading, long hidden) {

    /** The split of {@code types} (each counted its multiplicity times), {@code overheadCycles} per layer run. */
    public static LatencyBreakdown of(Collection<TypeResult> types, long overheadCycles) {
        long compute = 0;
        long runs = 0;
        long stalls = 0;
        long onloading = 0;
        long offloading = 0;
        long copies = 0;
        long exposed = 0;
        long hidden = 0;
        for (TypeResult t : types) {
            long n = t.multiplicity();
            exposed += t.exposedTransferCycles() * n;
            hidden += t.hiddenTransferCycles() * n;
            if (t.layer() != null) {
                runs += n;
            }
            if (t.layer() instanceof LayerCost.Mapped m) {
                compute += m.temporalCycles() * n;
                stalls += m.stallCycles() * n;
                onloading += (m.onloadingCycles() - t.hiddenTransferCycles()) * n;
                offloading += m.offloadingCycles() * n;
            } else if (t.copies() != null) {
                copies += (t.copies().latencyCycles() - t.hiddenTransferCycles()) * n;
            }
        }
        return new LatencyBreakdown(compute, runs * overheadCycles, stalls, onloading, copies, exposed, offloading, hidden);
    }

    /** The sum of the parts: the schedule's latency. */
    public long total() {
        return compute + control + stalls + onloading + dataCopies + exposedTransfers;
    }

    /**
     * The parts by their result-file names, in this order: compute, control, stalls, onloading,
     * data_copies, exposed_transfers (these sum to the latency), offloading, hidden_transfers.
     */
    public Map<String, Long> asMap() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("compute", compute);
        out.put("control", control);
        out.put("stalls", stalls);
        out.put("onloading", onloading);
        out.put("data_copies", dataCopies);
        out.put("exposed_transfers", exposedTransfers);
        out.put("offloading", offloading);
        out.put("hidden_transfers", hidden);
        return out;
    }
}
