package io.defines.core.input;

import io.defines.core.workload.Workload;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One layer as an input says it, typed but not yet checked: the second of the workload reader's three
 * steps (located tree → layer DTOs → checked {@link Workload}). The YAML
 * reader builds it from a layer's mapping, the ONNX importer from a graph node; both then go through
 * the same checks ({@link WorkloadReader#validate}). Every value keeps the node it came from, so that
 * a problem found later points at the line of the YAML file or at the ONNX node.
 *
 * @param node the whole layer (a YAML mapping, or the ONNX node's position)
 * @param equation the equation text, e.g. {@code O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]}
 * @param relations dimension relations as text, e.g. {@code ix=2*ox+1*fx}
 * @param precision operand → bits ({@code operand_precision})
 * @param source input operand → producing layer id, or the layer's own id ({@code operand_source})
 * @param concatSources input operand → the parts of a concatenation, in channel order
 *        ({@code operand_source: {I: [3, {layer: 5, channels: [0, 16]}]}}); an operand is in
 *        {@code source} or here, not both
 * @param padding {@code [before, after]} per entry of {@code prLoopDims}
 */
public record LayerDto(Node node, Located<Long> id, Located<String> name, Located<String> operatorType,
                       Located<String> equation, Items<String> relations, Items<String> loopDims, Items<Long> loopSizes,
                       Entries precision, Entries source, Map<String, Items<PartSource>> concatSources, Items<String> prLoopDims, Items<Long> prLoopSizes,
                       Items<long[]> padding) {

    public LayerDto {
        concatSources = Collections.unmodifiableMap(new LinkedHashMap<>(concatSources));
    }

    /** Where the source of {@code operand} was written (its id, or its list of ids), or null. */
    public Node sourceNode(String operand) {
        Located<Long> single = source.values().get(operand);
        if (single != null) {
            return single.node();
        }
        Items<PartSource> parts = concatSources.get(operand);
        return parts == null ? null : parts.node();
    }

    /** Whether {@code operand} has a source, a single id or a concatenation. */
    public boolean hasSource(String operand) {
        return source.values().containsKey(operand) || concatSources.containsKey(operand);
    }

    /**
     * One part of a concatenation: layer {@code layer}'s output channels {@code [from, to)}, or all of
     * them when {@code from} and {@code to} are null; its map read upsampled as {@code upsample} says.
     */
    public record PartSource(long layer, Long from, Long to, io.defines.core.workload.Upsampling upsample) {

        public PartSource(long layer, Long from, Long to) {
            this(layer, from, to, io.defines.core.workload.Upsampling.NONE);
        }

        public boolean whole() {
            return from == null;
        }
    }

    /**
     * A list of a layer: the items that have the right type, where the list was written (null when it
     * is absent or not a list) and how many items were written (wrong-typed ones included).
     */
    public record Items<T>(List<Located<T>> values, Node node, int written) {

        public Items {
            values = List.copyOf(values);
        }

        /** A list that is not there. */
        public static <T> Items<T> absent() {
            return new Items<>(List.of(), null, 0);
        }

        /** Every item of a list that has nothing but well-typed items, all written at {@code node}. */
        public static <T> Items<T> of(Node node, List<T> values) {
            return new Items<>(values.stream().map(v -> new Located<>(v, node)).toList(), node, values.size());
        }

        /** Whether the list was written (as a list). */
        public boolean given() {
            return node != null;
        }

        public int size() {
            return values.size();
        }

        public Located<T> get(int index) {
            return values.get(index);
        }
    }

    /**
     * A mapping of integers of a layer, in the order written, and where it was written (null when it
     * is absent or not a mapping).
     */
    public record Entries(Map<String, Located<Long>> values, Node node) {

        public Entries {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        /** Whether the mapping was written (as a mapping). */
        public boolean given() {
            return node != null;
        }
    }
}
