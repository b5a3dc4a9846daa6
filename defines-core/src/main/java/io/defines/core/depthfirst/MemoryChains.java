package io.defines.core.depthfirst;

import io.defines.core.hardware.Accelerator;
import io.defines.core.hardware.Memory;
import io.defines.core.hardware.MemoryOperand;
import java.util.List;
import java.util.Map;

/**
 * The accelerator's memory chains per memory operand, computed once (Accelerator.chain filters the
 * memories on every call), with the level choices every part of the engine makes on them.
 */
record MemoryChains(Accelerator acc, Map<MemoryOperand, List<Memory>> chains) {

    MemoryChains(Accelerator acc) {
        this(acc, acc.chains());
    }

    List<Memory> of(MemoryOperand op) {
        return chains.get(op);
    }

    /** The off-chip memory: top of the O chain. */
    Memory offChip() {
        List<Memory> o = chains.get(MemoryOperand.O);
        return o.get(o.size() - 1);
    }

    /** Index of {@code m} in the O chain, −1 for none. */
    int oIndex(Memory m) {
        return m == null ? -1 : chains.get(MemoryOperand.O).indexOf(m);
    }

    boolean single(Memory m) {
        return m.instanceCount(acc.array()) == 1;
    }

    /** The first single-instance level of {@code chain} holding {@code mustHold} with {@code need} bits; null none. */
    Memory firstFit(List<Memory> chain, long need, MemoryOperand mustHold) {
        for (Memory m : chain) {
            if (m.sizeBits() >= need && m.holds(mustHold) && single(m)) {
                return m;
            }
        }
        return null;
    }

    /**
     * Bottom-up scan: the levels up to the first single-instance one that holds {@code bits}
     * (+ {@code extra} where the level is {@code sharedWith}); the whole chain if none does.
     */
    List<Memory> scan(List<Memory> chain, long bits, Memory sharedWith, long extra) {
        for (int i = 0; i < chain.size(); i++) {
            Memory m = chain.get(i);
            long need = bits + (m == sharedWith ? extra : 0);
            if (single(m) && m.sizeBits() >= need) {
                return chain.subList(0, i + 1);
            }
        }
        return chain;
    }

    /** {@code levels} (a bottom part of {@code chain}) with up to {@code extra} more levels of the chain above it. */
    static List<Memory> widen(List<Memory> levels, List<Memory> chain, int extra) {
        return chain.subList(0, Math.min(chain.size(), levels.size() + extra));
    }
}
