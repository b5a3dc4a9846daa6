package io.defines.core.cost;

/**
 * The cost of one layer (or tile of a layer) on one view of the memory hierarchy: what the
 * depth-first engine asks for each layer of each tile type. An implementation is a mapper — it picks
 * the temporal mapping (the LOMA search is one) and reports the winner's cost as computed by
 * {@link CostEvaluation} — or a decorator of one (the memo). Implementations are thread-safe.
 * See docs/single-layer-model.md.
 */
@FunctionalInterface
public interface LayerCostModel {

    /** The minimum-energy mapping of {@code problem} with its cost, or why no mapping fits. */
    LayerCost evaluate(SingleLayerProblem problem);
}
