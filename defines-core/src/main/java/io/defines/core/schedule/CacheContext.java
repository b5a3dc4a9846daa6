package io.defines.core.schedule;

import io.defines.core.compat.CompatFlags;
import io.defines.core.hardware.Memory;

/**
 * What an {@link OverlapStrategy} sees when it places one direction's overlap cache for one tile
 * (docs/depth-first.md, "Cache placement"). The horizontal direction is placed first; the vertical
 * one sees the horizontal decision ({@link #other}, {@link #otherLevel}).
 */
public interface CacheContext {

    TileDirection direction();

    /** Whether the tile is the first of its row (horizontal) or column (vertical): nothing to reuse yet. */
    boolean firstInDirection();

    /** On-chip bits alive before this direction's cache is counted. */
    long basePeakBits();

    /**
     * On-chip bits alive in the first tile of a row, the output caches it makes counted as they become
     * permanent (horizontal only).
     */
    long firstTilePeakBits();

    /** Bits of the overlap this direction adds to the tile's working set. */
    long overlapBits();

    /** Bits counted in both directions' overlaps (the corner), saved when both share a level. */
    long sharedOverlapBits();

    /** The other direction's strategy (the horizontal one when placing the vertical cache). */
    OverlapStrategy other();

    /** The level the other direction's cache went to (vertical only; null none). */
    Memory otherLevel();

    /** The lowest level of the output chain, single instance and holding the tile's input, with {@code bits} free; null none. */
    Memory lowestFitting(long bits);

    /** As {@link #lowestFitting(long)}, {@code savedBits} fewer needed where the level is {@code sharedWith}. */
    Memory lowestFitting(long bits, Memory sharedWith, long savedBits);

    /** The off-chip memory (top of the output chain). */
    Memory offChip();

    CompatFlags flags();
}
