package io.defines.core.depthfirst;

import io.defines.core.hardware.Accelerator;
import io.defines.core.hardware.Memory;
import io.defines.core.hardware.MemoryOperand;
import io.defines.core.mapping.Mapping;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * DeFiNES' automatic stack cuts (defines-model §4.3 with §13 C3): fuse layers until their weights
 * would overflow the highest on-chip weight memory. Residual blocks (from a fork to its join) are
 * undividable units; a unit whose weights alone overflow is cut after every one of its layers.
 * The result lists the layer ids after which a new stack starts; {@link #NETWORK_INPUT} (−1) stands
 * for DeFiNES' input node, which shares the first unit with the first layer.
 */
public final class StackCuts {

    /** DeFiNES' id of the network input node. */
    public static final int NETWORK_INPUT = -1;

    private StackCuts() {
    }

    /** Bits of the highest on-chip weight memory: the second-to-last level of the weights' chain. */
    public static long weightCapacityBits(Workload w, Mapping mapping, Accelerator acc) {
        for (Layer l : w.topologicalOrder()) {
            if (!l.constantOperands().isEmpty()) {
                MemoryOperand op = mapping.entryFor(l).orElseThrow().memoryOperandLinks().get(l.constantOperands().get(0));
                List<Memory> chain = acc.chain(op);
                return chain.get(Math.max(0, chain.size() - 2)).sizeBits();
            }
        }
        return Long.MAX_VALUE;
    }

    /** The cut list DeFiNES computes (§4.3): ids of the layers after which a new stack starts. */
    public static List<Integer> automatic(Workload w, Mapping mapping, Accelerator acc) {
        long maxS = weightCapacityBits(w, mapping, acc);
        List<List<Integer>> units = units(w);
        List<Integer> cuts = new ArrayList<>();
        long running = 0;
        Integer last = null;
        for (List<Integer> unit : units) {
            long ws = 0;
            for (int id : unit) {
                if (id != NETWORK_INPUT) {
                    ws += w.layer(id).orElseThrow().weightBits();
                }
            }
            if (ws > maxS) {
                if (last != null && (cuts.isEmpty() || !cuts.get(cuts.size() - 1).equals(last))) {
                    cuts.add(last);
                }
                cuts.addAll(unit);
                running = 0;
            } else if (running + ws > maxS) {
                cuts.add(last);
                running = ws;
            } else {
                running += ws;
            }
            last = unit.get(unit.size() - 1);
        }
        return cuts;
    }

    /** Undividable units: single layers on a chain, whole branch regions between a fork and its join. */
    static List<List<Integer>> units(Workload w) {
        List<List<Integer>> units = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        current.add(NETWORK_INPUT);
        int branches = 1;
        int inputConsumers = (int) w.layers().stream().filter(l -> l.inputs().stream().anyMatch(i -> i.isNetworkInput())).count();
        branches += inputConsumers - 1;
        for (Layer l : w.topologicalOrder()) {
            int inDegree = l.producers().size() + (l.inputs().stream().anyMatch(i -> i.isNetworkInput()) ? 1 : 0);
            branches -= inDegree - 1;
            current.add(l.id());
            if (branches == 1) {
                units.add(current);
                current = new ArrayList<>();
            }
            branches += w.consumers(l.id()).size() - 1;
        }
        if (!current.isEmpty()) {
            units.add(current);
        }
        return units;
    }
}
