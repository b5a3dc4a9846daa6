package io.defines.core.depthfirst;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A schedule's latency split (cycles): temporal {@code compute}, the array's {@code control} overhead
 * per layer run, {@code stalls} and {@code onloading} of the layers and {@code dataCopies}; they add up
 * to the schedule's latency. {@code offloading} is reported but not part of the total (DeFiNES'
 * latency_total1).
 */
public record LatencyBreakdown(long compute, long control, long stalls, long onloading, long dataCopies, long offloading) {

    /** The parts by their result-file names, in this order: compute, control, stalls, onloading, data_copies, offloading. */
    public Map<String, Long> asMap() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("compute", compute);
        out.put("control", control);
        out.put("stalls", stalls);
        out.put("onloading", onloading);
        out.put("data_copies", dataCopies);
        out.put("offloading", offloading);
        return out;
    }
}
