package io.defines.core.depthfirst;

import io.defines.core.compat.CompatFlags;
import io.defines.core.compat.Quirk;
import io.defines.core.cost.LayerCostModel;
import io.defines.core.hardware.Accelerator;
import io.defines.core.mapping.Mapping;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.Schedule;
import io.defines.core.schedule.StackSettings;
import io.defines.core.schedule.TileSize;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The depth-first engine (docs/depth-first.md): cuts the network into stacks, tiles each stack's
 * output, places the overlap caches, groups tiles into tile types, costs every tile type's layers and
 * data copies, and sums type × multiplicity. Stateless: every field is final and set at construction,
 * so one engine can evaluate any number of schedules, from any number of threads.
 *
 * <p>Stacks are evaluated one after the other (their results concatenate per key); within a stack the
 * distinct tile types are evaluated in parallel (the layer cost model must be thread-safe).
 */
public final class DepthFirstEngine {

    private final Workload workload;
    private final Mapping mapping;
    private final MemoryChains chains;
    private final LayerCostModel costModel;
    private final StackGraph graph;
    /** The layers in topological order (Workload's, computed once). */
    private final List<Layer> order;
    private final BoundaryTensors boundaryTensors;
    /** The memory chains with the capacity boundary tensors take (memory → bits) given up, per such taking. */
    private final ConcurrentHashMap<Map<String, Long>, MemoryChains> reducedChains = new ConcurrentHashMap<>();

    public DepthFirstEngine(Workload workload, Accelerator acc, Mapping mapping, LayerCostModel costModel) {
        this.workload = workload;
        this.mapping = mapping;
        this.chains = new MemoryChains(acc);
        this.costModel = costModel;
        this.graph = new StackGraph(workload, mapping);
        this.order = workload.topologicalOrder();
        this.boundaryTensors = new BoundaryTensors(graph, order, chains);
    }

    /** The tensors that can cross a stack boundary, and the on-chip memories that can keep each. */
    public BoundaryTensors boundaryTensors() {
        return boundaryTensors;
    }

    /** The layer ids after which a new stack starts under {@code cuts} (−1 = after the network input). */
    public List<Integer> cutIds(CutPolicy cuts) {
        if (cuts instanceof CutPolicy.After after) {
            return after.layerIds();
        }
        if (cuts instanceof CutPolicy.LayerByLayer) {
            return order.stream().map(Layer::id).toList();
        }
        if (cuts instanceof CutPolicy.Fused) {
            return List.of();
        }
        return StackCuts.automatic(workload, mapping, chains.acc());
    }

    /**
     * Evaluates a schedule: feasible with its result, infeasible with the layer that fits no widening
     * of its memory levels, or unsupported when its cuts would compute a layer twice or not at all. IllegalArgumentException when the schedule's per-stack settings do
     * not match its number of stacks.
     */
    public ScheduleOutcome evaluate(Schedule s) {
        List<Stack> stacks = new StackBuilder(graph).build(cutIds(s.cuts()), s.flags());
        // DeFiNES' own stack rule (compat mode) is reproduced as it is, duplicated layers included
        Optional<String> coverage = s.flags().has(Quirk.STACK_BY_ANCESTRY) ? Optional.empty() : StackCoverage.problem(graph, stacks);
        if (coverage.isPresent()) {
            return new ScheduleOutcome.Unsupported(coverage.get());
        }
        List<Boundary> boundaries = new ArrayList<>();
        Optional<ScheduleOutcome> placement = boundaries(s, stacks, boundaries);
        if (placement.isPresent()) {
            return placement.get();
        }
        Map<ResultKey, List<TypeResult>> types = new LinkedHashMap<>();
        List<StackResult> stackResults = new ArrayList<>();
        double energy = 0;
        long latency = 0;
        long macs = 0;
        for (int i = 0; i < stacks.size(); i++) {
            Stack stack = stacks.get(i);
            StackSettings settings = s.forStack(i, stacks.size());
            StackOutcome o = evaluate(stack, TileGrid.of(stack, settings.tile()), settings, i, stacks.size(), s.lpfLimit(), s.flags(), types,
                    boundaries.get(i));
            if (o instanceof StackOutcome.Failed f) {
                return f.outcome();
            }
            StackResult r = ((StackOutcome.Done) o).result();
            energy += r.energyPj();
            latency += r.latencyCycles();
            macs += r.macCount();
            stackResults.add(r);
        }
        return new ScheduleOutcome.Feasible(new ScheduleResult(energy, latency, macs, types, stackResults));
    }

    /**
     * Each stack's view of the schedule's boundary tensors kept on chip, added to {@code out}; or why they
     * cannot be kept (DeFiNES' own stack rule, a tensor no later stack reads, a memory that cannot keep it).
     */
    private Optional<ScheduleOutcome> boundaries(Schedule s, List<Stack> stacks, List<Boundary> out) {
        if (s.onChip().isEmpty()) {
            stacks.forEach(x -> out.add(Boundary.OFF_CHIP));
            return Optional.empty();
        }
        if (s.flags().has(Quirk.STACK_BY_ANCESTRY)) {
            return Optional.of(new ScheduleOutcome.Unsupported("boundary tensors kept on chip need stacks that are runs of the "
                    + "topological order, not DeFiNES' own stack rule"));
        }
        List<int[]> runs = stacks.stream().map(st -> boundaryTensors.run(st.layerIds())).toList();
        Optional<String> problem = boundaryTensors.problem(s.onChip(), runs);
        if (problem.isPresent()) {
            return Optional.of(new ScheduleOutcome.Unsupported(problem.get()));
        }
        for (int[] r : runs) {
            out.add(boundaryTensors.boundary(r[0], r[1], s.onChip()));
        }
        return Optional.empty();
    }

    /** A stack evaluated on its own: its result, or why the schedule cannot be evaluated. */
    public sealed interface StackOutcome {
        record Done(StackResult result) implements StackOutcome {
        }

        record Failed(ScheduleOutcome outcome) implements StackOutcome {
        }
    }

    /**
     * Evaluates only the stack that runs from topological position {@code from} to {@code to}
     * (exclusive) with {@code settings}: the stack it is in any schedule that cuts before {@code from}
     * and after {@code to − 1}, whatever the other cuts (its inputs and outputs cross through the
     * off-chip memory). For searches over cuts; default mode.
     */
    public StackOutcome evaluateStack(int from, int to, StackSettings settings, int lpfLimit, CompatFlags flags) {
        return evaluate(run(from, to, flags), settings, lpfLimit, flags);
    }

    /**
     * The stack from topological position {@code from} to {@code to} (exclusive), built once for
     * evaluating it with many settings ({@link #evaluate(Run, StackSettings, int, CompatFlags)}).
     */
    public Run run(int from, int to, CompatFlags flags) {
        List<Integer> cuts = new ArrayList<>();
        if (from > 0) {
            cuts.add(order.get(from - 1).id());
        }
        if (to < order.size()) {
            cuts.add(order.get(to - 1).id());
        }
        // a run of the topological order in every mode: DeFiNES' stack rule does not apply, its cost quirks do
        List<Stack> stacks = new StackBuilder(graph).build(cuts, flags.stacksAsListed());
        int index = from > 0 ? 1 : 0;
        if (index >= stacks.size()) {
            return new Run(null, 0, 0, new ScheduleOutcome.Unsupported("no stack from position " + from + " to " + to));
        }
        Optional<String> coverage = StackCoverage.problem(graph, stacks);
        return coverage.isPresent() ? new Run(null, 0, 0, new ScheduleOutcome.Unsupported(coverage.get()))
                : new Run(stacks.get(index), index, stacks.size(), null);
    }

    /** One run's stack with settings, every boundary tensor off chip. */
    public StackOutcome evaluate(Run run, StackSettings settings, int lpfLimit, CompatFlags flags) {
        return evaluate(run, settings, lpfLimit, flags, Boundary.OFF_CHIP);
    }

    /** One run's stack with settings and its boundary tensors where {@code boundary} says ({@link BoundaryTensors#boundary}). */
    public StackOutcome evaluate(Run run, StackSettings settings, int lpfLimit, CompatFlags flags, Boundary boundary) {
        if (run.problem != null) {
            return new StackOutcome.Failed(run.problem);
        }
        TileGrid grid = run.grids.computeIfAbsent(settings.tile(), t -> TileGrid.of(run.stack, t));
        return evaluate(run.stack, grid, settings, run.index, run.count, lpfLimit, flags, new LinkedHashMap<>(), boundary);
    }

    /** A stack of a search over cuts (immutable, shared by the threads evaluating its settings), or why there is none. */
    public static final class Run {
        private final Stack stack;
        private final int index;
        private final int count;
        private final ScheduleOutcome problem;
        /** The stack's tile grids by tile size (the overlap strategies of one tile share it). */
        private final ConcurrentHashMap<TileSize, TileGrid> grids = new ConcurrentHashMap<>();

        private Run(Stack stack, int index, int count, ScheduleOutcome problem) {
            this.stack = stack;
            this.index = index;
            this.count = count;
            this.problem = problem;
        }
    }

    /**
     * One stack's tile types costed and summed; their per-key results added to {@code types}. Its
     * memories offer their capacity less what the boundary tensors kept on chip take while it runs.
     */
    private StackOutcome evaluate(Stack stack, TileGrid grid, StackSettings settings, int i, int count, int lpfLimit, CompatFlags flags,
                                  Map<ResultKey, List<TypeResult>> types, Boundary boundary) {
        long overhead = chains.acc().array().controlOverheadCycles();
        Optional<String> split = StackCoverage.untileable(stack, grid, i, count);
        if (split.isPresent()) {
            return new StackOutcome.Failed(new ScheduleOutcome.Unsupported(split.get()));
        }
        Optional<ScheduleOutcome.Overfull> overfull = boundaryTensors.overflow(boundary, stack.layerIds().get(0));
        if (overfull.isPresent()) {
            return new StackOutcome.Failed(overfull.get());
        }
        MemoryChains reduced = boundary.heldBits().isEmpty() ? chains
                : reducedChains.computeIfAbsent(boundary.heldBits(), held -> new MemoryChains(chains.acc().withCapacityTaken(held)));
        CachePlan plan = new CachePlanner(stack, reduced, settings, flags).plan(grid);
        List<TileType> tileTypes = TileTypes.classify(stack, grid, plan, settings);
        TileEvaluator evaluator = new TileEvaluator(stack, reduced, costModel, lpfLimit, flags, plan.highestWeightLevel(), boundary,
                chains.acc());
        // tile types are independent (the cost model is thread-safe): evaluate them in parallel, keep their order
        List<TileEvaluator.Outcome> outcomes = tileTypes.parallelStream().map(t -> evaluator.evaluate(t.spec())).toList();
        Map<ResultKey, List<TypeResult>> mine = new LinkedHashMap<>();
        double stackEnergy = 0; // summed per stack, then over stacks (the order DeFiNES adds them in)
        long latency = 0;
        long macs = 0;
        long peak = 0;
        for (int t = 0; t < tileTypes.size(); t++) {
            if (outcomes.get(t) instanceof TileEvaluator.Unfittable u) {
                return new StackOutcome.Failed(u.reason());
            }
            int mul = tileTypes.get(t).multiplicity();
            Map<ResultKey, TypeResult> steps = ((TileEvaluator.Costed) outcomes.get(t)).perKey();
            if (!flags.has(Quirk.OFF_CHIP_TRANSFERS_AS_TOTAL1)) {
                steps = TransferTimeline.apply(steps, chains.acc().offChipTransfers(), overhead, chains.offChip());
            }
            for (var kv : steps.entrySet()) {
                TypeResult r = kv.getValue().times(mul);
                mine.computeIfAbsent(kv.getKey(), k -> new ArrayList<>()).add(r);
                stackEnergy += r.energyPj() * mul;
                latency += r.latencyCycles() * mul;
                if (r.layer() != null) {
                    latency += overhead * mul; // the controller's per-layer, per-tile overhead
                    macs += r.macs() * mul;
                    peak = Math.max(peak, r.onChipBits());
                }
            }
        }
        mine.forEach((k, v) -> types.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        double offChipBits = new ScheduleResult(stackEnergy, latency, macs, mine, List.of()).offChipAccessBits(chains.acc());
        return new StackOutcome.Done(new StackResult(stack.layerIds(), settings, stackEnergy, latency, macs, peak, offChipBits, boundary));
    }
}
