package io.defines.core.depthfirst;

import io.defines.core.compat.CompatFlags;
import io.defines.core.compat.Quirk;
import io.defines.core.cost.LayerCost;
import io.defines.core.cost.LayerCostModel;
import io.defines.core.cost.SingleLayerProblem;
import io.defines.core.hardware.Accelerator;
import io.defines.core.hardware.HierarchyView;
import io.defines.core.hardware.Memory;
import io.defines.core.hardware.MemoryOperand;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Costs one tile type of a stack (docs/depth-first.md, "Evaluating a tile type"): walks the stack's
 * nodes in topological order and, for each, chooses its memory levels ({@link LevelChoice}), plans
 * the data copies before it ({@link CopyPlanner}) and costs it on the truncated hierarchy with the
 * layer cost model, widening the levels when no mapping fits.
 */
final class TileEvaluator {

    /** A tile type's cost per result key, or the layer that fits no widening of its levels. */
    sealed interface Outcome {
    }

    record Costed(Map<ResultKey, TypeResult> perKey) implements Outcome {
    }

    record Unfittable(ScheduleOutcome.Infeasible reason) implements Outcome {
    }

    private final Stack stack;
    private final MemoryChains chains;
    private final LayerCostModel costModel;
    private final CopyPlanner copies;
    private final int lpfLimit;
    private final CompatFlags flags;
    private final Memory highestWeightLevel;
    /**
     * The stack's weights kept on chip from tile to tile, per node: those of the layers up to and
     * including it in topological order (what the first tile has loaded when the node runs; later
     * tiles hold all of them). Empty when the weights are fetched from off chip for every tile.
     */
    private final Map<DfNode, Long> residentWeightBits = new HashMap<>();
    private final long allResidentWeightBits;
    /** Where the stack's boundary tensors live; {@code chains} already offer their memories less the bits they hold. */
    private final Boundary boundary;
    /** The accelerator with every memory's whole capacity: a layer whose levels hold no boundary tensor is costed on it. */
    private final Accelerator whole;

    TileEvaluator(Stack stack, MemoryChains chains, LayerCostModel costModel, int lpfLimit, CompatFlags flags, Memory highestWeightLevel,
                  Boundary boundary, Accelerator whole) {
        this.stack = stack;
        this.chains = chains;
        this.boundary = boundary;
        this.whole = whole;
        this.costModel = costModel;
        this.copies = new CopyPlanner(chains);
        this.lpfLimit = lpfLimit;
        this.flags = flags;
        this.highestWeightLevel = highestWeightLevel;
        long weights = 0;
        if (highestWeightLevel != null && highestWeightLevel != chains.offChip()) {
            for (DfNode n : stack.topo()) {
                weights += n.weightBits(stack.fullSizes().get(n));
                residentWeightBits.put(n, weights);
            }
        }
        this.allResidentWeightBits = weights;
    }

    /** One node's cost for the tile: its copies before, its layer cost (null for input nodes and empty tiles), its levels. */
    private record NodeCost(DataCopyModel.CopyLayerCost copies, LayerCost.Mapped layer, LevelChoice levels) {
    }

    Outcome evaluate(TileType.Spec spec) {
        BackPropagation.Result bp = spec.propagate(stack);
        Map<DfNode, CopyPlanner.Placed> placed = new HashMap<>();
        Map<ResultKey, TypeResult> out = new LinkedHashMap<>();
        boolean inputWrites = !flags.has(Quirk.INPUT_OVERLAP_NEVER_WRITTEN);
        List<CopyAction> pending = List.of();
        HeldTensors held = new HeldTensors(stack, chains.offChip());
        for (DfNode n : stack.topo()) {
            Map<String, Long> ns = bp.sizes().get(n);
            Map<String, Map<String, Long>> caps = new HashMap<>();
            bp.caps().forEach((k, v) -> {
                if (k.node() == n) {
                    caps.put(k.operand(), v);
                }
            });
            LevelChoice.Widening w = LevelChoice.Widening.NONE;
            NodeCost cost = null;
            while (cost == null) {
                LevelChoice lv = LevelChoice.of(n, ns, caps, stack.consumersOf(n).isEmpty(), w, chains, keptIn(n));
                LayerCost c = layerCost(n, ns, caps, lv, spec);
                if (c instanceof LayerCost.Infeasible inf) {
                    w = w.next();
                    if (w.exhausted(chains.acc().memories().size())) {
                        return new Unfittable(new ScheduleOutcome.Infeasible(n.id, inf.memory(), inf.operand(), inf.demandBits(),
                                inf.capacityBits(), inf.reason()));
                    }
                    continue;
                }
                List<CopyAction> requests = new ArrayList<>(pending);
                requests.addAll(copies.beforeLayer(n, ns, caps, lv, spec, placed));
                cost = new NodeCost(DataCopyModel.copyLayer(chains.acc(), requests, !flags.has(Quirk.COPY_TIMELINE_STALLS)),
                        (LayerCost.Mapped) c, lv);
            }
            out.put(new ResultKey.CopiesBefore(n.id), new TypeResult(1, null, cost.copies(), Map.of(), Map.of(), 0));
            if (cost.layer() != null) {
                out.put(new ResultKey.Layer(n.id), new TypeResult(1, cost.layer(), null, new LinkedHashMap<>(ns),
                        cost.layer().memoryNames(), onChipBits(n, ns, cost, spec) + held.besides(n) + boundary.heldTotalBits()));
            }
            held.ran(n, cost.levels().topOutput(), cost.levels().outputBits());
            placed.put(n, new CopyPlanner.Placed(cost.levels().topOutput(), cost.levels().outputBits()));
            pending = new ArrayList<>(copies.afterLayer(n, ns, cost.levels(), spec, inputWrites));
            if (stack.writesOut(n) && bp.outputParts().containsKey(n)) {
                pending.addAll(copies.export(n.outputBits(bp.outputParts().get(n)), cost.levels()));
            }
        }
        return new Costed(out);
    }

    /** The on-chip memory that keeps the boundary tensor {@code n} reads (an input node) or writes for a later stack; null: off chip. */
    private Memory keptIn(DfNode n) {
        String name = n.isInput() ? boundary.memoryOf(n.source) : stack.outputs().contains(n) ? boundary.memoryOf(n.id) : null;
        return name == null ? null : chains.acc().memory(name).orElseThrow();
    }

    /**
     * The accelerator a layer is costed on: the whole one when none of its levels gives up capacity to
     * boundary tensors (the same single-layer problem as without them, memoised once); else each memory
     * offers its capacity less the boundary tensors it keeps — less the tile the layer itself writes of
     * the tensor it keeps there (the mapping holds that tile at its top level; the rest of the tensor,
     * written by the other tiles, is what is taken).
     */
    private Accelerator costedOn(Map<MemoryOperand, Integer> counts, DfNode n, LevelChoice lv) {
        if (boundary.heldBits().isEmpty()) {
            return whole;
        }
        boolean touches = false;
        for (MemoryOperand op : MemoryOperand.values()) {
            List<Memory> chain = chains.of(op);
            int kept = counts.getOrDefault(op, chain.size());
            for (int i = 0; i < kept; i++) {
                touches |= boundary.heldBits().containsKey(chain.get(i).name());
            }
        }
        if (!touches) {
            return whole;
        }
        if (lv.keptIn() == null || n.isInput()) {
            return chains.acc(); // the stack's chains already give up the held bits
        }
        Map<String, Long> taken = new HashMap<>(boundary.heldBits());
        taken.computeIfPresent(lv.keptIn().name(), (m, bits) -> bits > lv.outputBits() ? bits - lv.outputBits() : null);
        return whole.withCapacityTaken(taken);
    }

    /** The layer's cost on its levels; null for input nodes and tiles that compute nothing (all cached, padded borders). */
    private LayerCost layerCost(DfNode n, Map<String, Long> ns, Map<String, Map<String, Long>> caps, LevelChoice lv, TileType.Spec spec) {
        if (n.isInput() || lv.outputBits() == 0) {
            return null;
        }
        Map<MemoryOperand, Integer> counts = new EnumMap<>(MemoryOperand.class);
        List<String> operands = n.inputs.stream().map(DfNode.Edge::operand).distinct().toList();
        boolean add = operands.size() == 2 && n.link(operands.get(0)) == MemoryOperand.I1 && n.link(operands.get(1)) == MemoryOperand.I1;
        for (DfNode.Edge e : n.inputs) {
            MemoryOperand l = n.link(e.operand());
            counts.put(l, chains.of(l).indexOf(lv.topOf().get(e.operand())) + 1);
        }
        if (!stack.consumersOf(n).isEmpty() || lv.keptIn() != null) {
            // a stack output goes up the whole chain unless a later stack finds it on chip
            counts.put(lv.outputLink(), lv.outputChain().indexOf(lv.topOutput()) + 1);
        }
        if (add) {
            counts.put(MemoryOperand.I2, 0);
        } else if (!spec.weightsFromTop() && !n.layer.constantOperands().isEmpty() && highestWeightLevel != null) {
            MemoryOperand wl = n.link(n.layer.constantOperands().get(0));
            int idx = chains.of(wl).indexOf(highestWeightLevel);
            if (idx >= 0) {
                counts.put(wl, idx + 1);
            }
        }
        HierarchyView view = new HierarchyView(costedOn(counts, n, lv), counts, add);
        Map<String, Long> layerCaps = new LinkedHashMap<>();
        caps.values().forEach(layerCaps::putAll);
        return costModel.evaluate(new SingleLayerProblem(n.layer, new LinkedHashMap<>(ns), n.mapping, view, lpfLimit, flags, layerCaps));
    }

    /**
     * On chip while the layer runs: its operands whose top level is on chip, the tile's overlap caches,
     * and the weights of every layer of the stack when they stay on chip from tile to tile (else the
     * layer's own, when its mapping keeps them on chip).
     */
    private long onChipBits(DfNode n, Map<String, Long> ns, NodeCost cost, TileType.Spec spec) {
        Memory offChip = chains.offChip();
        LevelChoice lv = cost.levels();
        long onChip = spec.cachedOnChipBits();
        if (lv.topInput() != null && lv.topInput() != offChip) {
            onChip += lv.inputBits();
        }
        if (!stack.consumersOf(n).isEmpty() && lv.topOutput() != offChip) {
            onChip += lv.outputBits();
        }
        long ownWeights = 0;
        for (String c : n.layer.constantOperands()) {
            List<String> chain = cost.layer().memoryNames().get(c);
            if (chain != null && !chain.get(chain.size() - 1).equals(offChip.name())) {
                ownWeights = n.weightBits(ns);
                break;
            }
        }
        long resident = spec.weightsFromTop() ? residentWeightBits.getOrDefault(n, 0L) : allResidentWeightBits;
        return onChip + Math.max(ownWeights, resident);
    }
}
