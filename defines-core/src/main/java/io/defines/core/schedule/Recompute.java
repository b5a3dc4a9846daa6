package io.defines.core.schedule;

/** Recompute the overlap in every tile: nothing is kept. */
record Recompute() implements OverlapStrategy {
    @Override
    public String cliName() {
        return "recompute";
    }

    @Override
    public boolean reusesOverlap() {
        return false;
    }

    @Override
    public CachePlacement place(CacheContext c) {
        return new CachePlacement(null, c.basePeakBits());
    }

    @Override
    public String toString() {
        return OverlapStrategy.keyName(this);
    }
}
