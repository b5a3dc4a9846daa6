package io.defines.core.optimize;

import io.defines.core.depthfirst.Boundary;
import io.defines.core.depthfirst.BoundaryTensors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the tensors crossing each cut can live, for the optimizer's dynamic program (docs/schedules.md,
 * "Boundary tensors"). A state at a cut is the placement of the tensors kept on chip across it
 * (producing layer id → memory; the others off chip). A stack from a state chooses, for each tensor
 * it produces for later stacks, the off-chip memory or an on-chip memory that can keep it; the
 * stack's {@link Boundary} and the state after it follow.
 */
final class BoundaryChoices {

    /** One way to run the stack [from, to) after {@code before}: its boundary and the state at {@code to}. */
    record Step(Boundary boundary, Map<Integer, String> after) {
    }

    private final BoundaryTensors tensors;
    private final boolean onChip;

    /** {@code onChip} false: every boundary tensor off chip (DeFiNES' rule), one state per cut. */
    BoundaryChoices(BoundaryTensors tensors, boolean onChip) {
        this.tensors = tensors;
        this.onChip = onChip;
    }

    /** Every placement of the tensors the stack [from, to) writes for later stacks, from state {@code before}. */
    List<Step> steps(int from, int to, Map<Integer, String> before) {
        List<BoundaryTensors.Tensor> crossingTo = tensors.crossing(to);
        List<Map<Integer, String>> placements = new ArrayList<>(List.of(before));
        if (onChip) {
            for (BoundaryTensors.Tensor t : crossingTo) {
                if (t.position() < from || t.memories().isEmpty()) {
                    continue; // kept as the state says, or only off chip
                }
                List<Map<Integer, String>> more = new ArrayList<>();
                for (Map<Integer, String> p : placements) {
                    more.add(p);
                    for (String m : t.memories()) {
                        Map<Integer, String> q = new HashMap<>(p);
                        q.put(t.producerId(), m);
                        more.add(q);
                    }
                }
                placements = more;
            }
        }
        List<Step> out = new ArrayList<>(placements.size());
        for (Map<Integer, String> p : placements) {
            Map<Integer, String> after = new HashMap<>();
            for (BoundaryTensors.Tensor t : crossingTo) {
                String m = p.get(t.producerId());
                if (m != null) {
                    after.put(t.producerId(), m);
                }
            }
            out.add(new Step(tensors.boundary(from, to, p), Map.copyOf(after)));
        }
        return out;
    }
}
