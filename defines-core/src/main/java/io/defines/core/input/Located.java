package io.defines.core.input;

/**
 * A value read from an input file together with the node it came from, so that a later check can
 * point at the right line. {@code value} is null when the key was missing or had the wrong type;
 * {@code node} is then the enclosing mapping.
 */
public record Located<T>(T value, Node node) {

    public boolean present() {
        return value != null;
    }

    public T orElse(T fallback) {
        return value == null ? fallback : value;
    }
}
