package io.defines.core.depthfirst;

/**
 * A schedule the accelerator cannot run: some layer does not fit any widening of its memory levels.
 * Sweeps turn it into an {@code infeasible} row with this message as the reason.
 */
public final class InfeasibleScheduleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InfeasibleScheduleException(String reason) {
        super(reason);
    }
}
