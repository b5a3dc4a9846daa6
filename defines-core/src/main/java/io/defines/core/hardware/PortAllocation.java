package io.defines.core.hardware;

/** One (memory operand, direction) pair served by a port, written "I1, tl" in YAML. */
public record PortAllocation(MemoryOperand operand, DataDirection direction) {

    @Override
    public String toString() {
        return operand + ", " + direction.code();
    }
}
