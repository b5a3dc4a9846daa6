package io.defines.core.mapper.loma;

import java.util.Objects;

/**
 * A loop prime factor (LPF) of LOMA: one temporal loop of layer dimension {@code dim} with size
 * {@code factor}, a prime or, after limiting (defines-model §8.2.2), a product of primes.
 *
 * <p>The natural order is DeFiNES' Python tuple order {@code (dim, factor)}: the dimension name first
 * ({@link String#compareTo}), then the factor. Equal LPFs are interchangeable in a loop ordering.
 *
 * @param dim    the layer loop dimension, e.g. {@code "OX"}
 * @param factor the loop size, at least 1
 */
public record Lpf(String dim, long factor) implements Comparable<Lpf> {

    /** Validates the components. */
    public Lpf {
        Objects.requireNonNull(dim, "dim");
        if (factor < 1) {
            throw new IllegalArgumentException("The factor (" + factor + ") of LPF dim (" + dim + ") must be at least 1.");
        }
    }

    @Override
    public int compareTo(Lpf other) {
        int c = dim.compareTo(other.dim);
        return c != 0 ? c : Long.compare(factor, other.factor);
    }

    @Override
    public String toString() {
        return "(" + dim + "," + factor + ")";
    }
}
