package io.defines.core.depthfirst;

/**
 * What evaluating a schedule gives: a {@link Feasible} result, an {@link Infeasible} schedule with the
 * layer that cannot run and why, or an {@link Unsupported} one the engine cannot evaluate correctly.
 */
public sealed interface ScheduleOutcome {

    record Feasible(ScheduleResult result) implements ScheduleOutcome {
    }

    /** A schedule without a result, and the sentence that says why. */
    sealed interface Problem extends ScheduleOutcome {
        String message();
    }

    /**
     * A schedule the engine would evaluate wrongly, refused instead (e.g. cuts that put a layer in two
     * stacks or in none).
     */
    record Unsupported(String reason) implements Problem {
        @Override
        public String message() {
            return "unsupported schedule: " + reason;
        }
    }

    /**
     * A layer that fits no widening of its memory levels: on its last try, {@code memory} (of
     * {@code capacityBits}) could not hold {@code operand}'s data, {@code demandBits} of it. Mostly
     * {@code demandBits} > {@code capacityBits}; at a top level shared with other operands (or where
     * partial sums need more bits) the operand's tile alone may fit, and {@code reason}, the single-layer
     * model's own words, says so instead of stating a false inequality.
     */
    record Infeasible(int layerId, String memory, String operand, long demandBits, long capacityBits, String reason)
            implements Problem {

        /** The sentence reported to users (sweep rows, evaluate's error). */
        @Override
        public String message() {
            return "layer " + layerId + " does not fit any widening of its memory levels: " + reason;
        }
    }

    /**
     * Boundary tensors kept on chip (docs/schedules.md) that together need more of {@code memory} than it
     * has while the stack of layer {@code layerId} runs.
     */
    record Overfull(int layerId, String memory, long demandBits, long capacityBits) implements Problem {
        @Override
        public String message() {
            return "the boundary tensors kept in " + memory + " while the stack of layer " + layerId + " runs need " + demandBits
                    + " bits, it holds " + capacityBits;
        }
    }

    /** The result; IllegalStateException with the reason when the schedule is infeasible (for callers that know it fits). */
    default ScheduleResult orThrow() {
        if (this instanceof Feasible f) {
            return f.result();
        }
        throw new IllegalStateException(((Problem) this).message());
    }
}
