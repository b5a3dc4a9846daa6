package io.defines.core.mapper;

/**
 * Why an allocation of a loop ordering failed: {@code memory} cannot hold {@code demandBits} of
 * {@code operand} ({@code capacityBits}); {@code topTooSmall} when it is the operand's top level and the
 * whole tile does not fit, else even the innermost data did not fit.
 */
record AllocationFailure(String memory, String operand, long demandBits, long capacityBits, boolean topTooSmall) {

    /** A sentence for {@link io.defines.core.cost.LayerCost.Infeasible#reason()}. */
    String reason() {
        if (demandBits <= capacityBits) {
            // the data alone fits: what does not is that data beside the other operands the level holds, or the
            // data at the partial-sum precision while reduction loops remain
            return (topTooSmall ? "the top level " : "memory ") + memory + " of operand " + operand + " cannot hold its "
                    + (topTooSmall ? "tile" : "innermost data") + " beside the other operands it holds or at partial-sum precision"
                    + " (alone, at its final precision, it is " + demandBits + " bits of " + capacityBits + ")";
        }
        return topTooSmall
                ? "the top level " + memory + " of operand " + operand + " cannot hold its tile: " + demandBits + " bits > " + capacityBits
                : "memory " + memory + " cannot hold the innermost data of operand " + operand + ": " + demandBits + " bits > " + capacityBits;
    }
}
