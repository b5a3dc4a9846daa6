package io.defines.explorer.sweep;

import java.util.Map;

/**
 * The outcome of one design point: either {@code ok} with its totals, or {@code infeasible} with a
 * reason (the totals are then NaN / −1 and written as empty cells). {@code details} is the full result
 * (layers, tile types, copies) as written to details.jsonl; null when infeasible.
 *
 * @param dramAccessBits bits read from and written to the off-chip memory (ScheduleResult#offChipAccessBits)
 * @param onChipPeakBits the on-chip memory the schedule needs (ScheduleResult#onChipPeakBits)
 * @param energyPerMemoryPj memory name → energy spent there, without MAC energy
 */
public record PointResult(boolean ok, String reason, double energyPj, long latencyCycles, long macCount, double macEnergyPj,
                          long dramAccessBits, long onChipPeakBits, Map<String, Double> energyPerMemoryPj,
                          long evalMillis, com.fasterxml.jackson.databind.node.ObjectNode details) {

    static PointResult infeasible(String reason, long evalMillis) {
        return new PointResult(false, reason, Double.NaN, -1, -1, Double.NaN, -1, -1, Map.of(), evalMillis, null);
    }

    /** Energy-delay product in pJ · cycles. */
    public double edp() {
        return energyPj * latencyCycles;
    }
}
