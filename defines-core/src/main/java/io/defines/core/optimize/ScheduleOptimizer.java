package io.defines.core.optimize;

import io.defines.core.compat.CompatFlags;
import io.defines.core.depthfirst.Boundary;
import io.defines.core.depthfirst.DepthFirstEngine;
import io.defines.core.depthfirst.StackResult;
import io.defines.core.schedule.OverlapPair;
import io.defines.core.schedule.StackSettings;
import io.defines.core.schedule.TileSize;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Workload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The exact Pareto front (energy, latency, on-chip peak) of depth-first schedules whose stacks are runs
 * of the workload's topological order, each with its own tile and overlap strategy from the candidates,
 * and each tensor crossing a cut off chip or kept in an on-chip memory that holds it (docs/schedules.md,
 * {@link BoundaryChoices}). Once the placement of the tensors crossing a cut (the cut's state) is fixed,
 * a stack's cost does not depend on the other stacks, so a schedule's energy and latency are the sums
 * of its stacks' and its peak their maximum; a dynamic program over the cut positions keeps, for every
 * (cut, state), the prefix schedules no other of that state dominates — extending a dominated prefix by
 * any stack stays dominated (sums and max are monotone), so no optimum is dropped. Every stack (from,
 * to, settings, boundary) is evaluated once, those ending at one position as one parallel batch; the
 * front does not depend on the threads.
 */
public final class ScheduleOptimizer {

    /**
     * What to search: the candidate settings of every stack, the overlap pairs the stack's own tiles
     * ({@link StackTiles}) are tried with (empty: none), the LOMA limit, the mode, the on-chip budget
     * (bits) and whether boundary tensors may stay on chip ({@code onChipBoundaries}; false: all off
     * chip, DeFiNES' rule).
     */
    public record Space(List<StackSettings> candidates, List<OverlapPair> stackTileOverlaps, int lpfLimit, CompatFlags flags,
                        long budgetBits, boolean onChipBoundaries) {

        public Space {
            candidates = List.copyOf(candidates);
            stackTileOverlaps = List.copyOf(stackTileOverlaps);
            if (candidates.isEmpty()) {
                throw new IllegalArgumentException("no candidate settings");
            }
        }

        /** The same candidates for every stack, boundary tensors off chip. */
        public Space(List<StackSettings> candidates, int lpfLimit, CompatFlags flags, long budgetBits) {
            this(candidates, List.of(), lpfLimit, flags, budgetBits, false);
        }

        /**
         * Whether boundary tensors may stay on chip by default in this mode: yes in the default mode; never
         * with DeFiNES' flags, whose model sends every tensor between stacks off chip.
         */
        public static boolean onChipByDefault(CompatFlags flags) {
            return flags.equals(CompatFlags.FIXED);
        }

        /** The same space with boundary tensors on chip or not. */
        public Space withOnChipBoundaries(boolean onChip) {
            return new Space(candidates, stackTileOverlaps, lpfLimit, flags, budgetBits, onChip);
        }
    }

    /**
     * The front, how much work it took (stacks evaluated, of them with boundary tensors on chip, and
     * infeasible), every evaluated stack with all boundary tensors off chip (from, to, setting → result;
     * empty when infeasible; those with tensors on chip are dropped once used) and the settings of the stacks ending at each position ({@code settings.get(to - 1)}),
     * from which baselines are built ({@link Baselines}) without evaluating anything again.
     */
    public record Result(List<SchedulePoint> front, int stacksEvaluated, int stacksOnChip, int stacksInfeasible,
                         Map<StackKey, Optional<StackResult>> stacks, List<List<StackSettings>> settings) {

        public Result {
            front = List.copyOf(front);
            stacks = Map.copyOf(stacks);
            settings = List.copyOf(settings);
        }

        /** The distinct settings of the stacks that end at topological position {@code to} (exclusive). */
        List<StackSettings> settingsEndingAt(int to) {
            return settings.get(to - 1);
        }

        /** The front point with the lowest {@code score}, the first of equals; empty when nothing fits. */
        public Optional<SchedulePoint> best(ToDoubleFunction<SchedulePoint> score) {
            return front.stream().min(Comparator.comparingDouble(score));
        }
    }

    /**
     * A stack of the search: topological positions [from, to) with one setting (its tile clipped to the
     * stack's map) and where its boundary tensors live.
     */
    public record StackKey(int from, int to, StackSettings settings, Boundary boundary) {

        /** Every boundary tensor off chip. */
        public StackKey(int from, int to, StackSettings settings) {
            this(from, to, settings, Boundary.OFF_CHIP);
        }
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
    StackSettings clipped(int to, StackSettings c) {
        long[] map = outputMap(to);
        TileSize t = new TileSize(Math.min(c.tile().x(), map[0]), Math.min(c.tile().y(), map[1]));
        return t.equals(c.tile()) ? c : new StackSettings(t, c.horizontal(), c.vertical());
    }

    /** OX × OY of the last layer of the stacks ending at {@code to}: the map their tiles are cut from. */
    private long[] outputMap(int to) {
        Map<String, Long> sizes = order.get(to - 1).loopSizes();
        return new long[] {sizes.getOrDefault("OX", 1L), sizes.getOrDefault("OY", 1L)};
    }

    /** Told after each cut position: how far the search is (for progress lines; called on the searching thread). */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (position, positions, stacksEvaluated) -> { };

        void positionDone(int position, int positions, int stacksEvaluated);
    }

    public Result optimize(Space space) {
        return optimize(space, Progress.NONE);
    }

    public Result optimize(Space space, Progress progress) {
        List<List<StackSettings>> settings = new ArrayList<>(layers);
        for (int to = 1; to <= layers; to++) {
            settings.add(distinct(to, space));
        }
        // the all-off-chip stacks are kept for the baselines; those with tensors on chip only while their batch is used
        Map<StackKey, Optional<StackResult>> offChip = new HashMap<>();
        int[] counts = new int[3]; // evaluated, of which on chip, infeasible
        BoundaryChoices choices = new BoundaryChoices(engine.boundaryTensors(), space.onChipBoundaries());
        // per cut position: state (boundary tensors kept on chip across it) → the front of the schedules up to it
        List<Map<Map<Integer, String>, List<SchedulePoint>>> fronts = new ArrayList<>();
        fronts.add(Map.of(Map.of(), List.of(SchedulePoint.EMPTY)));
        for (int to = 1; to <= layers; to++) {
            List<Extension> extensions = extensions(to, fronts, choices);
            Map<StackKey, Optional<StackResult>> batch = evaluate(extensions, to, settings.get(to - 1), space);
            for (var e : batch.entrySet()) {
                boolean off = e.getKey().boundary().equals(Boundary.OFF_CHIP);
                counts[0]++;
                counts[1] += off ? 0 : 1;
                counts[2] += e.getValue().isEmpty() ? 1 : 0;
                if (off) {
                    offChip.put(e.getKey(), e.getValue());
                }
            }
            Map<Map<Integer, String>, List<SchedulePoint>> candidates = new LinkedHashMap<>();
            // several prefix states can run one stack with the same boundary: its unbeaten settings once
            Map<List<Object>, List<StackResult>> unbeaten = new HashMap<>();
            for (Extension x : extensions) {
                int t = to;
                List<StackResult> stacks = unbeaten.computeIfAbsent(List.of(x.from, x.step.boundary()),
                        k -> undominated(withinBudget(batch, x.from, t, x.step.boundary(), settings.get(t - 1), space.budgetBits())));
                List<SchedulePoint> into = candidates.computeIfAbsent(x.step.after(), k -> new ArrayList<>());
                for (StackResult s : stacks) {
                    for (SchedulePoint p : x.prefix) {
                        into.add(p.then(s));
                    }
                }
            }
            Map<Map<Integer, String>, List<SchedulePoint>> front = new LinkedHashMap<>();
            candidates.forEach((state, points) -> front.put(state, pareto(points)));
            fronts.add(front);
            progress.positionDone(to, layers, counts[0]);
        }
        List<SchedulePoint> last = fronts.get(layers).getOrDefault(Map.of(), List.of());
        return new Result(last, counts[0], counts[1], counts[2], offChip, settings);
    }

    /** The evaluated, feasible stacks [from, to) with {@code boundary} over the settings, in their order, whose peak fits the budget. */
    private static List<StackResult> withinBudget(Map<StackKey, Optional<StackResult>> batch, int from, int to, Boundary boundary,
                                                  List<StackSettings> settings, long budgetBits) {
        List<StackResult> stacks = new ArrayList<>();
        for (StackSettings c : settings) {
            Optional<StackResult> s = batch.getOrDefault(new StackKey(from, to, c, boundary), Optional.empty());
            if (s.isPresent() && s.get().onChipPeakBits() <= budgetBits) {
                stacks.add(s.get());
            }
        }
        return stacks;
    }

    /** A prefix front at cut {@code from} and one way to extend it by the stack [from, to). */
    private record Extension(int from, List<SchedulePoint> prefix, BoundaryChoices.Step step) {
    }

    /** Every (prefix state, boundary placement) the stacks ending at {@code to} can extend, in a fixed order. */
    private static List<Extension> extensions(int to, List<Map<Map<Integer, String>, List<SchedulePoint>>> fronts, BoundaryChoices choices) {
        List<Extension> out = new ArrayList<>();
        for (int from = 0; from < to; from++) {
            for (var state : fronts.get(from).entrySet()) {
                if (!state.getValue().isEmpty()) {
                    for (BoundaryChoices.Step step : choices.steps(from, to, state.getKey())) {
                        out.add(new Extension(from, state.getValue(), step));
                    }
                }
            }
        }
        return out;
    }

    /**
     * The stacks ending at {@code to}: every run × setting with all boundary tensors off chip (the
     * baselines read them too), and those with boundary tensors on chip that the extensions ask for
     * (not those whose kept tensors alone exceed the budget: their peak would), as one parallel list.
     * Each run's stack is built once and shared by its settings and boundaries (with its memo of
     * back-propagations), and dropped after.
     */
    private Map<StackKey, Optional<StackResult>> evaluate(List<Extension> extensions, int to, List<StackSettings> settings, Space space) {
        Set<StackKey> wanted = new LinkedHashSet<>();
        for (int from = 0; from < to; from++) {
            for (StackSettings c : settings) {
                wanted.add(new StackKey(from, to, c));
            }
        }
        for (Extension x : extensions) {
            Boundary b = x.step.boundary();
            if (b.heldTotalBits() <= space.budgetBits()) {
                for (StackSettings c : settings) {
                    wanted.add(new StackKey(x.from, to, c, b));
                }
            }
        }
        List<StackKey> keys = List.copyOf(wanted);
        Map<Integer, DepthFirstEngine.Run> runs = new ConcurrentHashMap<>();
        List<Optional<StackResult>> results = keys.parallelStream()
                .map(k -> engine.evaluate(runs.computeIfAbsent(k.from(), f -> engine.run(f, to, space.flags())), k.settings(),
                        space.lpfLimit(), space.flags(), k.boundary()) instanceof DepthFirstEngine.StackOutcome.Done d
                        ? Optional.of(d.result()) : Optional.<StackResult>empty())
                .toList();
        Map<StackKey, Optional<StackResult>> out = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            out.put(keys.get(i), results.get(i));
        }
        return out;
    }

    /**
     * The stacks of one run no other of them beats in energy, latency and peak, and of equal ones the
     * first, in their order: a schedule with a beaten stack is beaten by the same schedule with the
     * other, so only these can extend a prefix onto the front (a run's settings, at most a few dozen).
     */
    static List<StackResult> undominated(List<StackResult> stacks) {
        List<StackResult> out = new ArrayList<>();
        for (int i = 0; i < stacks.size(); i++) {
            StackResult s = stacks.get(i);
            boolean beaten = false;
            for (int j = 0; j < stacks.size() && !beaten; j++) {
                StackResult o = stacks.get(j);
                boolean noWorse = o.energyPj() <= s.energyPj() && o.latencyCycles() <= s.latencyCycles() && o.onChipPeakBits() <= s.onChipPeakBits();
                boolean equal = o.energyPj() == s.energyPj() && o.latencyCycles() == s.latencyCycles() && o.onChipPeakBits() == s.onChipPeakBits();
                beaten = noWorse && (!equal || j < i);
            }
            if (!beaten) {
                out.add(s);
            }
        }
        return out;
    }

    /** The topological position of layer {@code id}; −1 when the workload has none. */
    int position(int id) {
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).id() == id) {
                return i;
            }
        }
        return -1;
    }

    /** Layers in the topological order. */
    public int layers() {
        return layers;
    }

    /** The candidates of the stacks ending at {@code to}, tiles clipped, each once, in candidate order. */
    private List<StackSettings> distinct(int to, Space space) {
        List<StackSettings> all = new ArrayList<>(space.candidates());
        long[] map = outputMap(to);
        for (TileSize t : StackTiles.of(map[0], map[1])) {
            for (OverlapPair o : space.stackTileOverlaps()) {
                all.add(new StackSettings(t, o.horizontal(), o.vertical()));
            }
        }
        return all.stream().map(c -> clipped(to, c)).distinct().toList();
    }

    /**
     * The points no other point dominates; of equal points the first (candidates are generated in a fixed
     * order), sorted by energy, latency and peak. In that order a point's dominators (and its equals) all
     * come before it, so a point is dropped exactly when a kept point has no more latency and no more
     * peak; the kept points' (latency, peak) staircase answers that in O(log n).
     */
    static List<SchedulePoint> pareto(List<SchedulePoint> points) {
        List<SchedulePoint> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(SchedulePoint::energyPj).thenComparingLong(SchedulePoint::latencyCycles)
                .thenComparingLong(SchedulePoint::onChipPeakBits));
        // latency → peak of the kept points no other kept point beats in both; peaks fall as latencies rise
        TreeMap<Long, Long> staircase = new TreeMap<>();
        List<SchedulePoint> front = new ArrayList<>();
        for (SchedulePoint p : sorted) {
            Map.Entry<Long, Long> below = staircase.floorEntry(p.latencyCycles());
            if (below != null && below.getValue() <= p.onChipPeakBits()) {
                continue;
            }
            front.add(p);
            // the steps this point beats (no less latency, no less peak) leave the staircase
            for (var it = staircase.tailMap(p.latencyCycles(), true).entrySet().iterator(); it.hasNext(); ) {
                if (it.next().getValue() >= p.onChipPeakBits()) {
                    it.remove();
                } else {
                    break;
                }
            }
            staircase.put(p.latencyCycles(), p.onChipPeakBits());
        }
        return front;
    }
}
