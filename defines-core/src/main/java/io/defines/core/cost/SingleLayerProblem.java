package io.defines.core.cost;

import io.defines.core.compat.CompatFlags;
import io.defines.core.hardware.HierarchyView;
import io.defines.core.mapping.MappingEntry;
import io.defines.core.workload.Layer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One single-layer evaluation: a layer of the workload, the loop sizes of the tile it computes
 * (keys in the layer's loop order), its mapping entry (spatial unrollings and operand links), the
 * memory hierarchy it sees, the LOMA prime-factor limit and the compatibility flags, and optional
 * caps on partially relevant input extents (a border tile of a padded layer reads fewer real pixels
 * than its receptive field: IX → real extent). A pure value: the key of the single-layer memo cache.
 */
public record SingleLayerProblem(Layer layer, Map<String, Long> tileLoopSizes, MappingEntry mapping,
                                 HierarchyView hierarchy, int lpfLimit, CompatFlags flags, Map<String, Long> inputExtentCaps) {

    /** Without input-extent caps (no padding at this tile). */
    public SingleLayerProblem(Layer layer, Map<String, Long> tileLoopSizes, MappingEntry mapping, HierarchyView hierarchy,
                              int lpfLimit, CompatFlags flags) {
        this(layer, tileLoopSizes, mapping, hierarchy, lpfLimit, flags, Map.of());
    }

    public SingleLayerProblem {
        Objects.requireNonNull(layer);
        Objects.requireNonNull(mapping);
        Objects.requireNonNull(hierarchy);
        Objects.requireNonNull(flags);
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (String d : layer.loopSizes().keySet()) {
            ordered.put(d, tileLoopSizes.getOrDefault(d, layer.loopSize(d)));
        }
        for (var e : tileLoopSizes.entrySet()) {
            if (!ordered.containsKey(e.getKey())) {
                throw new IllegalArgumentException("layer " + layer.id() + " has no loop dimension " + e.getKey());
            }
        }
        tileLoopSizes = Collections.unmodifiableMap(ordered);
        inputExtentCaps = Map.copyOf(inputExtentCaps);
    }

    /** The same problem at LOMA limit {@code limit}. */
    public SingleLayerProblem withLpfLimit(int limit) {
        return new SingleLayerProblem(layer, tileLoopSizes, mapping, hierarchy, limit, flags, inputExtentCaps);
    }

    /** This problem with its mapping entry's bypass applied to its hierarchy view (itself when there is none). */
    public SingleLayerProblem withBypass() {
        var bypassed = mapping.bypassed();
        if (bypassed.isEmpty() || bypassed.equals(hierarchy.bypassed())) {
            return this;
        }
        return new SingleLayerProblem(layer, tileLoopSizes, mapping, hierarchy.withBypass(bypassed), lpfLimit, flags, inputExtentCaps);
    }

    /** Why the mapping entry's bypass cannot hold for this problem (it names the top level of an operand here), or null. */
    public String bypassConflict() {
        return withBypass().hierarchy().bypassConflict();
    }

    /** The whole layer (no tiling). */
    public static SingleLayerProblem wholeLayer(Layer layer, MappingEntry mapping, HierarchyView hierarchy, int lpfLimit,
                                                CompatFlags flags) {
        return new SingleLayerProblem(layer, layer.loopSizes(), mapping, hierarchy, lpfLimit, flags);
    }
}
