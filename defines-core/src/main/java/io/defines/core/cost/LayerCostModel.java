package io.defines.core.cost;

/**
 * The cost of one layer (a tile of it) on one hierarchy view: what the depth-first engine asks for
 * every layer of every tile type. Implementations search temporal mappings (LOMA) or decorate
 * another model (the memo).
 */
public interface LayerCostModel {

    LayerCost evaluate(SingleLayerProblem problem);
}
