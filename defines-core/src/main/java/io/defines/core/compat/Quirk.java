package io.defines.core.compat;

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
    CUT_AFTER_LAYER_ZERO_IGNORED,
    /**
     * Stack membership (depth-first): the stack between two cuts is every layer that is neither the
     * first cut, nor one of its ancestors, nor a descendant of the second cut. Where the branches of a
     * block interleave in the topological order, a layer of the other branch lands in two stacks.
     * Fixed: the stack is the segment of the topological order between the cuts (docs/depth-first.md).
     */
    STACK_BY_ANCESTRY,
    /**
     * §9.3 / §13 C8 (depth-first): when consolidating cache levels over the tiles, the level is
     * always overwritten (a tile writes its column cache where its right neighbour determined, and all
     * row caches go where the last tile visited determined), although the code intends "only if
     * higher". Fixed: the higher of the levels.
     */
    CACHE_LEVEL_LAST_DETERMINED_WINS,
    /**
     * §9.2: in the first column the peak-memory estimate should add the output caches already made
     * ("permanent" bits), but they never match. Fixed: counted.
     */
    PERMANENT_CACHE_BITS_IGNORED,
    /** §9.4: overlap of the stack input is read from the cache but never written to it. Fixed: written. */
    INPUT_OVERLAP_NEVER_WRITTEN,
    /** §9.5: a copy's timeline only advances after a hop with a new receive port. Fixed: always advances. */
    COPY_TIMELINE_STALLS,
    /**
     * §13 C16: the cache sizes and amounts are estimated from a tile back-propagated with both caches
     * on, whatever the overlap strategy. Fixed: with the schedule's strategy.
     */
    CACHE_ESTIMATE_ASSUMES_BOTH_CACHES,
    /**
     * Latency (depth-first): DeFiNES' latency_total1 counts a layer run's on-loading before it computes
     * and leaves its off-loading out, whatever the off-chip memory's ports and buffering. Fixed: off-chip
     * transfers overlap or add by the accelerator's stated {@code transfers} (docs/latency.md).
     */
    OFF_CHIP_TRANSFERS_AS_TOTAL1
}
