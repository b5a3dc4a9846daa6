package io.defines.core.depthfirst;

import io.defines.core.hardware.Accelerator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A feasible schedule's result: totals (energy in pJ, latency in cycles, MACs including
 * recomputation), the evaluated stacks, and per result key (a layer, or the data copies before a node;
 * stacks concatenated in order) its tile types with multiplicities. The analytics (energy per memory,
 * access bits, latency split) are computed from these on demand by {@link ResultAnalysis}.
 */
public record ScheduleResult(double energyPj, long latencyCycles, long macCount, Map<ResultKey, List<TypeResult>> types,
                             List<StackResult> stacks) {

    public ScheduleResult {
        types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
        stacks = List.copyOf(stacks);
    }

    /** The tile types by DeFiNES' key ({@link ResultKey#definesKey()}), in result order: for comparisons with DeFiNES. */
    public Map<String, List<TypeResult>> perKey() {
        Map<String, List<TypeResult>> out = new LinkedHashMap<>();
        types.forEach((k, v) -> out.put(k.definesKey(), v));
        return out;
    }

    /** The largest {@link TypeResult#onChipBits()} of any layer tile type: the on-chip memory the schedule needs. */
    public long onChipPeakBits() {
        long peak = 0;
        for (List<TypeResult> ts : types.values()) {
            for (TypeResult t : ts) {
                peak = Math.max(peak, t.onChipBits());
            }
        }
        return peak;
    }

    /** Σ multiplicity × MAC energy over all layer tile types (pJ). */
    public double macEnergyPj() {
        return new ResultAnalysis(this).macEnergyPj();
    }

    /** Energy at each memory by name in {@code acc}'s listing order (pJ); with {@link #macEnergyPj()} it adds up to {@link #energyPj()}. */
    public Map<String, Double> energyPerMemoryPj(Accelerator acc) {
        return new ResultAnalysis(this).energyPerMemoryPj(acc);
    }

    /** Energy by layer operand (I, W, O, … as the layers name them) and memory (pJ); copies under {@code copies}, MACs under {@code mac}. */
    public Map<String, Map<String, Double>> energyPerOperandAndMemoryPj() {
        return new ResultAnalysis(this).energyPerOperandAndMemoryPj();
    }

    /** Bits read from and written to each memory (all instances), each access rounded up to its port's granularity. */
    public Map<String, Double> accessBitsPerMemory(Accelerator acc) {
        return new ResultAnalysis(this).accessBitsPerMemory(acc);
    }

    /** Bits read from and written to the off-chip memory. */
    public double offChipAccessBits(Accelerator acc) {
        return accessBitsPerMemory(acc).get(acc.offChipMemory().name());
    }

    /** The latency split; {@code control} = layer runs × the array's control overhead. */
    public LatencyBreakdown latencyBreakdown(Accelerator acc) {
        return new ResultAnalysis(this).latencyBreakdown(acc.array().controlOverheadCycles());
    }

    /** {@link #latencyBreakdown} by part name (compute, control, stalls, onloading, data_copies, offloading). */
    public Map<String, Long> latencyBreakdownCycles(Accelerator acc) {
        return latencyBreakdown(acc).asMap();
    }

    /** Layer runs: Σ multiplicity over all layer tile types (how often a layer ran on a tile). */
    public long layerRuns() {
        return new ResultAnalysis(this).layerRuns();
    }
}
