package io.defines.core.optimize;

import io.defines.core.depthfirst.StackResult;
import io.defines.core.schedule.StackSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Schedules other tools would pick, built from the optimizer's evaluated stacks (the same model, nothing
 * evaluated again) so that the optimum can be stated against them:
 * <ul>
 *   <li>{@link #greedyCascade}: a cascade builder in Vela's manner — walk the topological order and grow
 *   the current stack by the next layer while one stack of both is better (by the objective, within the
 *   budget) than ending the stack and starting a new one, or while the stack so far fits the budget with
 *   no setting; each stack with its best setting;</li>
 *   <li>{@link #layerByLayer}: every layer its own stack, each with its best setting;</li>
 *   <li>{@link #budgetCurve}: the best schedule of the front for every on-chip budget at which the best
 *   changes, from the smallest feasible budget to the unconstrained optimum.</li>
 * </ul>
 */
public final class Baselines {

    private final ScheduleOptimizer optimizer;
    private final ScheduleOptimizer.Space space;
    private final ScheduleOptimizer.Result result;
    private final ToDoubleFunction<SchedulePoint> score;

    /** The space the baselines were built from. */
    public ScheduleOptimizer.Space space() {
        return space;
    }

    public Baselines(ScheduleOptimizer optimizer, ScheduleOptimizer.Space space, ScheduleOptimizer.Result result,
                     ToDoubleFunction<SchedulePoint> score) {
        this.optimizer = optimizer;
        this.space = space;
        this.result = result;
        this.score = score;
    }

    /** The stack [from, to) with its best setting within {@code budgetBits}; empty when none fits. */
    Optional<StackResult> bestStack(int from, int to, long budgetBits) {
        StackResult best = null;
        for (StackSettings c : result.settingsEndingAt(to)) {
            Optional<StackResult> s = result.stacks().get(new ScheduleOptimizer.StackKey(from, to, c));
            if (s == null || s.isEmpty() || s.get().onChipPeakBits() > budgetBits) {
                continue;
            }
            if (best == null || score.applyAsDouble(SchedulePoint.of(List.of(s.get())))
                    < score.applyAsDouble(SchedulePoint.of(List.of(best)))) {
                best = s.get();
            }
        }
        return Optional.ofNullable(best);
    }

    /** Vela-style greedy cascades within {@code budgetBits}; empty when some layer fits no stack at all. */
    public Optional<SchedulePoint> greedyCascade(long budgetBits) {
        int n = optimizer.layers();
        List<StackResult> done = new ArrayList<>();
        int start = 0;
        int end = 1;
        while (end < n) {
            Optional<StackResult> head = bestStack(start, end, budgetBits);
            if (head.isEmpty()) {
                end++; // the stack so far fits no setting within the budget: it cannot end here
                continue;
            }
            Optional<StackResult> merged = bestStack(start, end + 1, budgetBits);
            Optional<StackResult> next = bestStack(end, end + 1, budgetBits);
            boolean grow = merged.isPresent() && (next.isEmpty()
                    || score.applyAsDouble(SchedulePoint.of(List.of(merged.get())))
                    <= score.applyAsDouble(SchedulePoint.of(List.of(head.get(), next.get()))));
            if (grow) {
                end++;
                continue;
            }
            done.add(head.get());
            start = end;
            end = start + 1;
        }
        Optional<StackResult> last = bestStack(start, n, budgetBits);
        if (last.isEmpty()) {
            return Optional.empty();
        }
        done.add(last.get());
        return Optional.of(SchedulePoint.of(done));
    }

    /** Every layer its own stack with its best setting within {@code budgetBits}; empty when a layer fits none. */
    public Optional<SchedulePoint> layerByLayer(long budgetBits) {
        List<StackResult> stacks = new ArrayList<>();
        for (int i = 0; i < optimizer.layers(); i++) {
            Optional<StackResult> s = bestStack(i, i + 1, budgetBits);
            if (s.isEmpty()) {
                return Optional.empty();
            }
            stacks.add(s.get());
        }
        return Optional.of(SchedulePoint.of(stacks));
    }

    /**
     * A DeFiNES grid point from the evaluated stacks: the same setting for every stack, new stacks after
     * the layers {@code cutIds} (the engine's cut list, −1 = after the network input), as the default
     * mode cuts them (runs of the topological order). Empty when a stack is infeasible or beyond the
     * budget, or when the setting is not among the evaluated ones. In compat mode DeFiNES' stack rule
     * makes other stacks: evaluate the grid point with the engine there.
     */
    public Optional<SchedulePoint> uniform(List<Integer> cutIds, StackSettings setting) {
        java.util.TreeSet<Integer> ends = new java.util.TreeSet<>();
        for (int id : cutIds) {
            int p = optimizer.position(id);
            if (id != -1 && p < 0) {
                return Optional.empty();
            }
            ends.add(p + 1);
        }
        ends.add(optimizer.layers());
        List<StackResult> stacks = new ArrayList<>();
        int from = 0;
        for (int to : ends) {
            if (to <= from) {
                continue;
            }
            Optional<StackResult> s = result.stacks().get(new ScheduleOptimizer.StackKey(from, to, optimizer.clipped(to, setting)));
            if (s == null || s.isEmpty() || s.get().onChipPeakBits() > space.budgetBits()) {
                return Optional.empty();
            }
            stacks.add(s.get());
            from = to;
        }
        return Optional.of(SchedulePoint.of(stacks));
    }

    /** One step of the budget curve: from {@code budgetBits} on, {@code best} is the best schedule of the front. */
    public record BudgetStep(long budgetBits, SchedulePoint best, int frontIndex) {
    }

    /**
     * The best front point (by the objective) for every budget at which it changes, ascending: the first
     * step is the smallest budget any schedule fits, the last the unconstrained best.
     */
    public List<BudgetStep> budgetCurve() {
        List<SchedulePoint> front = result.front();
        List<Integer> byPeak = new ArrayList<>();
        for (int i = 0; i < front.size(); i++) {
            byPeak.add(i);
        }
        byPeak.sort(java.util.Comparator.comparingLong((Integer i) -> front.get(i).onChipPeakBits()).thenComparingInt(i -> i));
        List<BudgetStep> steps = new ArrayList<>();
        for (int i : byPeak) {
            SchedulePoint p = front.get(i);
            if (steps.isEmpty() || score.applyAsDouble(p) < score.applyAsDouble(steps.get(steps.size() - 1).best())) {
                steps.add(new BudgetStep(p.onChipPeakBits(), p, i));
            }
        }
        return steps;
    }
}
