package io.defines.core.input;

import io.defines.core.input.LayerDto.Items;
import io.defines.core.input.Node.ListNode;
import io.defines.core.input.Node.MapNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The list-valued entries of a layer's {@code operand_source}: concatenations, each part a layer id
 * (all its channels) or {@code {layer: <id>, channels: [from, to]}} (docs/input-formats.md).
 */
final class ConcatSourceReader {

    private final Problems problems;

    ConcatSourceReader(Problems problems) {
        this.problems = problems;
    }

    /**
     * The operand sources written as lists: concatenations, each item a layer id (all its channels) or
     * {@code {layer: <id>, channels: [from, to]}} (its channels from … to − 1).
     */
    Map<String, Items<LayerDto.PartSource>> read(MapNode source, String what) {
        Map<String, Items<LayerDto.PartSource>> out = new LinkedHashMap<>();
        if (source == null) {
            return out;
        }
        for (Node.Entry e : source.entries().values()) {
            if (e.value() instanceof ListNode list) {
                List<Located<LayerDto.PartSource>> parts = new ArrayList<>();
                for (Node item : list.items()) {
                    LayerDto.PartSource part = partSource(item, what + ": a part of the concatenation " + e.key());
                    if (part != null) {
                        parts.add(new Located<>(part, item));
                    }
                }
                out.put(e.key(), new Items<>(parts, list, list.items().size()));
            }
        }
        return out;
    }

    private LayerDto.PartSource partSource(Node item, String what) {
        Long id = MapReader.asLong(item);
        if (id != null) {
            return new LayerDto.PartSource(id, null, null);
        }
        String hint = "write a layer id (all its channels) or {layer: <id>, channels: [from, to], upsample: <s>, mode: nearest|linear}"
                + " (channels from … to − 1, the map upsampled s times; all but layer optional)";
        if (item instanceof MapNode m && m.entries().containsKey("layer") && m.entries().keySet().stream()
                .allMatch(k -> k.equals("layer") || k.equals("channels") || k.equals("upsample") || k.equals("mode"))) {
            Long layer = MapReader.asLong(m.entries().get("layer").value());
            Long from = null;
            Long to = null;
            Node.Entry range = m.entries().get("channels");
            if (range != null) {
                if (!(range.value() instanceof ListNode pair && pair.items().size() == 2 && MapReader.asLong(pair.items().get(0)) != null
                        && MapReader.asLong(pair.items().get(1)) != null)) {
                    problems.error(range.value(), what + ": channels must be a pair [from, to], found " + range.value().kindDescription(), hint);
                    return null;
                }
                from = MapReader.asLong(pair.items().get(0));
                to = MapReader.asLong(pair.items().get(1));
                if (from < 0 || to <= from) {
                    problems.error(range.value(), what + ": channels [" + from + ", " + to + "] is not a range 0 ≤ from < to", hint);
                    return null;
                }
            }
            Node.Entry up = m.entries().get("upsample");
            Long upsample = up == null ? Long.valueOf(1) : MapReader.asLong(up.value());
            if (upsample == null || upsample < 1 || upsample > 64) {
                problems.error(up.value(), what + ": upsample must be a whole number from 1 to 64, found "
                        + (upsample == null ? up.value().kindDescription() : upsample), hint);
                return null;
            }
            Node.Entry mode = m.entries().get("mode");
            String modeText = mode == null ? "nearest" : mode.value() instanceof Node.ScalarNode sc ? sc.text() : null;
            if (modeText == null || !modeText.equals("nearest") && !modeText.equals("linear")) {
                problems.error(mode.value(), what + ": mode must be nearest or linear, found " + Diagnostic.quote(modeText == null
                        ? mode.value().kindDescription() : modeText), hint);
                return null;
            }
            if (layer != null) {
                return new LayerDto.PartSource(layer, from, to, new io.defines.core.workload.Upsampling(upsample, modeText.equals("linear")));
            }
        }
        problems.error(item, what + " must be a layer id or {layer: <id>, channels: [from, to], upsample: <s>}, found " + item.kindDescription(), hint);
        return null;
    }

    /** {@code source} without its list-valued entries (read by {@link #read}). */
    static MapNode withoutLists(MapNode source) {
        if (source == null) {
            return null;
        }
        Map<String, Node.Entry> kept = new LinkedHashMap<>(source.entries());
        kept.values().removeIf(e -> e.value() instanceof ListNode);
        return new MapNode(source.pointer(), source.line(), source.column(), kept);
    }
}
