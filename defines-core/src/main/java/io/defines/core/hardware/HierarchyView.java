package io.defines.core.hardware;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The memory hierarchy as one single-layer evaluation sees it: each memory operand's chain cut at
 * a chosen top level (DeFiNES removes the levels above, §6.5), optionally with I2 aliased onto the
 * I1 chain (element-wise adds: both inputs are activations, so the second one is relinked to I2 and
 * I2 takes I1's levels and ports, appended after the memory's own operands). A value: nothing of the
 * accelerator is copied or changed.
 *
 * @param levelCounts memory operand → number of levels kept, innermost first (0 = none)
 * @param i2AliasesI1 true for element-wise adds: I2's chain is I1's truncated chain
 * @param bypassed memory operand → names of the memories its chain skips (a mapping's bypass; never its top)
 */
public record HierarchyView(Accelerator accelerator, Map<MemoryOperand, Integer> levelCounts, boolean i2AliasesI1,
                            Map<MemoryOperand, Set<String>> bypassed) {

    /** Nothing bypassed. */
    public HierarchyView(Accelerator accelerator, Map<MemoryOperand, Integer> levelCounts, boolean i2AliasesI1) {
        this(accelerator, levelCounts, i2AliasesI1, Map.of());
    }

    public HierarchyView {
        Objects.requireNonNull(accelerator);
        EnumMap<MemoryOperand, Integer> counts = new EnumMap<>(MemoryOperand.class);
        for (MemoryOperand op : MemoryOperand.values()) {
            int full = accelerator.chain(op).size();
            int c = levelCounts.getOrDefault(op, full);
            if (c < 0 || c > full) {
                throw new IllegalArgumentException(op + ": " + c + " levels requested, chain has " + full);
            }
            counts.put(op, c);
        }
        if (i2AliasesI1) {
            counts.put(MemoryOperand.I2, counts.get(MemoryOperand.I1));
        }
        levelCounts = Collections.unmodifiableMap(counts);
        EnumMap<MemoryOperand, Set<String>> by = new EnumMap<>(MemoryOperand.class);
        bypassed.forEach((op, names) -> by.put(op, Set.copyOf(names)));
        bypassed = Collections.unmodifiableMap(by);
    }

    /** This view with each memory operand's chain also skipping the memories {@code bypass} names for it ({@link #bypassConflict}). */
    public HierarchyView withBypass(Map<MemoryOperand, Set<String>> bypass) {
        return new HierarchyView(accelerator, levelCounts, i2AliasesI1, bypass);
    }

    /** Why this view's bypass cannot hold (a bypassed memory is the operand's top level), or null. */
    public String bypassConflict() {
        for (var e : bypassed.entrySet()) {
            List<Memory> kept = accelerator.chain(e.getKey()).subList(0, levelCounts.get(e.getKey()));
            if (!kept.isEmpty() && e.getValue().contains(kept.get(kept.size() - 1).name())) {
                return e.getKey() + " bypasses " + kept.get(kept.size() - 1).name() + ", where this schedule keeps its data"
                        + " (the top level of its chain for this tile); bypass only memories below an operand's top level";
            }
        }
        return null;
    }

    /** The whole hierarchy, nothing truncated. */
    public static HierarchyView full(Accelerator accelerator) {
        return new HierarchyView(accelerator, Map.of(), false);
    }

    /** Truncated chain of {@code op}, innermost first. */
    public List<Memory> chain(MemoryOperand op) {
        MemoryOperand source = i2AliasesI1 && op == MemoryOperand.I2 ? MemoryOperand.I1 : op;
        List<Memory> kept = accelerator.chain(source).subList(0, levelCounts.get(source));
        Set<String> skip = bypassed.get(source);
        return skip == null ? kept : kept.stream().filter(m -> !skip.contains(m.name())).toList();
    }

    /** Whether {@code memory} holds {@code op} in this view. */
    public boolean holds(Memory memory, MemoryOperand op) {
        return chain(op).contains(memory);
    }

    /** Level of {@code memory} in {@code op}'s truncated chain, or −1. */
    public int level(Memory memory, MemoryOperand op) {
        return chain(op).indexOf(memory);
    }

    /** True when {@code memory} is the top (last kept) level of {@code op}. */
    public boolean isTop(Memory memory, MemoryOperand op) {
        List<Memory> c = chain(op);
        return !c.isEmpty() && c.get(c.size() - 1) == memory;
    }

    /**
     * Memory operands held by {@code memory} in this view, in the order the allocator and the port
     * lists use: the memory's own operands (those kept), then an aliased I2 last.
     */
    public List<MemoryOperand> operandsAt(Memory memory) {
        List<MemoryOperand> ops = new ArrayList<>();
        for (MemoryOperand op : memory.operands()) {
            if (i2AliasesI1 && op == MemoryOperand.I2) {
                continue;
            }
            if (holds(memory, op)) {
                ops.add(op);
            }
        }
        if (i2AliasesI1 && holds(memory, MemoryOperand.I1)) {
            ops.add(MemoryOperand.I2);
        }
        return ops;
    }

    /** Memories holding at least one operand in this view, in the accelerator's listing order. */
    public List<Memory> memories() {
        return accelerator.memories().stream().filter(m -> !operandsAt(m).isEmpty()).toList();
    }

    /** The memories holding any of {@code operands} in this view, in listing order (those a mapping's allocation visits). */
    public List<Memory> memoriesHolding(Collection<MemoryOperand> operands) {
        return memories().stream().filter(m -> operandsAt(m).stream().anyMatch(operands::contains)).toList();
    }

    /** One (memory operand, direction) served by a port, as DeFiNES lists it per port. */
    public record Served(MemoryOperand operand, int level, DataDirection direction) {
    }

    /**
     * The entries a port serves in this view, in DeFiNES' order: the allocations of operands still
     * held, in the file's order, then the aliased I2 duplicates of the I1 entries.
     */
    public List<Served> served(Memory memory, Port port) {
        List<Served> out = new ArrayList<>();
        for (PortAllocation a : port.allocations()) {
            if (i2AliasesI1 && a.operand() == MemoryOperand.I2) {
                continue;
            }
            if (holds(memory, a.operand())) {
                out.add(new Served(a.operand(), level(memory, a.operand()), a.direction()));
            }
        }
        if (i2AliasesI1 && holds(memory, MemoryOperand.I1)) {
            for (PortAllocation a : port.allocations()) {
                if (a.operand() == MemoryOperand.I1) {
                    out.add(new Served(MemoryOperand.I2, level(memory, MemoryOperand.I1), a.direction()));
                }
            }
        }
        return out;
    }

    /** Sharing groups: memories holding more than one memory operand in this view, with each operand's level. */
    public List<Map<MemoryOperand, Integer>> sharingGroups() {
        List<Map<MemoryOperand, Integer>> groups = new ArrayList<>();
        for (Memory m : memories()) {
            List<MemoryOperand> ops = operandsAt(m);
            if (ops.size() > 1) {
                Map<MemoryOperand, Integer> g = new EnumMap<>(MemoryOperand.class);
                for (MemoryOperand op : ops) {
                    g.put(op, level(m, op));
                }
                groups.add(g);
            }
        }
        return groups;
    }
}
