package io.defines.core.hardware;

/**
 * The three memory operands of a ZigZag/DeFiNES accelerator: {@code I1} and {@code I2} are the two
 * multiplier inputs (activations and weights by convention, decided per layer by the mapping's
 * {@code memory_operand_links}), {@code O} the outputs and partial sums.
 */
public enum MemoryOperand {
    I1, I2, O;

    /** Parses "I1", "I2" or "O"; null for anything else. */
    public static MemoryOperand parse(String s) {
        for (MemoryOperand m : values()) {
            if (m.name().equals(s)) {
                return m;
            }
        }
        return null;
    }
}
