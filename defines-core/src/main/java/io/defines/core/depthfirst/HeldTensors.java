package io.defines.core.depthfirst;

import io.defines.core.hardware.Memory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The outputs of one tile's layers that wait on chip for a later consumer in the stack (the skip
 * tensor of a residual block waiting for its Add, the output of another branch), while the tile walks
 * its stack in topological order. They count towards the on-chip need of every layer that runs in
 * between (docs/explorations.md, {@code onchip_peak_bits}).
 */
final class HeldTensors {

    private final Stack stack;
    private final Memory offChip;
    /** Output → consumers in the stack that have not run yet. */
    private final Map<DfNode, Integer> waiting = new HashMap<>();
    /** Output → its bits, for the outputs kept on chip. */
    private final Map<DfNode, Long> onChip = new HashMap<>();

    HeldTensors(Stack stack, Memory offChip) {
        this.stack = stack;
        this.offChip = offChip;
    }

    /** Bits held on chip for later consumers while {@code n} runs, other than {@code n}'s own inputs. */
    long besides(DfNode n) {
        List<DfNode> inputs = n.producers();
        long bits = 0;
        for (var e : onChip.entrySet()) {
            if (!inputs.contains(e.getKey())) {
                bits += e.getValue();
            }
        }
        return bits;
    }

    /** {@code n} ran: its inputs have one consumer fewer, and its output is held where it was placed. */
    void ran(DfNode n, Memory outputLevel, long outputBits) {
        for (DfNode p : n.producers()) {
            Integer left = waiting.get(p);
            if (left != null) {
                if (left <= 1) {
                    waiting.remove(p);
                    onChip.remove(p);
                } else {
                    waiting.put(p, left - 1);
                }
            }
        }
        int consumers = stack.consumersOf(n).size();
        if (consumers > 0) {
            waiting.put(n, consumers);
            if (outputLevel != offChip && outputBits > 0) {
                onChip.put(n, outputBits);
            }
        }
    }
}
