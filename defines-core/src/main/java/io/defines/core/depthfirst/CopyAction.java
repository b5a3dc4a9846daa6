package io.defines.core.depthfirst;

import io.defines.core.hardware.MemoryOperand;

/**
 * One data copy between two memory levels (defines-model §7): {@code bits} from memory operand
 * {@code sourceOperand} at level {@code sourceLevel} of its chain to {@code destinationOperand} at
 * {@code destinationLevel} (levels of the full, untruncated chains).
 */
public record CopyAction(long bits, MemoryOperand sourceOperand, int sourceLevel, MemoryOperand destinationOperand,
                         int destinationLevel) {

    public CopyAction {
        if (bits <= 0) {
            throw new IllegalArgumentException("a copy moves a positive number of bits, not " + bits);
        }
        if (sourceLevel < 0 || destinationLevel < 0) {
            throw new IllegalArgumentException("copy between levels " + sourceLevel + " of " + sourceOperand + " and "
                    + destinationLevel + " of " + destinationOperand + ": a level is not on its operand's chain");
        }
    }
}
