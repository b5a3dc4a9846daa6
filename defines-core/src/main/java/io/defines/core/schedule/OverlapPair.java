package io.defines.core.schedule;

/** An overlap strategy per direction: between horizontally adjacent tiles and between tile rows. */
public record OverlapPair(OverlapStrategy horizontal, OverlapStrategy vertical) {

    /**
     * DeFiNES' mode names (fully-recompute, h-cached-v-recompute, fully-cached) or {@code h=<s>,v=<s>};
     * IllegalArgumentException when not recognised.
     */
    public static OverlapPair parse(String text) {
        OverlapStrategy[] hv = OverlapStrategy.parsePair(text);
        if (hv == null) {
            throw new IllegalArgumentException("'" + text + "' is not an overlap strategy");
        }
        return new OverlapPair(hv[0], hv[1]);
    }
}
