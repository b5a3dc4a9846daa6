package io.defines.core.workload;

/**
 * How a layer reads its producer's map upsampled (an ONNX Resize folded into the read): by an integer
 * {@code factor} along H and W, nearest neighbour (index u reads ⌊u / s⌋) or linear (u reads the two
 * pixels around (u + ½) / s − ½, clamped to the map). {@link #NONE} reads the map as written. The one
 * place that maps a read range to the producer's pixels.
 */
public record Upsampling(long factor, boolean linear) {

    public static final Upsampling NONE = new Upsampling(1, false);

    public Upsampling {
        if (factor < 1) {
            throw new IllegalArgumentException("an upsampling factor is ≥ 1, got " + factor);
        }
    }

    public static Upsampling nearest(long factor) {
        return new Upsampling(factor, false);
    }

    public boolean none() {
        return factor == 1 && !linear;
    }

    /** The producer's pixels [from, to) under the read range [lo, hi) of the upsampled map, clamped to its {@code size}. */
    public long[] producerRange(long lo, long hi, long size) {
        if (none()) {
            return new long[] {lo, hi};
        }
        if (hi <= lo) {
            long at = Math.min(size, Math.max(0, Math.floorDiv(lo, factor)));
            return new long[] {at, at};
        }
        if (!linear) {
            return new long[] {Math.floorDiv(lo, factor), Math.min(size, Math.floorDiv(hi + factor - 1, factor))};
        }
        long first = Math.max(0, Math.floorDiv(2 * lo + 1 - factor, 2 * factor));
        long last = Math.min(size - 1, Math.floorDiv(2 * (hi - 1) + 1 - factor, 2 * factor) + 1);
        return new long[] {Math.min(first, last), last + 1};
    }

    /** The producer's exclusive end under reads ending at {@code end}; MIN_VALUE stays. */
    public long producerEnd(long end, long size) {
        if (end == Long.MIN_VALUE || none()) {
            return end;
        }
        return producerRange(0, end, size)[1];
    }

    /**
     * The producer's extent under an extent of the upsampled map that starts at a multiple of the factor
     * (a whole map; for linear one pixel more on each side, unclamped): ⌈extent / s⌉ (+ 2).
     */
    public long producerExtent(long extent) {
        if (none()) {
            return extent;
        }
        return Math.floorDiv(extent + factor - 1, factor) + (linear ? 2 : 0);
    }

    /** A producer position as the upsampled map's (× s); MIN_VALUE stays. */
    public long scaled(long producerPosition) {
        return producerPosition == Long.MIN_VALUE ? Long.MIN_VALUE : producerPosition * factor;
    }
}
