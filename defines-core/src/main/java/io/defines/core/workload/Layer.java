package io.defines.core.workload;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One layer of a workload, immutable. Loop dimensions keep the file's order (DeFiNES' loop-prime-
 * factor merge depends on it).
 *
 * @param loopSizes loop dimension → size, in declaration order
 * @param precisionBits operand → bits; {@code O} is the partial-sum precision, {@code O_final} the
 *        precision of finished outputs
 * @param inputs the activation inputs (from other layers or from outside the network), equation order
 * @param constantOperands operands that hold constants (weights); they come from the top memory level
 * @param padding zero padding per partially relevant dimension (IX, IY); absent = none
 * @param prLoopSizes explicit input extents given in the file ({@code pr_loop_sizes}); absent = derived
 */
public record Layer(int id, String name, String operatorType, Equation equation, List<DimRelation> relations,
                    Map<String, Long> loopSizes, Map<String, Integer> precisionBits, List<LayerInput> inputs,
                    List<String> constantOperands, Map<String, Padding> padding, Map<String, Long> prLoopSizes) {

    public Layer {
        relations = List.copyOf(relations);
        loopSizes = Collections.unmodifiableMap(new LinkedHashMap<>(loopSizes));
        precisionBits = Collections.unmodifiableMap(new LinkedHashMap<>(precisionBits));
        inputs = List.copyOf(inputs);
        constantOperands = List.copyOf(constantOperands);
        padding = Collections.unmodifiableMap(new LinkedHashMap<>(padding));
        prLoopSizes = Collections.unmodifiableMap(new LinkedHashMap<>(prLoopSizes));
    }

    /** Size of a loop dimension; 1 for dimensions the layer does not have. */
    public long loopSize(String dim) {
        return loopSizes.getOrDefault(dim, 1L);
    }

    /** Product of all loop sizes. */
    public long macCount() {
        long n = 1;
        for (long s : loopSizes.values()) {
            n = Math.multiplyExact(n, s);
        }
        return n;
    }

    public Optional<DimRelation> relation(String tensorDim) {
        for (DimRelation r : relations) { // a loop, not a stream: called for every node of every tile
            if (r.tensorDim().equals(tensorDim)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    public Padding padding(String tensorDim) {
        return padding.getOrDefault(tensorDim, Padding.NONE);
    }

    /**
     * Extent of one tensor dimension of an operand as stored in memory: a loop dimension's size,
     * or for a partially relevant dimension the explicit {@code pr_loop_sizes} value if given,
     * else the relation's extent minus padding (padded elements are not stored).
     */
    public long tensorExtent(String dim) {
        Optional<DimRelation> r = relation(dim);
        if (r.isEmpty()) {
            return loopSize(dim);
        }
        Long explicit = prLoopSizes.get(dim);
        if (explicit != null) {
            return explicit;
        }
        DimRelation rel = r.get();
        long extent = rel.extent(loopSize(rel.firstDim()), loopSize(rel.secondDim())) - padding(dim).total();
        return Math.max(1, extent);
    }

    /** Tensor dimension → extent for an operand, in index order. */
    public Map<String, Long> tensorDims(String operandName) {
        Operand op = equation.operand(operandName).orElseThrow(() -> new IllegalArgumentException(
                "layer " + id + " has no operand " + operandName));
        Map<String, Long> dims = new LinkedHashMap<>();
        for (String idx : op.indices()) {
            dims.put(idx, tensorExtent(idx));
        }
        return dims;
    }

    /** Number of elements of an operand's tensor. */
    public long elements(String operandName) {
        long n = 1;
        for (long e : tensorDims(operandName).values()) {
            n = Math.multiplyExact(n, e);
        }
        return n;
    }

    public int precision(String operandName) {
        return precisionBits.getOrDefault(operandName, 0);
    }

    /** Precision of finished outputs ({@code O_final}, else {@code O}). */
    public int outputPrecision() {
        return precisionBits.getOrDefault("O_final", precision(equation.output().name()));
    }

    /** Bits of all constant operands (weights). */
    public long weightBits() {
        long bits = 0;
        for (String c : constantOperands) {
            bits = Math.addExact(bits, Math.multiplyExact(elements(c), (long) precision(c)));
        }
        return bits;
    }

    /** Elements of all activation inputs (both inputs of an element-wise add; a concatenated operand once). */
    public long inputElements() {
        long n = 0;
        for (String operand : inputs.stream().map(LayerInput::operand).distinct().toList()) {
            n = Math.addExact(n, elements(operand));
        }
        return n;
    }

    public long outputElements() {
        return elements(equation.output().name());
    }

    /** Ids of the producing layers, in equation order, without duplicates. */
    public List<Integer> producers() {
        return inputs.stream().map(LayerInput::producerId).filter(Objects::nonNull).distinct().toList();
    }
}
