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

    /**
     * Bits held on chip for later consumers while {@code n} runs, other than what {@code n} reads: of an
     * output {@code n} reads only in part (a group's channels) while a later consumer still needs it,
     * the channels {@code n} does not read.
     */
    long besides(DfNode n) {
        List<DfNode> inputs = n.producers();
        long bits = 0;
        for (var e : onChip.entrySet()) {
            if (!inputs.contains(e.getKey())) {
                bits += e.getValue();
            } else if (waiting.getOrDefault(e.getKey(), 0) > 1) {
                long[] read = channelsRead(n, e.getKey());
                bits += e.getValue() - e.getValue() * read[0] / read[1];
            }
        }
        return bits;
    }

    /** {channels n reads of p's output, p's channels}; {1, 1} when n reads all of it. */
    private static long[] channelsRead(DfNode n, DfNode p) {
        long read = 0;
        long all = 1;
        for (DfNode.Edge e : n.inputs) {
            if (e.producer() != p) {
                continue;
            }
            if (e.part() == null) {
                return new long[] {1, 1};
            }
            all = p.fullSizes.getOrDefault(e.dims().get(e.part().dim()), e.part().length());
            read += e.part().length();
        }
        return new long[] {Math.min(read, all), all};
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
