package io.defines.core.hardware;

/**
 * The one port-granularity access cost (DeFiNES' access model): a port moves data in granules of its
 * {@code bandwidth_min} and charges each granule as that fraction of a full-width ({@code bandwidth_max})
 * access, so moving {@code bits} costs ⌈bits / granularity⌉ · (granularity / width) full-width words,
 * each at the memory's read or write energy. The single-layer model (every direction of every memory
 * level), the search's fast path and the data copies between layers all count accesses here; see
 * docs/single-layer-model.md and docs/depth-first.md.
 *
 * <p>The methods are static and small so that the JIT inlines them into the search's inner loop. They
 * perform their floating-point operations in a fixed order: callers multiply the words by further
 * factors (counts, cycles, instances) left to right, which keeps every result bit-identical.
 */
public final class AccessCost {

    private AccessCost() {
    }

    /**
     * Full-width words charged for moving {@code bits} at once through a port of granularity
     * {@code granularityBits} and width {@code widthBits}: ⌈bits / granularity⌉ · (granularity / width).
     */
    public static double words(double bits, double granularityBits, double widthBits) {
        return Math.ceil(bits / granularityBits) * (granularityBits / widthBits);
    }

    /** Full-width words charged for moving {@code bits} at once through {@code port}. */
    public static double words(long bits, Port port) {
        return words((double) bits, port.bandwidthMinBits(), port.bandwidthMaxBits());
    }

    /** Energy (pJ) of reading {@code bits} out of {@code memory} through its port {@code port}. */
    public static double readEnergyPj(long bits, Port port, Memory memory) {
        return words(bits, port) * memory.readEnergyPj();
    }

    /** Energy (pJ) of writing {@code bits} into {@code memory} through its port {@code port}. */
    public static double writeEnergyPj(long bits, Port port, Memory memory) {
        return words(bits, port) * memory.writeEnergyPj();
    }

    /**
     * Energy (pJ) of one memory level's word accesses in its four directions, grouped as DeFiNES sums
     * them: (reads towards the level above + reads towards the level below) + (writes from above +
     * writes from below).
     */
    public static double levelEnergyPj(double readPj, double writePj, double rdOutToHigh, double rdOutToLow,
                                       double wrInByHigh, double wrInByLow) {
        return (readPj * rdOutToHigh + readPj * rdOutToLow) + (writePj * wrInByHigh + writePj * wrInByLow);
    }

    /**
     * Granularity (bits) of the reads ({@code write} false) or writes of {@code memory} as the
     * single-layer model sees them: the {@code bandwidth_min} of its widest reading or writing port.
     */
    public static double granularityBits(Memory memory, boolean write) {
        return write ? memory.writeGranularityBits() : memory.readGranularityBits();
    }

    /** Width (bits per cycle) of the reads ({@code write} false) or writes of {@code memory}: its widest such port. */
    public static double widthBits(Memory memory, boolean write) {
        return write ? memory.writeBandwidthBits() : memory.readBandwidthBits();
    }

    /** Bits that moving {@code bits} through {@code port} occupies: rounded up to whole granules. */
    public static double accessBits(long bits, Port port) {
        return (double) ceilDiv(bits, port.bandwidthMinBits()) * port.bandwidthMinBits();
    }

    /** Cycles {@code port} is busy moving {@code bits}: one full-width word per cycle. */
    public static long cycles(long bits, Port port) {
        return ceilDiv(bits, port.bandwidthMaxBits());
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
