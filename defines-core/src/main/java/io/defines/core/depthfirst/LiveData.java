package io.defines.core.depthfirst;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The largest sum of live feature maps while a tile walks its stack in topological order
 * (docs/depth-first.md, "Cache placement"): a layer's input and output are alive while it runs, an
 * output stays alive until its last consumer ran, and (optionally) an output cache stays alive after.
 */
final class LiveData {

    private LiveData() {
    }

    static long largestAlive(Stack stack, Map<DfNode, Map<String, Long>> sizes, Map<DfNode, Long> permanent) {
        long cur = 0;
        long peak = 0;
        Map<DfNode, Long> outSize = new HashMap<>();
        Map<DfNode, List<DfNode>> pending = new HashMap<>();
        for (DfNode n : stack.topo()) {
            long sIn = n.isInput() ? 0 : n.inputBits(sizes.get(n));
            List<DfNode> producers = n.producers();
            for (DfNode p : producers) {
                cur -= outSize.get(p);
            }
            cur += sIn;
            peak = Math.max(peak, cur);
            long sOut = n.outputBits(sizes.get(n));
            cur += sOut;
            peak = Math.max(peak, cur);
            cur -= sIn;
            for (DfNode p : producers) {
                cur += outSize.get(p);
                peak = Math.max(peak, cur);
            }
            for (DfNode p : producers) {
                List<DfNode> left = pending.get(p);
                left.remove(n);
                if (left.isEmpty()) {
                    cur -= outSize.get(p);
                    cur += permanent.getOrDefault(p, 0L); // its output cache stays alive
                    peak = Math.max(peak, cur);
                    pending.remove(p);
                }
            }
            outSize.put(n, sOut);
            pending.put(n, new ArrayList<>(stack.consumersOf(n)));
        }
        return peak;
    }
}
