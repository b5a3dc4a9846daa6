package io.defines.core.onnx;

import io.defines.core.input.LayerDto.Entries;
import io.defines.core.input.LayerDto.Items;
import io.defines.core.input.LayerDto;
import io.defines.core.input.Located;
import io.defines.core.input.Node;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles the {@link LayerDto} of one ONNX node in the ZigZag workload form (docs/onnx.md lists
 * each operator's), every value located at the node, so that the workload checks point at it.
 */
final class LayerBuilder {

    private final Node site;
    private final int id;
    private final String name;
    private final String operatorType;
    private String equation;
    private Items<String> relations = Items.absent();
    private Items<String> loopDims = Items.absent();
    private Items<Long> loopSizes = Items.absent();
    private Entries precision = new Entries(Map.of(), null);
    private Entries source = new Entries(Map.of(), null);
    private final Map<String, Items<LayerDto.PartSource>> concat = new LinkedHashMap<>();
    private Items<String> prLoopDims = Items.absent();
    private Items<long[]> padding = Items.absent();

    LayerBuilder(Node site, int id, String name, String operatorType) {
        this.site = site;
        this.id = id;
        this.name = name;
        this.operatorType = operatorType;
    }

    int id() {
        return id;
    }

    LayerBuilder equation(String text) {
        this.equation = text;
        return this;
    }

    /** {@code ix = sx·ox + dx·fx} and {@code iy = sy·oy + dy·fy}. */
    LayerBuilder relations(long[] strides, long[] dilations) {
        this.relations = Items.of(site, List.of("ix=" + strides[1] + "*ox+" + dilations[1] + "*fx",
                "iy=" + strides[0] + "*oy+" + dilations[0] + "*fy"));
        return this;
    }

    LayerBuilder loops(List<String> dims, long... sizes) {
        this.loopDims = Items.of(site, dims);
        this.loopSizes = Items.of(site, Arrays.stream(sizes).boxed().toList());
        return this;
    }

    /** Bits of W and, from {@code options}, of I, O (partial sums) and O_final. */
    LayerBuilder precision(long weightBits, OnnxOptions options) {
        Map<String, Long> bits = new LinkedHashMap<>();
        bits.put("W", weightBits);
        bits.put("I", (long) options.activationBits());
        bits.put("O", (long) options.partialSumBits());
        bits.put("O_final", (long) options.outputBits());
        this.precision = entries(bits);
        return this;
    }

    /** The producers of W and I; −1 (a graph input or a constant) becomes the layer's own id. */
    LayerBuilder sources(int w, int i) {
        return sources(List.of(whole(w)), List.of(whole(i)));
    }

    /**
     * The producer of W and those of I: one (−1, a graph input, becomes the layer's own id), or the
     * producers of a concatenation's parts, in channel order.
     */
    LayerBuilder sources(int w, List<LayerDto.PartSource> i) {
        return sources(List.of(whole(w)), i);
    }

    /**
     * The parts of W and of I: an operand read whole from one producer gets its id ({@code operand_source}),
     * any other (parts, channel ranges, upsampled reads) its list of parts.
     */
    LayerBuilder sources(List<LayerDto.PartSource> w, List<LayerDto.PartSource> i) {
        Map<String, Long> ids = new LinkedHashMap<>();
        Map<String, List<LayerDto.PartSource>> operands = new LinkedHashMap<>();
        operands.put("W", w);
        operands.put("I", i);
        operands.forEach((operand, parts) -> {
            if (parts.size() == 1 && parts.get(0).whole() && parts.get(0).upsample().none()) {
                ids.put(operand, parts.get(0).layer() < 0 ? id : parts.get(0).layer());
            } else {
                concat.put(operand, Items.of(site, parts));
            }
        });
        this.source = entries(ids);
        return this;
    }

    private static LayerDto.PartSource whole(int layer) {
        return new LayerDto.PartSource(layer, null, null);
    }

    /** ONNX pads {top, left, bottom, right} as {@code padding: [[left, right], [top, bottom]]} over IX, IY. */
    LayerBuilder padding(long[] pads) {
        this.prLoopDims = Items.of(site, List.of("IX", "IY"));
        this.padding = Items.of(site, List.of(new long[] {pads[1], pads[3]}, new long[] {pads[0], pads[2]}));
        return this;
    }

    LayerDto build() {
        return new LayerDto(site, at((long) id), at(name), at(operatorType), at(equation), relations, loopDims, loopSizes,
                precision, source, concat, prLoopDims, Items.absent(), padding);
    }

    private <T> Located<T> at(T value) {
        return new Located<>(value, site);
    }

    private Entries entries(Map<String, Long> values) {
        Map<String, Located<Long>> located = new LinkedHashMap<>();
        values.forEach((k, v) -> located.put(k, at(v)));
        return new Entries(located, site);
    }
}
