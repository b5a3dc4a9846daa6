package io.defines.core.hardware;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An accelerator: one MAC array and its memory hierarchy. Each memory operand's chain is the
 * memories holding it, in listing order, innermost first (the ZigZag convention: lower levels are
 * listed first). Immutable; truncated views for depth-first scheduling are separate values.
 */
public record Accelerator(String name, OperationalArray array, List<Memory> memories, OffChipTransfers offChipTransfers) {

    public Accelerator {
        Objects.requireNonNull(name);
        Objects.requireNonNull(array);
        Objects.requireNonNull(offChipTransfers);
        memories = List.copyOf(memories);
    }

    /** With the default off-chip transfers ({@link OffChipTransfers#DEFAULT}). */
    public Accelerator(String name, OperationalArray array, List<Memory> memories) {
        this(name, array, memories, OffChipTransfers.DEFAULT);
    }

    /** The same accelerator with other memories (same name, array and off-chip transfers). */
    public Accelerator withMemories(List<Memory> others) {
        return new Accelerator(name, array, others, offChipTransfers);
    }

    /** The same accelerator with another operational array. */
    public Accelerator withArray(OperationalArray other) {
        return new Accelerator(name, other, memories, offChipTransfers);
    }

    /** The same accelerator whose off-chip memory moves data as {@code transfers} says. */
    public Accelerator withOffChipTransfers(OffChipTransfers transfers) {
        return new Accelerator(name, array, memories, transfers);
    }

    /** The chain of {@code operand}, innermost (level 0) first. */
    public List<Memory> chain(MemoryOperand operand) {
        List<Memory> chain = new ArrayList<>(memories.size()); // a loop, not a stream: called per layer and tile
        for (Memory m : memories) {
            if (m.holds(operand)) {
                chain.add(m);
            }
        }
        return Collections.unmodifiableList(chain);
    }

    /** The off-chip memory: the top of the O chain, where every schedule's data starts and ends. */
    public Memory offChipMemory() {
        List<Memory> o = chain(MemoryOperand.O);
        return o.get(o.size() - 1);
    }

    /** All three chains. */
    public Map<MemoryOperand, List<Memory>> chains() {
        Map<MemoryOperand, List<Memory>> m = new EnumMap<>(MemoryOperand.class);
        for (MemoryOperand op : MemoryOperand.values()) {
            m.put(op, chain(op));
        }
        return m;
    }

    /** Level of {@code memory} in {@code operand}'s chain (0 = innermost), or -1 if it does not hold it. */
    public int level(Memory memory, MemoryOperand operand) {
        return chain(operand).indexOf(memory);
    }

    /**
     * The same accelerator with part of some memories taken by other data ({@code takenBits}: memory
     * name → bits per instance): each of those memories offers its capacity less the bits taken. Used
     * for tensors kept on chip between stacks (docs/schedules.md, "Boundary tensors").
     */
    public Accelerator withCapacityTaken(Map<String, Long> takenBits) {
        if (takenBits.isEmpty()) {
            return this;
        }
        List<Memory> out = new ArrayList<>(memories.size());
        for (Memory m : memories) {
            long taken = takenBits.getOrDefault(m.name(), 0L);
            out.add(taken == 0 ? m : m.withSizeBits(Math.max(0, m.sizeBits() - taken)));
        }
        return withMemories(out);
    }

    public Optional<Memory> memory(String memoryName) {
        for (Memory m : memories) {
            if (m.name().equals(memoryName)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
