package io.defines.core.mapping;

/** One loop unrolled over an array dimension, written "K, 32" in YAML. */
public record SpatialUnroll(String layerDim, int factor) {

    @Override
    public String toString() {
        return layerDim + factor;
    }
}
