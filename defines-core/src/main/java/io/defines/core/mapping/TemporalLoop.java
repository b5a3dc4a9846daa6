package io.defines.core.mapping;

/** One user-fixed temporal loop, innermost first; {@code size} null means "*" (all that is left). */
public record TemporalLoop(String layerDim, Long size) {
}
