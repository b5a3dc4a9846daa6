package io.defines.core.depthfirst;

import io.defines.core.hardware.Accelerator;
import io.defines.core.hardware.AccessCost;
import io.defines.core.hardware.DataDirection;
import io.defines.core.hardware.Memory;
import io.defines.core.hardware.MemoryOperand;
import io.defines.core.hardware.Port;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Energy and latency of data copies (defines-model §7.3–§7.5): a copy travels store-and-forward
 * along the memory chain (up the source operand's chain to the first level shared with the
 * destination operand, then down); each hop reads from the sender's port and writes through the
 * receiver's port, costing {@link AccessCost#words(long, Port)}·cost on each side and max(⌈bits/bw⌉) cycles
 * of both ports. The copies before one layer form a copy layer whose latency is the busiest port's
 * serialised busy time (ports run in parallel).
 */
public final class DataCopyModel {

    private DataCopyModel() {
    }

    /** One hop: the sender's out-port and the receiver's in-port. */
    public record Hop(Memory sender, Port out, Memory receiver, Port in) {
    }

    /** A costed action: its hops, energy (pJ), per hop {send, receive} energy (pJ) and the busy interval of each hop. */
    public record CostedAction(CopyAction action, List<Hop> hops, double energyPj, List<double[]> hopEnergiesPj, List<long[]> intervals) {
        /** Memory names along the path, sender first. */
        public List<String> path() {
            List<String> names = new ArrayList<>();
            if (!hops.isEmpty()) {
                names.add(hops.get(0).sender().name());
            }
            hops.forEach(h -> names.add(h.receiver().name()));
            return names;
        }
    }

    /** A copy layer: its actions, total energy and latency (cycles). */
    public record CopyLayerCost(List<CostedAction> actions, double energyPj, long latencyCycles) {
        public static final CopyLayerCost EMPTY = new CopyLayerCost(List.of(), 0, 0);

        /**
         * The cycles the copies keep {@code offChip}'s ports busy reading from it ({@code read}) or writing
         * into it: per hop leaving (entering) it, its port's time for the action's bits, summed over the
         * actions (one link carries them one after the other).
         */
        public long offChipCycles(Memory offChip, boolean read) {
            long cycles = 0;
            for (CostedAction a : actions) {
                for (Hop h : a.hops()) {
                    if (read && h.sender() == offChip) {
                        cycles += AccessCost.cycles(a.action().bits(), h.out());
                    } else if (!read && h.receiver() == offChip) {
                        cycles += AccessCost.cycles(a.action().bits(), h.in());
                    }
                }
            }
            return cycles;
        }
    }

    /** The hops of one action (§7.3); empty when source and destination are the same level. */
    public static List<Hop> path(Accelerator acc, CopyAction a) {
        MemoryOperand srcOp = a.sourceOperand();
        MemoryOperand dstOp = a.destinationOperand();
        List<Memory> srcChain = acc.chain(srcOp);
        List<Memory> dstChain = acc.chain(dstOp);
        Memory srcMem = srcChain.get(a.sourceLevel());
        Memory dstMem = dstChain.get(a.destinationLevel());
        MemoryOperand opS = srcOp;
        int lvS = a.sourceLevel();
        MemoryOperand opD = dstOp;
        int lvD = a.destinationLevel();
        Memory shared = null;
        if (srcOp != dstOp) {
            for (int l = a.sourceLevel(); l < srcChain.size(); l++) {
                Memory m = srcChain.get(l);
                int dl = dstChain.indexOf(m);
                if (dl >= 0 && dl >= a.destinationLevel()) {
                    shared = m;
                    break;
                }
            }
            if (shared == null) {
                throw new IllegalArgumentException("no memory holds both " + srcOp + " (from level " + a.sourceLevel() + ") and "
                        + dstOp + " (from level " + a.destinationLevel() + ")");
            }
            if (shared == srcMem) {
                opS = dstOp;
                lvS = dstChain.indexOf(shared);
            } else if (shared == dstMem) {
                opD = srcOp;
                lvD = srcChain.indexOf(shared);
            }
        }
        List<Hop> hops = new ArrayList<>();
        if (opS != opD) {
            int sharedSrc = srcChain.indexOf(shared);
            int sharedDst = dstChain.indexOf(shared);
            for (int l = lvS; l < sharedSrc; l++) {
                hops.add(new Hop(srcChain.get(l), port(srcChain.get(l), srcOp, DataDirection.TO_HIGH),
                        srcChain.get(l + 1), port(srcChain.get(l + 1), srcOp, DataDirection.FROM_LOW)));
            }
            // at the shared level the data turns: written as the source operand, read as the destination operand
            for (int l = sharedDst; l > lvD; l--) {
                hops.add(new Hop(dstChain.get(l), port(dstChain.get(l), dstOp, DataDirection.TO_LOW),
                        dstChain.get(l - 1), port(dstChain.get(l - 1), dstOp, DataDirection.FROM_HIGH)));
            }
        } else if (lvS < lvD) {
            List<Memory> chain = acc.chain(opS);
            for (int l = lvS; l < lvD; l++) {
                hops.add(new Hop(chain.get(l), port(chain.get(l), opS, DataDirection.TO_HIGH),
                        chain.get(l + 1), port(chain.get(l + 1), opS, DataDirection.FROM_LOW)));
            }
        } else {
            List<Memory> chain = acc.chain(opS);
            for (int l = lvS; l > lvD; l--) {
                hops.add(new Hop(chain.get(l), port(chain.get(l), opS, DataDirection.TO_LOW),
                        chain.get(l - 1), port(chain.get(l - 1), opS, DataDirection.FROM_HIGH)));
            }
        }
        return hops;
    }

    private static Port port(Memory m, MemoryOperand op, DataDirection d) {
        return m.port(op, d).orElseThrow(() -> new IllegalArgumentException(
                "memory " + m.name() + " has no port for " + op + " in direction " + d.code() + "; this copy cannot be routed"));
    }

    /**
     * Costs one action (§7.4). {@code advanceAlways} false reproduces DeFiNES' timeline, which only
     * advances after a hop whose receive port is new in this action (§9.5).
     */
    public static CostedAction cost(Accelerator acc, CopyAction a, boolean advanceAlways) {
        List<Hop> hops = path(acc, a);
        double energy = 0;
        long t = 0;
        List<long[]> intervals = new ArrayList<>();
        List<double[]> hopEnergies = new ArrayList<>();
        Set<Port> seenReceive = new HashSet<>();
        long bits = a.bits();
        for (Hop h : hops) {
            double send = AccessCost.readEnergyPj(bits, h.out(), h.sender());
            double receive = AccessCost.writeEnergyPj(bits, h.in(), h.receiver());
            energy = energy + send;
            energy = energy + receive;
            hopEnergies.add(new double[] {send, receive});
            long cc = Math.max(AccessCost.cycles(bits, h.out()), AccessCost.cycles(bits, h.in()));
            intervals.add(new long[] {t, t + cc});
            boolean newReceive = seenReceive.add(h.in());
            if (advanceAlways || newReceive) {
                t += cc;
            }
        }
        return new CostedAction(a, hops, energy, hopEnergies, intervals);
    }

    /** The copy layer of {@code actions} (§7.5, exact integer busy times). */
    public static CopyLayerCost copyLayer(Accelerator acc, List<CopyAction> actions, boolean advanceAlways) {
        if (actions.isEmpty()) {
            return CopyLayerCost.EMPTY;
        }
        List<CostedAction> costed = new ArrayList<>();
        double energy = 0;
        record PortKey(Memory memory, Port port) {
        }
        Map<PortKey, List<long[]>> busy = new LinkedHashMap<>();
        for (CopyAction a : actions) {
            CostedAction c = cost(acc, a, advanceAlways);
            costed.add(c);
            energy = energy + c.energyPj();
            for (int i = 0; i < c.hops().size(); i++) {
                Hop h = c.hops().get(i);
                long[] iv = c.intervals().get(i);
                busy.computeIfAbsent(new PortKey(h.sender(), h.out()), k -> new ArrayList<>()).add(iv);
                busy.computeIfAbsent(new PortKey(h.receiver(), h.in()), k -> new ArrayList<>()).add(iv);
            }
        }
        long latency = 0;
        for (List<long[]> ivs : busy.values()) {
            long portBusy;
            if (ivs.size() == 1) {
                portBusy = ivs.get(0)[1];
            } else {
                long maxEnd = 0;
                long minStart = Long.MAX_VALUE;
                long sum = 0;
                for (long[] iv : ivs) {
                    maxEnd = Math.max(maxEnd, iv[1]);
                    minStart = Math.min(minStart, iv[0]);
                    sum += iv[1] - iv[0];
                }
                portBusy = Math.max(maxEnd, minStart + sum);
            }
            latency = Math.max(latency, portBusy);
        }
        return new CopyLayerCost(List.copyOf(costed), energy, latency);
    }

}
