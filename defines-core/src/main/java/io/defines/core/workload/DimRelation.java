package io.defines.core.workload;

/**
 * A partially relevant tensor dimension defined by two loop dimensions, e.g. {@code ix=2*ox+1*fx}:
 * tensor dim IX spans OX (coefficient 2 = stride) and FX (coefficient 1 = dilation).
 */
public record DimRelation(String tensorDim, String firstDim, int firstCoefficient, String secondDim,
                          int secondCoefficient) {

    /**
     * Number of distinct tensor indices {@code sa·a + sb·b} for a ∈ [0, A), b ∈ [0, B), as DeFiNES
     * computes it: {@code trunc(A·B − max(0, B − sa/g)·(A − sb/g))} with g = gcd(sa, sb), in floating
     * point (A and B may be fractional for fractional spatial unrollings). Stride 1 gives A+B−1;
     * stride 2 with kernel 3 gives 2A+1; stride 2 with kernel 1 gives A (gaps are not counted).
     */
    public double extent(double firstSize, double secondSize) {
        int g = gcd(firstCoefficient, secondCoefficient);
        double a = firstSize;
        double b = secondSize;
        double value = a * b - Math.max(0.0, b - (double) firstCoefficient / g) * (a - (double) secondCoefficient / g);
        return (double) (long) value;
    }

    /** Integer form of {@link #extent(double, double)} for whole loop sizes. */
    public long extent(long firstSize, long secondSize) {
        return (long) extent((double) firstSize, (double) secondSize);
    }

    static int gcd(int a, int b) {
        return b == 0 ? Math.abs(a) : gcd(b, a % b);
    }

    @Override
    public String toString() {
        return tensorDim.toLowerCase(java.util.Locale.ROOT) + "=" + firstCoefficient + "*" + firstDim.toLowerCase(java.util.Locale.ROOT)
                + "+" + secondCoefficient + "*" + secondDim.toLowerCase(java.util.Locale.ROOT);
    }
}
