package io.defines.core.depthfirst;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where one stack's boundary tensors live (docs/schedules.md, "Boundary tensors"): the tensors it reads
 * from earlier stacks or writes for later ones that wait in an on-chip memory instead of the off-chip
 * one (producing layer id → memory name), and the bits that every on-chip boundary tensor alive while
 * the stack runs takes in each memory — those it reads or writes and those that pass it on their way to
 * a later stack. The stack's own data sees those memories with that much less capacity, and its on-chip
 * peak counts those bits. {@link #OFF_CHIP}: every boundary tensor off chip, as DeFiNES does. A value,
 * part of a stack's memo key.
 */
public record Boundary(Map<Integer, String> onChip, Map<String, Long> heldBits) {

    public static final Boundary OFF_CHIP = new Boundary(Map.of(), Map.of());

    public Boundary {
        onChip = Map.copyOf(onChip);
        heldBits = Map.copyOf(heldBits);
    }

    /** The bits of every on-chip boundary tensor alive while the stack runs. */
    public long heldTotalBits() {
        return heldBits.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The memory that keeps the output of layer {@code producer}, null when it goes off chip. */
    String memoryOf(int producer) {
        return onChip.get(producer);
    }

    @Override
    public String toString() {
        return onChip.isEmpty() && heldBits.isEmpty() ? "off-chip" : "on-chip " + new TreeMap<>(onChip) + " held " + new TreeMap<>(heldBits);
    }
}
