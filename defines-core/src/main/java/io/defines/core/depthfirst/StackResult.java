package io.defines.core.depthfirst;

import io.defines.core.compat.CompatFlags;
import io.defines.core.schedule.SchedulePlan;
import io.defines.core.schedule.StackSettings;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One evaluated stack: its layer ids in topological order, the tile size and overlap strategies it ran
 * with, and its own share of the schedule's totals — energy (pJ), latency (cycles, the controller's
 * overhead included), MACs, the largest on-chip need of its tile types (bits) and the bits it reads from
 * and writes to the off-chip memory. A schedule's totals are the sums of its stacks' (the peak their
 * maximum), and the peak counts the boundary tensors kept on chip while the stack runs ({@code boundary}).
 */
public record StackResult(List<Integer> layerIds, StackSettings settings, double energyPj, long latencyCycles, long macCount,
                          long onChipPeakBits, double offChipAccessBits, Boundary boundary) {

    public StackResult {
        layerIds = List.copyOf(layerIds);
    }

    /** Evaluated stacks, in order, as a schedule file states them. */
    public static SchedulePlan plan(List<StackResult> stacks, int lpfLimit, CompatFlags flags) {
        return new SchedulePlan(stacks.stream().map(StackResult::plan).toList(), lpfLimit, flags);
    }

    /** The stack as a schedule file states it: its layers, settings and the outputs it keeps on chip for later stacks. */
    public SchedulePlan.StackPlan plan() {
        return new SchedulePlan.StackPlan(layerIds, settings, keptOutputs());
    }

    /** The outputs of this stack's layers kept on chip for later stacks (layer id → memory). */
    public Map<Integer, String> keptOutputs() {
        Map<Integer, String> out = new TreeMap<>();
        boundary.onChip().forEach((layer, memory) -> {
            if (layerIds.contains(layer)) {
                out.put(layer, memory);
            }
        });
        return out;
    }
}
