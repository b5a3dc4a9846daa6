package io.defines.core.schedule;

import io.defines.core.compat.Quirk;

/**
 * DeFiNES' caching: keep the overlap in the lowest level of the output chain that holds the tile's
 * working set plus the cache (docs/depth-first.md, "Cache placement").
 */
record CacheOnChip() implements OverlapStrategy {
    @Override
    public String cliName() {
        return "cache";
    }

    @Override
    public boolean reusesOverlap() {
        return true;
    }

    @Override
    public CachePlacement place(CacheContext c) {
        if (c.direction() == TileDirection.HORIZONTAL) {
            long peak;
            if (c.firstInDirection()) {
                // the output caches made in the first column stay alive; DeFiNES never counts them
                peak = c.flags().has(Quirk.PERMANENT_CACHE_BITS_IGNORED) ? c.basePeakBits() : c.firstTilePeakBits();
            } else {
                peak = c.basePeakBits() + c.overlapBits();
            }
            return new CachePlacement(c.lowestFitting(peak), peak);
        }
        if (c.flags().has(Quirk.CACHE_ESTIMATE_ASSUMES_BOTH_CACHES) && !(c.other() instanceof CacheOnChip)) {
            return new CachePlacement(null, c.basePeakBits()); // DeFiNES caches rows only together with columns
        }
        long peak = c.basePeakBits() + c.overlapBits();
        return new CachePlacement(c.lowestFitting(peak, c.otherLevel(), c.sharedOverlapBits()), peak);
    }

    @Override
    public String toString() {
        return OverlapStrategy.keyName(this);
    }
}
