package io.defines.core.mapping;

import io.defines.core.hardware.MemoryOperand;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One entry of a mapping file, applied to the layers it matches (by name, else operator type,
 * else {@code default}).
 *
 * @param spatialMapping array dimension → loops unrolled over it, in file order
 * @param spatialMappingHint array dimension → candidate layer dims (ZigZag's hint), searched when
 *        {@code spatialMapping} is empty (mapper.SpatialHintSearch)
 * @param temporalOrdering user-fixed temporal loops, innermost first (ZigZag's constrained mappings): the search keeps them
 *        where they are listed and orders the rest at the {@code ["*", "*"]} item (mapper.TemporalOrder)
 * @param memoryOperandLinks layer operand → memory operand (e.g. I → I1, W → I2, O → O)
 * @param bypass layer operand → memories it does not keep data in (Timeloop's bypass): its chain skips them
 */
public record MappingEntry(String name, Map<String, List<SpatialUnroll>> spatialMapping,
                           Map<String, List<String>> spatialMappingHint, List<TemporalLoop> temporalOrdering,
                           Map<String, MemoryOperand> memoryOperandLinks, Map<String, List<String>> bypass) {

    /** No bypass. */
    public MappingEntry(String name, Map<String, List<SpatialUnroll>> spatialMapping, Map<String, List<String>> spatialMappingHint,
                        List<TemporalLoop> temporalOrdering, Map<String, MemoryOperand> memoryOperandLinks) {
        this(name, spatialMapping, spatialMappingHint, temporalOrdering, memoryOperandLinks, Map.of());
    }

    public MappingEntry {
        Map<String, List<SpatialUnroll>> sm = new LinkedHashMap<>();
        spatialMapping.forEach((k, v) -> sm.put(k, List.copyOf(v)));
        spatialMapping = Collections.unmodifiableMap(sm);
        Map<String, List<String>> hint = new LinkedHashMap<>();
        spatialMappingHint.forEach((k, v) -> hint.put(k, List.copyOf(v)));
        spatialMappingHint = Collections.unmodifiableMap(hint);
        temporalOrdering = List.copyOf(temporalOrdering);
        memoryOperandLinks = Collections.unmodifiableMap(new LinkedHashMap<>(memoryOperandLinks));
        Map<String, List<String>> by = new LinkedHashMap<>();
        bypass.forEach((k, v) -> by.put(k, List.copyOf(v)));
        bypass = Collections.unmodifiableMap(by);
    }

    /** The bypass by memory operand (through {@link #memoryOperandLinks}): memory operand → names of the memories it skips. */
    public Map<MemoryOperand, Set<String>> bypassed() {
        Map<MemoryOperand, Set<String>> out = new EnumMap<>(MemoryOperand.class);
        bypass.forEach((operand, memories) -> {
            MemoryOperand m = memoryOperandLinks.get(operand);
            if (m != null && !memories.isEmpty()) {
                out.put(m, Set.copyOf(memories));
            }
        });
        return out;
    }

    /** Product of the unroll factors of {@code layerDim} over all array dimensions. */
    public long unrolling(String layerDim) {
        long n = 1;
        for (List<SpatialUnroll> l : spatialMapping.values()) {
            for (SpatialUnroll u : l) {
                if (u.layerDim().equals(layerDim)) {
                    n *= u.factor();
                }
            }
        }
        return n;
    }

    /** Compact form, e.g. "D1:K32 D3:OX4 D4:OY4" (several loops on one dimension: "D2:C4,FX3"). */
    public String spatialMappingText() {
        return spatialMapping.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue().stream().map(SpatialUnroll::toString).collect(Collectors.joining(",")))
                .collect(Collectors.joining(" "));
    }
}
