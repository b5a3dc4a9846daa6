package io.defines.core.optimize;

import io.defines.core.compat.CompatFlags;
import io.defines.core.depthfirst.StackResult;
import io.defines.core.schedule.SchedulePlan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A schedule of evaluated stacks, as the optimizer builds it: energy and latency the sums of its stacks',
 * the on-chip peak their maximum. Extending a schedule by a stack ({@link #then}) shares the prefix
 * instead of copying it (the optimizer builds millions of them); {@link #stacks()} lists them in order.
 * Immutable.
 */
public final class SchedulePoint {

    private final double energyPj;
    private final long latencyCycles;
    private final long onChipPeakBits;
    private final SchedulePoint prefix;
    private final StackResult last;
    private final List<StackResult> listed;

    /** A schedule with these totals and stacks (an evaluated whole schedule). */
    public SchedulePoint(double energyPj, long latencyCycles, long onChipPeakBits, List<StackResult> stacks) {
        this.energyPj = energyPj;
        this.latencyCycles = latencyCycles;
        this.onChipPeakBits = onChipPeakBits;
        this.prefix = null;
        this.last = null;
        this.listed = List.copyOf(stacks);
    }

    private SchedulePoint(SchedulePoint prefix, StackResult s) {
        this.energyPj = prefix.energyPj + s.energyPj();
        this.latencyCycles = prefix.latencyCycles + s.latencyCycles();
        this.onChipPeakBits = Math.max(prefix.onChipPeakBits, s.onChipPeakBits());
        this.prefix = prefix;
        this.last = s;
        this.listed = null;
    }

    /** The empty schedule: nothing run yet. */
    static final SchedulePoint EMPTY = new SchedulePoint(0, 0, 0, List.of());

    /** A schedule of evaluated stacks: energy and latency their sums, the peak their maximum (in order). */
    public static SchedulePoint of(List<StackResult> stacks) {
        SchedulePoint p = EMPTY;
        for (StackResult s : stacks) {
            p = p.then(s);
        }
        return p;
    }

    /** This schedule followed by stack {@code s}. */
    SchedulePoint then(StackResult s) {
        return new SchedulePoint(this, s);
    }

    public double energyPj() {
        return energyPj;
    }

    public long latencyCycles() {
        return latencyCycles;
    }

    public long onChipPeakBits() {
        return onChipPeakBits;
    }

    /** The stacks in execution order. */
    public List<StackResult> stacks() {
        if (listed != null) {
            return listed;
        }
        List<StackResult> out = new ArrayList<>();
        SchedulePoint p = this;
        while (p.listed == null) {
            out.add(p.last);
            p = p.prefix;
        }
        List<StackResult> head = p.listed;
        Collections.reverse(out);
        List<StackResult> all = new ArrayList<>(head);
        all.addAll(out);
        return Collections.unmodifiableList(all);
    }

    /** Bits read from and written to the off-chip memory (the stacks' sum). */
    public double offChipAccessBits() {
        return stacks().stream().mapToDouble(StackResult::offChipAccessBits).sum();
    }

    public long macCount() {
        return stacks().stream().mapToLong(StackResult::macCount).sum();
    }

    public double edp() {
        return energyPj * latencyCycles;
    }

    /** The schedule as a schedule file states it. */
    public SchedulePlan plan(int lpfLimit, CompatFlags flags) {
        return StackResult.plan(stacks(), lpfLimit, flags);
    }

    @Override
    public String toString() {
        return "SchedulePoint[energyPj=" + energyPj + ", latencyCycles=" + latencyCycles + ", onChipPeakBits=" + onChipPeakBits
                + ", stacks=" + stacks().size() + "]";
    }
}
