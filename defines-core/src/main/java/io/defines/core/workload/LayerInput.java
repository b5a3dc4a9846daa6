package io.defines.core.workload;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A non-constant input operand of a layer and where its data comes from.
 *
 * @param operand the layer operand (I, or W/I of an element-wise add)
 * @param producerId id of the producing layer, or null when the data enters the network here
 *        (ZigZag: operand_source equal to the layer's own id on an activation operand I)
 * @param producerDims consumer tensor dimension → producer output dimension (e.g. C→K, IX→OX),
 *        inferred from tensor index positions; empty for network inputs
 */
public record LayerInput(String operand, Integer producerId, Map<String, String> producerDims) {

    public LayerInput {
        producerDims = Collections.unmodifiableMap(new LinkedHashMap<>(producerDims));
    }

    public boolean isNetworkInput() {
        return producerId == null;
    }
}
