package io.defines.core.depthfirst;

import io.defines.core.compat.CompatFlags;
import io.defines.core.schedule.SchedulePlan;
import io.defines.core.schedule.StackSettings;
import java.util.List;

/**
 * One evaluated stack: its layer ids in topological order, the tile size and overlap strategies it ran
 * with, and its own share of the schedule's totals — energy (pJ), latency (cycles, the controller's
 * overhead included), MACs, the largest on-chip need of its tile types (bits) and the bits it reads from
 * and writes to the off-chip memory. A schedule's totals are the sums of its stacks' (the peak their
 * maximum): stacks exchange data only through the off-chip memory.
 */
public record StackResult(List<Integer> layerIds, StackSettings settings, double energyPj, long latencyCycles, long macCount,
                          long onChipPeakBits, double offChipAccessBits) {

    public StackResult {
        layerIds = List.copyOf(layerIds);
    }

    /** Evaluated stacks, in order, as a schedule file states them. */
    public static SchedulePlan plan(List<StackResult> stacks, int lpfLimit, CompatFlags flags) {
        return new SchedulePlan(stacks.stream().map(StackResult::plan).toList(), lpfLimit, flags);
    }

    /** The stack as a schedule file states it: its layers and settings. */
    public SchedulePlan.StackPlan plan() {
        return new SchedulePlan.StackPlan(layerIds, settings);
    }
}
