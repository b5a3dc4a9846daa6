package io.defines.core.depthfirst;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that a cut list leaves no layer out (docs/depth-first.md, "Stacks"). A stack has one output,
 * its last layer, and holds what that layer needs; a layer no stack's last layer depends on (a second
 * network output inside a stack) would be dropped. Such a schedule is reported, never evaluated into
 * numbers that miss a layer. (Stacks are segments of the topological order, so no layer is in two.)
 */
final class StackCoverage {

    private StackCoverage() {
    }

    /** The problem with {@code stacks}, or empty when every layer of {@code graph} is in a non-empty stack. */
    static Optional<String> problem(StackGraph graph, List<Stack> stacks) {
        Set<Integer> covered = new HashSet<>();
        for (int s = 0; s < stacks.size(); s++) {
            List<Integer> ids = stacks.get(s).layerIds();
            if (ids.isEmpty()) {
                return Optional.of("stack " + (s + 1) + " of " + stacks.size() + " has no layer: the cut list does not follow the "
                        + "network's branches");
            }
            covered.addAll(ids);
        }
        for (DfNode n : graph.topo) {
            if (!n.isInput() && !covered.contains(n.id)) {
                return Optional.of("layer " + n.id + " is in no stack: it is an output the stacks' last layers do not depend on "
                        + "(a second network output), and stacks with several outputs are not supported yet");
            }
        }
        return Optional.empty();
    }
}
