package io.defines.core.input;

import io.defines.core.hardware.Accelerator;
import io.defines.core.hardware.MemoryOperand;
import io.defines.core.input.Node.ListNode;
import io.defines.core.input.Node.MapNode;
import io.defines.core.input.Node.ScalarNode;
import io.defines.core.mapping.Mapping;
import io.defines.core.mapping.MappingEntry;
import io.defines.core.mapping.SpatialUnroll;
import io.defines.core.mapping.TemporalLoop;
import io.defines.core.workload.Workload;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a ZigZag mapping YAML (a list of entries with {@code name}, {@code spatial_mapping},
 * {@code memory_operand_links}, …). Given the workload and/or accelerator it belongs to, it also
 * checks the entries against them: array dimensions and sizes, layer dimensions, operand links.
 */
public final class MappingReader {

    private static final Pattern UNROLL = Pattern.compile("^\\s*([A-Za-z]\\w*)\\s*,\\s*(-?\\d+)\\s*$");

    record UnrollDto(Located<String> dim, Located<Long> factor) {
    }

    record EntryDto(Node node, Located<String> name, Map<String, List<UnrollDto>> spatial, Map<String, Node> spatialKeys,
                    Map<String, List<Located<String>>> hint, Map<String, Node> hintKeys, List<TemporalLoop> temporal, Node temporalNode,
                    Map<String, Located<String>> links, boolean linksGiven, Map<String, List<Located<String>>> bypass,
                    Map<String, Node> bypassKeys) {
    }

    /** The operand links of an entry that gives none: O → O, W → I2, I → I1 (in this order). */
    static final Map<String, MemoryOperand> DEFAULT_LINKS = defaultLinks();

    private final Problems problems;

    private static Map<String, MemoryOperand> defaultLinks() {
        Map<String, MemoryOperand> links = new LinkedHashMap<>();
        links.put("O", MemoryOperand.O);
        links.put("W", MemoryOperand.I2);
        links.put("I", MemoryOperand.I1);
        return java.util.Collections.unmodifiableMap(links);
    }

    private MappingReader(Problems problems) {
        this.problems = problems;
    }

    /** Reads a mapping; {@code workload} and {@code accelerator} may be null (then those checks are skipped). */
    public static Parsed<Mapping> read(Path path, Workload workload, Accelerator accelerator) {
        Problems problems = new Problems(path.toString());
        return fromTree(YamlTreeReader.read(path, problems), problems, WorkloadReader.stem(path), workload, accelerator);
    }

    public static Parsed<Mapping> read(String fileName, Reader reader, Workload workload, Accelerator accelerator) {
        Problems problems = new Problems(fileName);
        return fromTree(YamlTreeReader.read(fileName, reader, problems), problems, WorkloadReader.stem(Path.of(fileName)), workload, accelerator);
    }

    public static Parsed<Mapping> fromTree(Node root, Problems problems, String name, Workload workload, Accelerator accelerator) {
        if (root == null) {
            return new Parsed<>(null, problems.diagnostics());
        }
        MappingReader r = new MappingReader(problems);
        List<EntryDto> dtos = r.toDtos(root);
        Mapping m = dtos == null ? null : r.validate(root, dtos, name, workload, accelerator);
        return new Parsed<>(problems.hasErrors() ? null : m, problems.diagnostics());
    }

    private List<EntryDto> toDtos(Node root) {
        if (!(root instanceof ListNode list)) {
            problems.error(root, "a mapping file must be a list of entries ('- name: default' …), found " + root.kindDescription(),
                    "start each entry with '- name: default' (or a layer name or operator type)");
            return null;
        }
        List<EntryDto> out = new ArrayList<>();
        for (Node item : list.items()) {
            MapReader r = MapReader.of(item, problems, "a mapping entry", "write each entry as a mapping starting with '- name: …'");
            if (r != null) {
                out.add(readEntry(r));
            }
        }
        if (out.isEmpty() && list.items().isEmpty()) {
            problems.error(root, "the mapping has no entries", "add at least a 'default' entry");
        }
        return out;
    }

    private EntryDto readEntry(MapReader r) {
        Located<String> name = r.string("name", true, "default");
        String what = "mapping entry '" + name.orElse("?") + "'";
        MapNode spatial = r.map("spatial_mapping", false, "{D1: [\"K, 32\"], D2: [\"C, 32\"]}");
        MapNode hint = r.map("spatial_mapping_hint", false, "{D1: [K], D2: [C]}");
        ListNode temporal = r.list("temporal_ordering", false, "[[OX, 112], [K, \"*\"]]");
        MapNode links = r.map("memory_operand_links", false, "{O: O, W: I2, I: I1}");
        MapNode bypass = r.map("bypass", false, "{W: [sram_32KB]}");
        r.accept("core_allocation");
        r.raw("core_allocation");
        r.finish();
        return new EntryDto(r.node(), name, unrolls(spatial, what), keyNodes(spatial), hints(hint, what), keyNodes(hint),
                temporalLoops(temporal, what), temporal, links(links, what), links != null, memoryLists(bypass, what), keyNodes(bypass));
    }

    /** Each key of a mapping → its value's node; empty when the mapping is absent. */
    private static Map<String, Node> keyNodes(MapNode map) {
        Map<String, Node> out = new LinkedHashMap<>();
        if (map != null) {
            map.entries().values().forEach(e -> out.put(e.key(), e.value()));
        }
        return out;
    }

    /** {@code spatial_mapping}: array dimension → its '<layer dim>, <factor>' unrollings. */
    private Map<String, List<UnrollDto>> unrolls(MapNode spatial, String what) {
        Map<String, List<UnrollDto>> unrolls = new LinkedHashMap<>();
        if (spatial == null) {
            return unrolls;
        }
        for (Node.Entry e : spatial.entries().values()) {
            List<UnrollDto> list = new ArrayList<>();
            if (e.value() instanceof ListNode l) {
                for (Node item : l.items()) {
                    String s = MapReader.asString(item);
                    Matcher m = s == null ? null : UNROLL.matcher(s);
                    if (m == null || !m.matches()) {
                        problems.error(item, what + ": spatial unrolling on " + e.key() + " must be '<layer dim>, <factor>', found "
                                + item.kindDescription(), "write e.g. '- K, 32' (a string with a comma)");
                        continue;
                    }
                    list.add(new UnrollDto(new Located<>(m.group(1).toUpperCase(Locale.ROOT), item),
                            new Located<>(saturated(m.group(2)), item)));
                }
            } else if (!(e.value() instanceof ScalarNode sn && sn.isNull())) {
                problems.error(e.value(), what + ": spatial_mapping of " + e.key() + " must be a list of '<layer dim>, <factor>' strings, found "
                        + e.value().kindDescription(), "write e.g. '" + e.key() + ": [\"K, 32\"]'");
            }
            unrolls.put(e.key(), list);
        }
        return unrolls;
    }

    /** The value of {@code -?\\d+}; {@link Long#MAX_VALUE} or {@link Long#MIN_VALUE} when it does not fit a long (then out of every range). */
    private static long saturated(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return digits.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** {@code spatial_mapping_hint}: array dimension → layer dims. */
    private Map<String, List<Located<String>>> hints(MapNode hint, String what) {
        return stringLists(hint, what, "spatial_mapping_hint", "a spatial mapping hint", "layer dims", "[K]");
    }

    /** {@code bypass}: layer operand → the memories it does not keep data in. */
    private Map<String, List<Located<String>>> memoryLists(MapNode bypass, String what) {
        return stringLists(bypass, what, "bypass", "a bypassed memory", "memory names", "[sram_32KB]");
    }

    /** A map of {@code key} whose values are lists of strings ({@code items}, e.g. {@code example}); others are errors. */
    private Map<String, List<Located<String>>> stringLists(MapNode map, String what, String key, String item, String items, String example) {
        Map<String, List<Located<String>>> out = new LinkedHashMap<>();
        if (map == null) {
            return out;
        }
        for (Node.Entry e : map.entries().values()) {
            if (e.value() instanceof ListNode l) {
                out.put(e.key(), MapReader.strings(l, problems, what + ": " + item));
            } else {
                problems.error(e.value(), what + ": " + key + " of " + e.key() + " must be a list of " + items,
                        "write e.g. '" + e.key() + ": " + example + "'");
            }
        }
        return out;
    }

    /** {@code temporal_ordering}: [layer dim, size or "*"] items, innermost first. */
    private List<TemporalLoop> temporalLoops(ListNode temporal, String what) {
        List<TemporalLoop> loops = new ArrayList<>();
        if (temporal == null) {
            return loops;
        }
        for (Node item : temporal.items()) {
            if (item instanceof ListNode pair && pair.items().size() == 2 && MapReader.asString(pair.items().get(0)) != null) {
                String dim = MapReader.asString(pair.items().get(0)).toUpperCase(Locale.ROOT);
                Node sizeNode = pair.items().get(1);
                Long size = MapReader.asLong(sizeNode);
                if (dim.equals("*") && !"*".equals(MapReader.asString(sizeNode))) {
                    problems.error(sizeNode, what + ": [\"*\", size] is not a loop: \"*\" as the dimension stands for every loop not listed,"
                            + " so its size must be \"*\" too", "write [\"*\", \"*\"], or name the dimension");
                    continue;
                }
                if (size != null) {
                    if (IntRange.LOOP_SIZE.check(new Located<>(size, sizeNode), problems, what + ": the size of temporal loop " + dim,
                            "write e.g. '- [OX, 112]' or '- [K, \"*\"]'")) {
                        loops.add(new TemporalLoop(dim, size));
                    }
                    continue;
                }
                if ("*".equals(MapReader.asString(sizeNode))) {
                    if (dim.equals("*") && loops.stream().anyMatch(l -> l.layerDim().equals("*"))) {
                        problems.error(item, what + ": temporal_ordering has a second [\"*\", \"*\"]; one marks where the search places the"
                                + " loops not listed", "keep one [\"*\", \"*\"]");
                        continue;
                    }
                    loops.add(new TemporalLoop(dim, null));
                    continue;
                }
            }
            problems.error(item, what + ": each temporal_ordering item must be [<layer dim>, <size or \"*\">], found "
                    + item.kindDescription(), "write e.g. '- [OX, 112]' or '- [K, \"*\"]'");
        }
        return loops;
    }

    /** {@code memory_operand_links}: layer operand → memory operand name. */
    private Map<String, Located<String>> links(MapNode links, String what) {
        Map<String, Located<String>> linkMap = new LinkedHashMap<>();
        if (links == null) {
            return linkMap;
        }
        for (Node.Entry e : links.entries().values()) {
            String v = MapReader.asString(e.value());
            if (v == null) {
                problems.error(e.value(), what + ": memory_operand_links of " + e.key() + " must be I1, I2 or O", "write '" + e.key() + ": I1'");
            } else {
                linkMap.put(e.key(), new Located<>(v, e.value()));
            }
        }
        return linkMap;
    }

    private Mapping validate(Node root, List<EntryDto> dtos, String mappingName, Workload workload, Accelerator accelerator) {
        List<MappingEntry> entries = new ArrayList<>();
        Set<String> failed = new HashSet<>();
        Map<String, EntryDto> byName = new LinkedHashMap<>();
        Map<MappingEntry, EntryDto> dtoOf = new HashMap<>();
        for (EntryDto d : dtos) {
            if (!d.name().present()) {
                continue;
            }
            EntryDto prev = byName.putIfAbsent(d.name().value(), d);
            if (prev != null) {
                problems.error(d.name().node(), "mapping entry name " + Diagnostic.quote(d.name().value()) + " is used twice (first at line "
                        + prev.name().node().line() + ")", "keep one entry per name; merge them");
                continue;
            }
            MappingEntry e = validateEntry(d);
            if (e != null) {
                entries.add(e);
                dtoOf.put(e, d);
            } else {
                failed.add(d.name().value());
            }
        }
        if (!byName.containsKey(Mapping.DEFAULT) && workload == null && !dtos.isEmpty()) {
            problems.warning(root, "the mapping has no 'default' entry; layers matching no entry by name or operator type cannot be mapped",
                    "add an entry '- name: default'");
        }
        Mapping mapping = new Mapping(mappingName, entries);
        MappingChecks checks = new MappingChecks(problems);
        if (accelerator != null) {
            checks.againstAccelerator(dtos, accelerator);
        }
        if (workload != null) {
            checks.againstWorkload(root, mapping, dtoOf, workload, failed);
        }
        return problems.hasErrors() ? null : mapping;
    }

    private MappingEntry validateEntry(EntryDto d) {
        String what = "mapping entry " + Diagnostic.quote(d.name().value());
        int before = problems.errorCount();
        Map<String, List<SpatialUnroll>> spatial = new LinkedHashMap<>();
        for (Map.Entry<String, List<UnrollDto>> e : d.spatial().entrySet()) {
            List<SpatialUnroll> list = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (UnrollDto u : e.getValue()) {
                if (!IntRange.UNROLL.contains(u.factor().value())) {
                    problems.error(u.factor().node(), what + ": unroll factor of " + u.dim().value() + " on " + e.getKey()
                            + " must be " + IntRange.UNROLL.text() + ", found " + u.factor().value(),
                            "use 1 to leave the dimension un-unrolled, or remove the line");
                    continue;
                }
                if (!seen.add(u.dim().value())) {
                    problems.error(u.dim().node(), what + ": " + u.dim().value() + " is unrolled twice on " + e.getKey(),
                            "give one factor per layer dimension and array dimension");
                    continue;
                }
                list.add(new SpatialUnroll(u.dim().value(), (int) (long) u.factor().value()));
            }
            spatial.put(e.getKey(), list);
        }
        Map<String, List<String>> hint = new LinkedHashMap<>();
        d.hint().forEach((k, v) -> hint.put(k, v.stream().map(s -> s.value().toUpperCase(Locale.ROOT)).toList()));
        Map<String, MemoryOperand> links = new LinkedHashMap<>();
        if (!d.linksGiven()) {
            links.putAll(DEFAULT_LINKS);
        }
        for (Map.Entry<String, Located<String>> e : d.links().entrySet()) {
            MemoryOperand mo = MemoryOperand.parse(e.getValue().value());
            if (mo == null) {
                String close = MapReader.closest(e.getValue().value(), List.of("I1", "I2", "O"));
                problems.error(e.getValue().node(), what + ": operand " + e.getKey() + " is linked to '" + e.getValue().value()
                        + "', which is not a memory operand", close != null ? "you meant " + Diagnostic.quote(close) + "?" : "memory operands are I1, I2 and O");
            } else {
                links.put(e.getKey(), mo);
            }
        }
        Map<String, List<String>> bypass = new LinkedHashMap<>();
        d.bypass().forEach((operand, memories) -> {
            if (!links.containsKey(operand)) {
                String close = MapReader.closest(operand, links.keySet());
                problems.error(d.bypassKeys().get(operand), what + ": bypass names operand " + operand + ", which memory_operand_links does not link",
                        close != null ? "you meant " + Diagnostic.quote(close) + "?" : "the operands are " + links.keySet());
            } else {
                bypass.put(operand, memories.stream().map(Located::value).toList());
            }
        });
        if (problems.errorCount() > before) {
            return null;
        }
        return new MappingEntry(d.name().value(), spatial, hint, d.temporal(), links, bypass);
    }
}
