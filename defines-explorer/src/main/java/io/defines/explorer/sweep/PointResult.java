package io.defines.explorer.sweep;

/**
 * The outcome of one design point: either {@code ok} with its totals, or {@code infeasible} with a
 * reason (the totals are then NaN / −1 and written as empty cells). {@code details} is the full result
 * (layers, tile types, copies) as written to details.jsonl; null when infeasible.
 */
public record PointResult(boolean ok, String reason, double energyPj, long latencyCycles, long macCount, double macEnergyPj,
                          long evalMillis, com.fasterxml.jackson.databind.node.ObjectNode details) {

    static PointResult infeasible(String reason, long evalMillis) {
        return new PointResult(false, reason, Double.NaN, -1, -1, Double.NaN, evalMillis, null);
    }

    /** Energy-delay product in pJ · cycles. */
    public double edp() {
        return energyPj * latencyCycles;
    }
}
