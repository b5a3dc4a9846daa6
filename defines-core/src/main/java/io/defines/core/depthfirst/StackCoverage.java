package io.defines.core.depthfirst;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks that a cut list splits the network into stacks in which every layer is computed exactly once
 * (docs/depth-first.md, "Stacks"). The engine's stacks have one output each; cuts inside a branching
 * region (a residual block whose branches interleave, a second network output before the last layer)
 * can put a layer in two stacks or in none. Such a schedule is reported, never evaluated into numbers
 * that count a layer twice or drop one.
 */
final class StackCoverage {

    private StackCoverage() {
    }

    /** The problem with {@code stacks}, or empty when every layer of {@code graph} is in exactly one non-empty stack. */
    static Optional<String> problem(StackGraph graph, List<Stack> stacks) {
        Map<Integer, List<Integer>> stacksOf = new LinkedHashMap<>();
        for (DfNode n : graph.topo) {
            if (!n.isInput()) {
                stacksOf.put(n.id, new ArrayList<>());
            }
        }
        for (int s = 0; s < stacks.size(); s++) {
            List<Integer> ids = stacks.get(s).layerIds();
            if (ids.isEmpty()) {
                return Optional.of("stack " + (s + 1) + " of " + stacks.size() + " has no layer: the cut list does not follow the "
                        + "network's branches");
            }
            for (int id : ids) {
                stacksOf.get(id).add(s + 1);
            }
        }
        for (var e : stacksOf.entrySet()) {
            if (e.getValue().size() > 1) {
                return Optional.of("layer " + e.getKey() + " would be computed in stacks " + e.getValue() + ": the cuts split a region where "
                        + "branches interleave (a residual block), and stacks with several outputs are not supported yet");
            }
            if (e.getValue().isEmpty()) {
                return Optional.of("layer " + e.getKey() + " is in no stack: it is an output the stacks' last layers do not depend on "
                        + "(a second network output), and stacks with several outputs are not supported yet");
            }
        }
        return Optional.empty();
    }
}
