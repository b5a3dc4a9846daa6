package io.defines.core.cost;

/**
 * DeFiNES behaviours that change single-layer numbers and that defines fixes by default. Each is
 * reproduced under {@code --compat defines2023} (see docs/deviations.md); the references are the
 * sections of the DeFiNES model specification.
 */
public enum Quirk {
    /**
     * §9.13: LOMA recomputes the temporal loop count as {@code ceil(L / u)} in doubles with the
     * already-fractional unroll u = L/ceil(L/u0), which can add one iteration for non-power-of-two
     * unrollings (L=41, u0=3 → 15 instead of 14). Fixed: q = ceil(L/u0) in integers.
     */
    LOMA_FLOAT_CEIL,
    /**
     * §9.11: the allocator sizes an output candidate with partial-sum precision when ANY reduction
     * loop remains unallocated, even below the candidate's prefix end. Fixed: only loops above the
     * prefix decide.
     */
    ALLOCATOR_PRECISION_FROM_WHOLE_LIST,
    /** §9.8: the half-shared on-loading part is assigned, not accumulated. Fixed: accumulated. */
    ONLOADING_HALF_SHARED_ASSIGNED,
    /** §9.8: a layer with one input operand counts only its individually-ported on-loading. Fixed: all parts. */
    ONLOADING_SINGLE_INPUT_INDIVIDUAL_ONLY,
    /**
     * §9.9: the off-loading port-sharing test compares list lengths and never fires, so lower pairs
     * add only the memory latency. Fixed: pairs sharing a port with the pair above add their transfer.
     */
    OFFLOADING_SHARING_NEVER_DETECTED,
    /**
     * §13 C1 (depth-first): stack splitting tests cut ids by Python truthiness, so a cut after layer 0
     * behaves like no cut (the whole network is fused once more and layers 0–1 evaluated twice).
     * Fixed: a cut after layer 0 is a cut.
     */
    CUT_AFTER_LAYER_ZERO_IGNORED
}
