package io.defines.core.onnx;

/**
 * How a tensor's elements lie in the output its producer wrote, of shape {@code canonical}: {@code order}
 * lists the canonical axes of size above 1 in the order the tensor lists them (ascending = the producer's
 * order), or is null when a Transpose mixed parts of axes (the order cannot be told).
 */
record View(long[] canonical, int[] order) {

    /** The producer's own order for a tensor of {@code shape}. */
    static View of(long[] shape) {
        return new View(shape, java.util.stream.IntStream.range(0, shape.length).filter(i -> shape[i] != 1).toArray());
    }

    /** True when the tensor does not list its elements in the producer's order. */
    boolean permuted() {
        if (order == null) {
            return true;
        }
        for (int i = 1; i < order.length; i++) {
            if (order[i] < order[i - 1]) {
                return true;
            }
        }
        return false;
    }
}
