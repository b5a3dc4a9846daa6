package io.defines.core.depthfirst;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that a schedule's stacks can be evaluated without missing a layer (docs/depth-first.md,
 * "Stacks"): every layer in a non-empty stack, and every output of a tiled stack with a feature map to
 * follow the tiles. Such a schedule is reported, never evaluated into numbers that miss a layer.
 * (Stacks are segments of the topological order, so no layer is in two.)
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
                return Optional.of("layer " + n.id + " is in no stack");
            }
        }
        return Optional.empty();
    }

    /**
     * The problem with tiling {@code stack} by {@code grid}, or empty: an output other than the last
     * layer without a feature map (a classifier head beside a convolutional one) needs the whole map,
     * which no single tile has.
     */
    static Optional<String> untileable(Stack stack, TileGrid grid, int index, int count) {
        List<Integer> featureless = stack.featurelessOtherOutputs();
        if (grid.tiles() == 1 || featureless.isEmpty()) {
            return Optional.empty();
        }
        boolean one = featureless.size() == 1;
        return Optional.of("stack " + (index + 1) + " of " + count + " is cut into " + grid.tiles() + " tiles, but its output"
                + (one ? " layer " : "s layers ") + featureless + (one ? " has" : " have") + " no feature map to follow them;"
                + " put a cut after " + (one ? "it" : "each of them") + " so that " + (one ? "it ends a stack" : "each ends a stack")
                + " (computed in one tile), or use one tile for this stack");
    }
}
