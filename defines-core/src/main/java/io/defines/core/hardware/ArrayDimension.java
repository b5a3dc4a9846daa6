package io.defines.core.hardware;

/** One dimension of the operational (MAC) array, e.g. D1 of size 32. */
public record ArrayDimension(String name, int size) {
}
