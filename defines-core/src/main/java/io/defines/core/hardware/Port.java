package io.defines.core.hardware;

import java.util.List;
import java.util.Objects;

/**
 * A physical port of a memory. {@code bandwidthMaxBits} is the word width moved per cycle;
 * {@code bandwidthMinBits} the smallest access granularity (DeFiNES' min_r/w_granularity).
 */
public record Port(String name, PortType type, long bandwidthMinBits, long bandwidthMaxBits,
                   List<PortAllocation> allocations) {

    public Port {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        allocations = List.copyOf(allocations);
    }

    public boolean serves(MemoryOperand operand, DataDirection direction) {
        return allocations.contains(new PortAllocation(operand, direction));
    }
}
