package io.defines.core.schedule;

/** Keep the overlap off-chip: written to and read back from the off-chip memory; adds nothing on chip. */
record Global() implements OverlapStrategy {
    @Override
    public String cliName() {
        return "global";
    }

    @Override
    public boolean reusesOverlap() {
        return true;
    }

    @Override
    public CachePlacement place(CacheContext c) {
        return new CachePlacement(c.offChip(), c.basePeakBits());
    }

    @Override
    public String toString() {
        return OverlapStrategy.keyName(this);
    }
}
