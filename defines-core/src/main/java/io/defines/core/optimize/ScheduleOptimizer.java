package io.defines.core.optimize;

import io.defines.core.compat.CompatFlags;
import io.defines.core.depthfirst.DepthFirstEngine;
import io.defines.core.depthfirst.StackResult;
import io.defines.core.schedule.SchedulePlan;
import io.defines.core.schedule.StackSettings;
import io.defines.core.schedule.TileSize;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.HashMap;

/**
 * The exact Pareto front (energy, latency, on-chip peak) of depth-first schedules whose stacks are runs
 * of the workload's topological order, each with its own tile and overlap strategy from the candidates
 * (docs/schedules.md). Stacks exchange data only through the off-chip memory, so a schedule's energy
 * and latency are the sums of its stacks' and its peak their maximum; a dynamic program over the cut
 * positions keeps, for every prefix, the schedules no other prefix schedule dominates — extending a
 * dominated prefix by any stack stays dominated (sums and max are monotone), so no optimum is dropped.
 * Every stack (from, to, settings) is evaluated once ({@link DepthFirstEngine#evaluateStack}), the
 * settings of one run in parallel; the front does not depend on the threads.
 */
public final class ScheduleOptimizer {

    /** What to search: the candidate settings of every stack, the LOMA limit, the mode and the on-chip budget (bits). */
    public record Space(List<StackSettings> candidates, int lpfLimit, CompatFlags flags, long budgetBits) {

        public Space {
            candidates = List.copyOf(candidates);
            if (candidates.isEmpty()) {
                throw new IllegalArgumentException("no candidate settings");
            }
        }
    }

    /** A schedule on the front: its totals and its stacks. */
    public record Point(double energyPj, long latencyCycles, long onChipPeakBits, List<StackResult> stacks) {

        public Point {
            stacks = List.copyOf(stacks);
        }

        Point then(StackResult s) {
            List<StackResult> all = new ArrayList<>(stacks);
            all.add(s);
            return new Point(energyPj + s.energyPj(), latencyCycles + s.latencyCycles(), Math.max(onChipPeakBits, s.onChipPeakBits()), all);
        }

        boolean dominates(Point o) {
            boolean noWorse = energyPj <= o.energyPj && latencyCycles <= o.latencyCycles && onChipPeakBits <= o.onChipPeakBits;
            boolean better = energyPj < o.energyPj || latencyCycles < o.latencyCycles || onChipPeakBits < o.onChipPeakBits;
            return noWorse && better;
        }

        public double edp() {
            return energyPj * latencyCycles;
        }

        /** The schedule as a schedule file states it. */
        public SchedulePlan plan(int lpfLimit, CompatFlags flags) {
            return new SchedulePlan(stacks.stream().map(StackResult::plan).toList(), lpfLimit, flags);
        }
    }

    /** The front and how much work it took. */
    public record Result(List<Point> front, int stacksEvaluated, int stacksInfeasible) {
    }

    private record StackKey(int from, int to, StackSettings settings) {
    }

    private final DepthFirstEngine engine;
    private final List<Layer> order;
    private final int layers;

    public ScheduleOptimizer(DepthFirstEngine engine, Workload workload) {
        this.engine = engine;
        this.order = workload.topologicalOrder();
        this.layers = order.size();
    }

    /**
     * The same setting with its tile clipped to the map of the stack's last layer (the engine clips it so):
     * candidates that differ only beyond the map are one stack, evaluated once.
     */
    private StackSettings clipped(int to, StackSettings c) {
        Layer last = order.get(to - 1);
        long ox = last.loopSizes().getOrDefault("OX", 1L);
        long oy = last.loopSizes().getOrDefault("OY", 1L);
        TileSize t = new TileSize(Math.min(c.tile().x(), ox), Math.min(c.tile().y(), oy));
        return t.equals(c.tile()) ? c : new StackSettings(t, c.horizontal(), c.vertical());
    }

    public Result optimize(Space space) {
        Map<StackKey, Optional<StackResult>> evaluated = new HashMap<>();
        List<List<Point>> fronts = new ArrayList<>();
        fronts.add(List.of(new Point(0, 0, 0, List.of())));
        for (int to = 1; to <= layers; to++) {
            List<Point> candidates = new ArrayList<>();
            for (int from = 0; from < to; from++) {
                List<Point> prefix = fronts.get(from);
                if (prefix.isEmpty()) {
                    continue;
                }
                final int f = from;
                final int t = to;
                // the stacks of this run, one per candidate setting, evaluated in parallel (each once)
                // each run (from, to) is met once: its distinct settings evaluated in parallel, in a fixed order
                List<StackSettings> distinct = space.candidates().stream().map(c -> clipped(t, c)).distinct().toList();
                List<Optional<StackResult>> stacks = distinct.parallelStream().map(c -> stack(new StackKey(f, t, c), space)).toList();
                for (int k = 0; k < distinct.size(); k++) {
                    evaluated.put(new StackKey(f, t, distinct.get(k)), stacks.get(k));
                }
                for (Optional<StackResult> s : stacks) {
                    if (s.isEmpty() || s.get().onChipPeakBits() > space.budgetBits()) {
                        continue;
                    }
                    for (Point p : prefix) {
                        candidates.add(p.then(s.get()));
                    }
                }
            }
            fronts.add(pareto(candidates));
        }
        int infeasible = (int) evaluated.values().stream().filter(Optional::isEmpty).count();
        return new Result(fronts.get(layers), evaluated.size(), infeasible);
    }

    private Optional<StackResult> stack(StackKey k, Space space) {
        return engine.evaluateStack(k.from(), k.to(), k.settings(), space.lpfLimit(), space.flags()) instanceof DepthFirstEngine.StackOutcome.Done d
                ? Optional.of(d.result()) : Optional.empty();
    }

    /** The points no other point dominates; of equal points the first (candidates are generated in a fixed order). */
    static List<Point> pareto(List<Point> points) {
        List<Point> front = new ArrayList<>();
        for (Point p : points) {
            boolean dominated = false;
            for (Point q : points) {
                if (q.dominates(p)) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated && front.stream().noneMatch(q -> q.energyPj() == p.energyPj() && q.latencyCycles() == p.latencyCycles()
                    && q.onChipPeakBits() == p.onChipPeakBits())) {
                front.add(p);
            }
        }
        front.sort(java.util.Comparator.comparingDouble(Point::energyPj).thenComparingLong(Point::latencyCycles)
                .thenComparingLong(Point::onChipPeakBits));
        return front;
    }
}
