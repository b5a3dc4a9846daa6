package io.defines.core.workload;

import java.util.Locale;

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
        return extent(firstSize, secondSize, (double) firstCoefficient / g, (double) secondCoefficient / g);
    }

    /**
     * {@link #extent(double, double)} with the reduced coefficients sa/g and sb/g precomputed (see
     * {@link #reducedFirst()}, {@link #reducedSecond()}): the same floating-point operations.
     */
    public static double extent(double a, double b, double reducedFirst, double reducedSecond) {
        double value = a * b - Math.max(0.0, b - reducedFirst) * (a - reducedSecond);
        return (double) (long) value;
    }

    /** sa / gcd(sa, sb) as a double. */
    public double reducedFirst() {
        return (double) firstCoefficient / gcd(firstCoefficient, secondCoefficient);
    }

    /** sb / gcd(sa, sb) as a double. */
    public double reducedSecond() {
        return (double) secondCoefficient / gcd(firstCoefficient, secondCoefficient);
    }

    /** Integer form of {@link #extent(double, double)} for whole loop sizes. */
    public long extent(long firstSize, long secondSize) {
        return (long) extent((double) firstSize, (double) secondSize);
    }

    static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return Math.abs(a);
    }

    @Override
    public String toString() {
        return tensorDim.toLowerCase(Locale.ROOT) + "=" + firstCoefficient + "*" + firstDim.toLowerCase(Locale.ROOT)
                + "+" + secondCoefficient + "*" + secondDim.toLowerCase(Locale.ROOT);
    }
}
