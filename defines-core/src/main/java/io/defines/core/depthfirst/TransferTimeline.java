package io.defines.core.depthfirst;

import io.defines.core.cost.LayerCost;
import io.defines.core.hardware.Memory;
import io.defines.core.hardware.OffChipTransfers;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When a tile's transfers to and from the off-chip memory overlap its compute (docs/latency.md): a
 * small event simulation of one tile type repeated until its timing repeats. A tile runs its steps in
 * order — copy layers and layer runs; each step s has
 * <ul>
 *   <li>a busy time B (a layer run: temporal cycles, stalls, the on-loading not owed to the off-chip
 *   memory and the controller's overhead; a copy layer: its latency less its off-chip transfers);</li>
 *   <li>an off-chip read R (a run's off-chip on-loading; the time a copy layer keeps the off-chip
 *   memory's ports reading) and an off-chip drain D (a run's off-chip off-loading; a copy layer's
 *   writes into the off-chip memory).</li>
 * </ul>
 * By the accelerator's {@link OffChipTransfers}: without prefetch a step issues its read when it
 * starts and computes when the read is done; with prefetch a step issues the next step's read when it
 * starts computing (one read ahead). A step's drain is issued when it finishes computing; with
 * {@code drain: stall} the next step starts when the drain is done, in the background it starts at
 * once, but a step that drains waits for the drain before the last one (two output buffers: one
 * draining, one being filled). Reads queue behind reads and drains behind drains; on separate ports
 * reads and drains run side by side, on one shared link a drain waits for a running read and a read
 * pauses a running drain (the read is what compute waits for). A step's latency is from its start to
 * the next step's; it is B, the read it waits for without prefetch (its on-loading, as DeFiNES
 * counts it) and the rest, the exposed transfer time. The tile before the first is taken to be of the
 * same type; the times are those of a tile in the steady state.
 */
final class TransferTimeline {

    /** Tiles simulated at most before the steady state is taken as reached. */
    private static final int MAX_TILES = 64;

    private TransferTimeline() {
    }

    /**
     * {@code steps} (one tile type, in execution order, one run each) with each step's hidden and
     * exposed off-chip transfer cycles set by {@code transfers}; {@code offChip} is the memory they go to.
     */
    static Map<ResultKey, TypeResult> apply(Map<ResultKey, TypeResult> steps, OffChipTransfers transfers, long overheadCycles, Memory offChip) {
        List<TypeResult> s = List.copyOf(steps.values());
        int n = s.size();
        long[] busy = new long[n];
        long[] read = new long[n];
        long[] drain = new long[n];
        for (int i = 0; i < n; i++) {
            TypeResult t = s.get(i);
            if (t.layer() instanceof LayerCost.Mapped m) {
                read[i] = m.offChipOnloadingCycles();
                drain[i] = m.offChipOffloadingCycles();
                busy[i] = m.latencyTotal1() - read[i] + overheadCycles;
            } else {
                long latency = t.copies().latencyCycles();
                read[i] = Math.min(latency, t.copies().offChipCycles(offChip, true));
                drain[i] = Math.min(latency - read[i], t.copies().offChipCycles(offChip, false));
                busy[i] = latency - read[i] - drain[i];
            }
        }
        long[] cycles = new Link(transfers).steadyState(busy, read, drain);
        Map<ResultKey, TypeResult> out = new LinkedHashMap<>();
        int i = 0;
        for (var e : steps.entrySet()) {
            long waited = transfers.prefetch() ? 0 : read[i];
            TypeResult t = s.get(i);
            // a layer's latency_total1 leaves its drain out; a copy layer's latency has it, hidden when it drains in the background
            boolean copy = !(t.layer() instanceof LayerCost.Mapped);
            long stalled = transfers.drain() == OffChipTransfers.Drain.STALL ? drain[i] : 0;
            long hidden = read[i] - waited + (copy ? drain[i] - stalled : 0);
            out.put(e.getKey(), t.withTransfers(hidden, cycles[i] - busy[i] - waited - (copy ? stalled : 0)));
            i++;
        }
        return out;
    }

    /** The off-chip link's state while tiles run: when reads and drains end. */
    private static final class Link {
        private final OffChipTransfers transfers;
        private long readFree;      // when the last issued read ends
        private long drainEnd;      // when the last issued drain ends
        private long drainBefore;   // when the drain before it ends

        Link(OffChipTransfers transfers) {
            this.transfers = transfers;
        }

        private boolean shared() {
            return transfers.link() == OffChipTransfers.Link.SHARED;
        }

        /** Issues a read of {@code cycles} at {@code at}; returns when it is done. */
        private long read(long at, long cycles) {
            if (cycles == 0) {
                return at;
            }
            long start = Math.max(at, readFree);
            readFree = start + cycles;
            if (shared()) { // the read pauses the drains running or queued
                if (drainEnd > start) {
                    drainEnd += cycles;
                }
                if (drainBefore > start) {
                    drainBefore += cycles;
                }
            }
            return readFree;
        }

        /** Issues a drain of {@code cycles} at {@code at}; returns when it is done. */
        private long drain(long at, long cycles) {
            if (cycles == 0) {
                return at;
            }
            long start = Math.max(at, drainEnd);
            if (shared()) {
                start = Math.max(start, readFree);
            }
            drainBefore = drainEnd;
            drainEnd = start + cycles;
            return drainEnd;
        }

        /** Per step, the cycles from its start to the next step's, in a tile of the steady state. */
        long[] steadyState(long[] busy, long[] read, long[] drain) {
            int n = busy.length;
            long[] starts = new long[n];
            long[] cycles = new long[n];
            long[] previousState = null;
            long t = 0;
            long readyAt = read(0, transfers.prefetch() ? read[0] : 0);
            for (int tile = 0; tile < MAX_TILES; tile++) {
                for (int i = 0; i < n; i++) {
                    starts[i] = t;
                    long computeStart;
                    if (transfers.prefetch()) {
                        computeStart = Math.max(t, readyAt);
                    } else {
                        computeStart = read(t, read[i]);
                    }
                    if (drain[i] > 0) { // an output buffer must be free: the drain before the last one done
                        computeStart = Math.max(computeStart, drainBefore);
                    }
                    if (transfers.prefetch()) {
                        readyAt = read(computeStart, read[(i + 1) % n]);
                    }
                    long computeEnd = computeStart + busy[i];
                    long drained = drain(computeEnd, drain[i]);
                    t = transfers.drain() == OffChipTransfers.Drain.STALL ? Math.max(computeEnd, drained) : computeEnd;
                    if (i > 0) {
                        cycles[i - 1] = starts[i] - starts[i - 1];
                    }
                }
                cycles[n - 1] = t - starts[n - 1];
                // steady when the link looks the same from the next tile's start as from this one's
                long[] state = {Math.max(0, readFree - t), Math.max(0, drainEnd - t), Math.max(0, drainBefore - t), Math.max(0, readyAt - t)};
                if (Arrays.equals(previousState, state)) {
                    break;
                }
                previousState = state;
            }
            return cycles;
        }
    }
}
