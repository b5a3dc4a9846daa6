package io.defines.core.input;

import io.defines.core.compat.CompatFlags;
import io.defines.core.hardware.Accelerator;
import io.defines.core.hardware.Memory;
import io.defines.core.input.Node.ListNode;
import io.defines.core.schedule.OverlapPair;
import io.defines.core.schedule.SchedulePlan;
import io.defines.core.schedule.StackSettings;
import io.defines.core.schedule.TileSize;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Workload;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a schedule file (docs/schedules.md) for a workload: every problem located, all at once —
 * unknown keys, a tile or overlap that does not parse, a layer the workload does not have, a layer in
 * two stacks, a layer in none.
 */
public final class ScheduleReader {

    private final Problems problems;
    /** The accelerator whose memories {@code on_chip} names; null: the names are not checked here. */
    private final Accelerator accelerator;
    /** Each {@code on_chip} entry read: its layer, where it is written and the layers of its stack. */
    private final List<KeptEntry> kept = new ArrayList<>();

    private record KeptEntry(int layer, int keyLine, int keyColumn, String pointer, List<Integer> stackLayers) {
    }

    private ScheduleReader(Problems problems, Accelerator accelerator) {
        this.problems = problems;
        this.accelerator = accelerator;
    }

    public static Parsed<SchedulePlan> read(Path path, Workload workload) {
        return read(path, workload, null);
    }

    /** The schedule, with the memories its {@code on_chip} entries name checked against {@code accelerator}. */
    public static Parsed<SchedulePlan> read(Path path, Workload workload, Accelerator accelerator) {
        Problems problems = new Problems(path.toString());
        return new ScheduleReader(problems, accelerator).plan(YamlTreeReader.read(path, problems), workload);
    }

    public static Parsed<SchedulePlan> read(String fileName, Reader reader, Workload workload) {
        Problems problems = new Problems(fileName);
        return new ScheduleReader(problems, null).plan(YamlTreeReader.read(fileName, reader, problems), workload);
    }

    private Parsed<SchedulePlan> plan(Node root, Workload workload) {
        if (root == null) {
            return new Parsed<>(null, problems.diagnostics());
        }
        MapReader r = MapReader.of(root, problems, "a schedule", "write 'stacks:' with one '- layers: […]' entry per stack (docs/schedules.md)");
        if (r == null) {
            return new Parsed<>(null, problems.diagnostics());
        }
        Located<Long> lpf = r.integer("lpf_limit", false, "8");
        Located<String> compat = r.string("compat", false, "fixed");
        Located<String> mapperRead = r.string("mapper", false, "exact");
        ListNode stacks = r.list("stacks", true, "[{layers: [0, 1], tile: 60x72, overlap: fully-cached}]");
        r.finish();
        int lpfLimit = 8;
        if (lpf.present() && IntRange.LPF_LIMIT.check(lpf, problems, "lpf_limit", "the LOMA loop-prime-factor limit is from 1 to 64")) {
            lpfLimit = (int) (long) lpf.value();
        }
        CompatFlags flags = CompatFlags.FIXED;
        if (compat.present()) {
            try {
                flags = CompatFlags.parse(compat.value());
            } catch (IllegalArgumentException e) {
                problems.error(compat.node(), "compat " + Diagnostic.quote(compat.value()) + " is not a compatibility mode",
                        "write 'compat: fixed' (the default) or 'compat: defines2023'");
            }
        }
        String mapper = MapperChoice.of(mapperRead, problems);
        List<SchedulePlan.StackPlan> plans = new ArrayList<>();
        Map<Integer, Node> seen = new HashMap<>();
        if (stacks != null) {
            if (stacks.items().isEmpty()) {
                problems.error(stacks, "the schedule has no stacks", "list at least one stack with its layers");
            }
            for (Node item : stacks.items()) {
                SchedulePlan.StackPlan p = stack(item, workload, seen);
                if (p != null) {
                    plans.add(p);
                }
            }
            checkKept(workload);
            List<Integer> missing = workload.topologicalOrder().stream().map(Layer::id).filter(id -> !seen.containsKey(id)).toList();
            if (!missing.isEmpty() && !problems.hasErrors()) {
                problems.error(stacks, "layers " + missing + " of workload " + Diagnostic.quote(workload.name()) + " are in no stack",
                        "every layer is in exactly one stack; add them to the stack they belong to");
            }
        }
        return new Parsed<>(problems.hasErrors() ? null : new SchedulePlan(plans, lpfLimit, flags, mapper), problems.diagnostics());
    }

    private SchedulePlan.StackPlan stack(Node item, Workload workload, Map<Integer, Node> seen) {
        MapReader s = MapReader.of(item, problems, "a stack", "write each stack as '- layers: [0, 1]' with 'tile' and 'overlap'");
        if (s == null) {
            return null;
        }
        ListNode layers = s.list("layers", true, "[0, 1, 2]");
        Located<String> tile = s.string("tile", true, "60x72");
        Located<String> overlap = s.string("overlap", false, "fully-cached");
        Node.MapNode onChip = s.map("on_chip", false, "{3: sram_1MB_A}");
        s.finish();
        List<Integer> ids = new ArrayList<>();
        for (Located<Long> id : MapReader.longs(layers, problems, "a layer id", "write the layer ids of the stack, e.g. [0, 1, 2]")) {
            int v = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, id.value()));
            if (id.value() != v || workload.layer(v).isEmpty()) {
                problems.error(id.node(), "layer " + id.value() + " is not a layer of workload " + Diagnostic.quote(workload.name()),
                        "use the ids './defines describe workload' shows");
            } else if (seen.containsKey(v)) {
                problems.error(id.node(), "layer " + v + " is already in a stack (line " + seen.get(v).line() + ")", "every layer is in exactly one stack");
            } else {
                seen.put(v, id.node());
                ids.add(v);
            }
        }
        if (layers != null && layers.items().isEmpty()) {
            problems.error(layers, "a stack without layers", "list the layer ids of the stack");
        }
        TileSize t = null;
        if (tile.present()) {
            try {
                t = TileSize.parse(tile.value());
            } catch (IllegalArgumentException e) {
                problems.error(tile.node(), "tile " + e.getMessage(), "write the tile in the stack's last layer's OX × OY, e.g. 'tile: 60x72'");
            }
        }
        OverlapPair o = OverlapPair.parse("fully-cached");
        if (overlap.present()) {
            try {
                o = OverlapPair.parse(overlap.value());
            } catch (IllegalArgumentException e) {
                problems.error(overlap.node(), "overlap " + e.getMessage(),
                        "write fully-recompute, h-cached-v-recompute, fully-cached or h=<s>,v=<s> with <s> = recompute, cache or global");
            }
        }
        Map<Integer, String> kept = onChip(onChip, ids);
        return t == null || ids.isEmpty() ? null : new SchedulePlan.StackPlan(ids, new StackSettings(t, o.horizontal(), o.vertical()), kept);
    }

    /**
     * A stack's {@code on_chip} entries: outputs of its layers that later stacks find in an on-chip
     * memory (layer id → memory name). Whether the memory can keep the tensor is the engine's to say.
     */
    private Map<Integer, String> onChip(Node.MapNode map, List<Integer> stackLayers) {
        Map<Integer, String> out = new TreeMap<>();
        if (map == null) {
            return out;
        }
        for (Node.Entry e : map.entries().values()) {
            Long id = asInteger(e.key());
            String memory = MapReader.asString(e.value());
            if (id == null || !stackLayers.contains((int) (long) id)) {
                problems.error(e.keyLine(), e.keyColumn(), map.pointer() + "/" + e.key(), "on_chip names " + Diagnostic.quote(e.key())
                        + ", which is not a layer of this stack", "name the layers of this stack whose outputs later stacks read, e.g. "
                        + stackLayers.get(stackLayers.size() - 1) + ": <memory>");
            } else if (memory == null) {
                problems.error(e.value(), "the memory of layer " + id + " must be a memory name, found " + e.value().kindDescription(),
                        "write e.g. '" + id + ": sram_1MB_A'");
            } else if (accelerator != null && accelerator.memory(memory).isEmpty()) {
                List<String> names = accelerator.memories().stream().map(Memory::name).toList();
                String close = MapReader.closest(memory, names);
                problems.error(e.value(), "accelerator " + Diagnostic.quote(accelerator.name()) + " has no memory " + Diagnostic.quote(memory),
                        close != null ? Diagnostic.quote(close) + "?" : "one of " + names);
            } else {
                out.put((int) (long) id, memory);
                kept.add(new KeptEntry((int) (long) id, e.keyLine(), e.keyColumn(), map.pointer() + "/" + e.key(), stackLayers));
            }
        }
        return out;
    }

    /**
     * Each kept output must cross a stack boundary: some layer reads it, and some reader is in a later
     * stack (whether a memory can hold it is the engine's to say, with the accelerator's capacities).
     */
    private void checkKept(Workload workload) {
        for (KeptEntry k : kept) {
            List<Integer> readers = workload.consumers(k.layer()).stream().map(Layer::id).toList();
            if (readers.isEmpty()) {
                problems.error(k.keyLine(), k.keyColumn(), k.pointer(), "layer " + k.layer() + "'s output is a network output (no layer reads it)",
                        "a network output goes off chip; remove it from on_chip");
            } else if (k.stackLayers().containsAll(readers)) {
                problems.error(k.keyLine(), k.keyColumn(), k.pointer(), "layer " + k.layer() + "'s output is read only inside its own stack "
                        + "(by layers " + readers + ")", "only outputs that a later stack reads cross a boundary; remove it from on_chip");
            }
        }
    }

    private static Long asInteger(String text) {
        try {
            long v = Long.parseLong(text.trim());
            return v == (int) v ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
