package io.defines.core.workload;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A non-constant input operand of a layer and where its data comes from. An operand read from a
 * concatenation has one input per part, each with its {@link Part}.
 *
 * @param operand the layer operand (I, or W/I of an element-wise add)
 * @param producerId id of the producing layer, or null when the data enters the network here
 *        (ZigZag: operand_source equal to the layer's own id on an activation operand I)
 * @param producerDims consumer tensor dimension → producer output dimension (e.g. C→K, IX→OX),
 *        inferred from tensor index positions; empty for network inputs
 * @param part the part of the operand this producer writes, or null when it writes all of it
 * @param upsample how the producer's map is upsampled on the way (an ONNX Resize; {@link Upsampling#NONE})
 */
public record LayerInput(String operand, Integer producerId, Map<String, String> producerDims, Part part, Upsampling upsample) {

    /**
     * The elements {@code [offset, offset + length)} along the operand's tensor dimension {@code dim}
     * (a channel dimension; the parts of a concatenation follow each other in the order listed), which
     * are the producer's channels {@code [producerOffset, producerOffset + length)}.
     */
    public record Part(String dim, long offset, long length, long producerOffset) {

        public Part {
            if (offset < 0 || length < 1 || producerOffset < 0) {
                throw new IllegalArgumentException("a part is at offsets ≥ 0 with length ≥ 1, got " + offset + ", " + length + ", " + producerOffset);
            }
        }

        /** A part that is all of its producer's channels. */
        public Part(String dim, long offset, long length) {
            this(dim, offset, length, 0);
        }

        /** How many of the first {@code extent} elements along {@link #dim} fall in this part. */
        public long within(long extent) {
            return Math.max(0, Math.min(extent, offset + length) - offset);
        }
    }

    public LayerInput {
        producerDims = Collections.unmodifiableMap(new LinkedHashMap<>(producerDims));
        upsample = upsample == null ? Upsampling.NONE : upsample;
    }

    /** An input that is the whole operand. */
    public LayerInput(String operand, Integer producerId, Map<String, String> producerDims) {
        this(operand, producerId, producerDims, null, Upsampling.NONE);
    }

    /** An input that is a part of the operand, not upsampled. */
    public LayerInput(String operand, Integer producerId, Map<String, String> producerDims, Part part) {
        this(operand, producerId, producerDims, part, Upsampling.NONE);
    }

    public boolean isNetworkInput() {
        return producerId == null;
    }

    /** Whether this producer writes only a part of the operand (a concatenation's). */
    public boolean isPart() {
        return part != null;
    }
}
