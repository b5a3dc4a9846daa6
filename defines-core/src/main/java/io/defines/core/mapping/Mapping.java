package io.defines.core.mapping;

import io.defines.core.workload.Layer;
import java.util.List;
import java.util.Optional;

/**
 * A mapping file: entries matched to layers by layer name, then operator type, then the entry
 * named {@code default} (the ZigZag rule, extended with names).
 */
public record Mapping(String name, List<MappingEntry> entries) {

    public static final String DEFAULT = "default";

    public Mapping {
        entries = List.copyOf(entries);
    }

    public Optional<MappingEntry> entry(String entryName) {
        return entries.stream().filter(e -> e.name().equals(entryName)).findFirst();
    }

    /** The entry that applies to {@code layer}, or empty when none does. */
    public Optional<MappingEntry> entryFor(Layer layer) {
        return entry(layer.name())
                .or(() -> entry(layer.operatorType()))
                .or(() -> entry(DEFAULT));
    }
}
