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

    /**
     * {@code auto}, {@code none}, {@code layer-by-layer}, or layer ids separated by {@code ,} or {@code ;}
     * (an empty text is {@code none}); IllegalArgumentException naming the entry that is not an id.
     */
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
                List<Integer> ids = new ArrayList<>();
                for (String part : t.split("[,;]")) {
                    try {
                        ids.add(Integer.parseInt(part.trim()));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("cuts entry '" + part.trim() + "' is not a layer id");
                    }
                }
                return new After(ids);
        }
    }
}
