package io.defines.core.depthfirst;

import io.defines.core.compat.Quirk;
import io.defines.core.cost.LayerCostModel;
import io.defines.core.hardware.Accelerator;
import io.defines.core.mapping.Mapping;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.Schedule;
import io.defines.core.schedule.StackSettings;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    public DepthFirstEngine(Workload workload, Accelerator acc, Mapping mapping, LayerCostModel costModel) {
        this.workload = workload;
        this.mapping = mapping;
        this.chains = new MemoryChains(acc);
        this.costModel = costModel;
        this.graph = new StackGraph(workload, mapping);
    }

    /** The layer ids after which a new stack starts under {@code cuts} (−1 = after the network input). */
    public List<Integer> cutIds(CutPolicy cuts) {
        if (cuts instanceof CutPolicy.After after) {
            return after.layerIds();
        }
        if (cuts instanceof CutPolicy.LayerByLayer) {
            return workload.topologicalOrder().stream().map(Layer::id).toList();
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
        Map<ResultKey, List<TypeResult>> types = new LinkedHashMap<>();
        List<StackResult> stackResults = new ArrayList<>();
        double energy = 0;
        long latency = 0;
        long macs = 0;
        long overhead = chains.acc().array().controlOverheadCycles();
        for (int i = 0; i < stacks.size(); i++) {
            Stack stack = stacks.get(i);
            StackSettings settings = s.forStack(i, stacks.size());
            TileGrid grid = TileGrid.of(stack, settings.tile());
            Optional<String> split = StackCoverage.untileable(stack, grid, i, stacks.size());
            if (split.isPresent()) {
                return new ScheduleOutcome.Unsupported(split.get());
            }
            CachePlan plan = new CachePlanner(stack, chains, settings, s.flags()).plan(grid);
            List<TileType> tileTypes = TileTypes.classify(stack, grid, plan, settings);
            TileEvaluator evaluator = new TileEvaluator(stack, chains, costModel, s.lpfLimit(), s.flags(), plan.highestWeightLevel());
            // tile types are independent (the cost model is thread-safe): evaluate them in parallel, keep their order
            List<TileEvaluator.Outcome> outcomes = tileTypes.parallelStream().map(t -> evaluator.evaluate(t.spec())).toList();
            double stackEnergy = 0; // summed per stack, then over stacks (the order DeFiNES adds them in)
            for (int t = 0; t < tileTypes.size(); t++) {
                if (outcomes.get(t) instanceof TileEvaluator.Unfittable u) {
                    return u.reason();
                }
                int mul = tileTypes.get(t).multiplicity();
                for (var kv : ((TileEvaluator.Costed) outcomes.get(t)).perKey().entrySet()) {
                    TypeResult r = kv.getValue().times(mul);
                    types.computeIfAbsent(kv.getKey(), k -> new ArrayList<>()).add(r);
                    stackEnergy += r.energyPj() * mul;
                    latency += r.latencyCycles() * mul;
                    if (r.layer() != null) {
                        latency += overhead * mul; // the controller's per-layer, per-tile overhead
                        macs += r.macs() * mul;
                    }
                }
            }
            energy += stackEnergy;
            stackResults.add(new StackResult(stack.layerIds(), settings));
        }
        return new ScheduleOutcome.Feasible(new ScheduleResult(energy, latency, macs, types, stackResults));
    }
}
