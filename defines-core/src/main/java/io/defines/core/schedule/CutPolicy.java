package io.defines.core.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a schedule cuts the network into stacks. {@link Auto}: DeFiNES' rule (fuse until the weights
 * overflow the highest on-chip weight memory; docs/depth-first.md); {@link Fused}: one stack;
 * {@link LayerByLayer}: a cut after every layer; {@link After}: new stacks start after the given layer
 * ids (−1 = after the network input). {@link #parse} is the one parser of the textual forms used by the
 * command line, explorations and measurement files.
 */
public sealed interface CutPolicy {

    /** The text form: {@code auto}, {@code none}, {@code layer-by-layer}, or ids joined by {@code ;}. */
    String text();

    record Auto() implements CutPolicy {
        @Override
        public String text() {
            return "auto";
        }
    }

    record Fused() implements CutPolicy {
        @Override
        public String text() {
            return "none";
        }
    }

    record LayerByLayer() implements CutPolicy {
        @Override
        public String text() {
            return "layer-by-layer";
        }
    }

    record After(List<Integer> layerIds) implements CutPolicy {
        public After {
            layerIds = List.copyOf(layerIds);
        }

        @Override
        public String text() {
            return String.join(";", layerIds.stream().map(String::valueOf).toList());
        }
    }

    CutPolicy AUTO = new Auto();
    CutPolicy FUSED = new Fused();
    CutPolicy LAYER_BY_LAYER = new LayerByLayer();

    /** The policies with a name ({@code auto}, {@code none}, {@code layer-by-layer}); empty for any other text. */
    static Optional<CutPolicy> named(String text) {
        return switch (text == null ? "" : text) {
            case "auto", "none", "layer-by-layer" -> Optional.of(parse(text));
            default -> Optional.empty();
        };
    }

    /** The largest layer id a cut may name, 2³¹−1; the smallest is −1 (after the network input). */
    int MAX_ID = Integer.MAX_VALUE;

    /**
     * {@code auto}, {@code none}, {@code layer-by-layer}, or distinct layer ids (−1 to 2³¹−1) separated by
     * {@code ,} or {@code ;}; IllegalArgumentException naming the entry that is not an id or is repeated,
     * or saying that an empty text lists no ids.
     */
    /** One layer id of a cut list: an integer from −1 to {@link #MAX_ID}; IllegalArgumentException otherwise. */
    private static int id(String part) {
        if (!part.matches("[+-]?\\d+")) {
            throw new IllegalArgumentException("cuts entry '" + part + "' is not a layer id");
        }
        long id;
        try {
            id = Long.parseLong(part);
        } catch (NumberFormatException e) {
            id = Long.MAX_VALUE;
        }
        if (id < -1 || id > MAX_ID) {
            throw new IllegalArgumentException("cuts entry " + part + " is not a layer id: ids are from -1 (the network input) to "
                    + MAX_ID + " (2^31-1)");
        }
        return (int) id;
    }

    static CutPolicy parse(String text) {
        String t = text.trim();
        switch (t) {
            case "auto":
                return AUTO;
            case "none":
                return FUSED;
            case "layer-by-layer":
                return LAYER_BY_LAYER;
            default:
                if (t.isEmpty()) {
                    throw new IllegalArgumentException("cuts lists no layer ids");
                }
                List<Integer> ids = new ArrayList<>();
                for (String part : t.split("[,;]", -1)) {
                    int id = id(part.trim());
                    if (ids.contains(id)) {
                        throw new IllegalArgumentException("cuts lists layer " + id + " twice");
                    }
                    ids.add(id);
                }
                return new After(ids);
        }
    }
}
