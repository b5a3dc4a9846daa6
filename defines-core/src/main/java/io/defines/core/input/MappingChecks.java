package io.defines.core.input;

import io.defines.core.hardware.Accelerator;
import io.defines.core.hardware.MemoryOperand;
import io.defines.core.hardware.Memory;
import io.defines.core.hardware.ArrayDimension;
import io.defines.core.input.MappingReader.EntryDto;
import io.defines.core.input.MappingReader.UnrollDto;
import io.defines.core.input.Node.ListNode;
import io.defines.core.mapper.TemporalOrder;
import io.defines.core.mapping.Mapping;
import io.defines.core.mapping.MappingEntry;
import io.defines.core.workload.Layer;
import io.defines.core.workload.LayerInput;
import io.defines.core.workload.Operand;
import io.defines.core.workload.Workload;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The checks of a mapping against the files it belongs to: its array dimensions and unrolling against
 * the accelerator; its entries, operand links and unrolled dimensions against the workload's layers.
 * Part of {@link MappingReader}'s third step.
 */
final class MappingChecks {

    /**
     * How the workload's layers meet the mapping's entries: the entries used, unrollings clipped on
     * layers without the dimension, per entry the operands it leaves unlinked ("operand: suggested
     * link" → layer names), and the operands of all layers.
     */
    private record Matches(Set<MappingEntry> used, Map<UnrollDto, List<Layer>> clipped,
                           Map<MappingEntry, Map<String, List<String>>> missingLinks, Set<String> operandsOfAll) {
    }

    private final Problems problems;

    MappingChecks(Problems problems) {
        this.problems = problems;
    }

    /**
     * Each bypassed memory exists, holds the operand's memory operand and is not the outermost memory of
     * its chain (where every operand's data comes from and goes to).
     */
    private void bypassAgainst(EntryDto d, String what, Accelerator acc) {
        List<String> names = acc.memories().stream().map(Memory::name).toList();
        d.bypass().forEach((operand, memories) -> {
            Located<String> link = d.links().get(operand);
            MemoryOperand mo = link == null ? MappingReader.DEFAULT_LINKS.get(operand) : MemoryOperand.parse(link.value());
            for (Located<String> m : memories) {
                Memory memory = acc.memory(m.value()).orElse(null);
                if (memory == null) {
                    String close = MapReader.closest(m.value(), names);
                    problems.error(m.node(), what + ": bypass of " + operand + " names memory " + Diagnostic.quote(m.value()) + ", which accelerator "
                            + Diagnostic.quote(acc.name()) + " does not have", close != null ? "you meant " + Diagnostic.quote(close) + "?" : "one of " + names);
                } else if (mo != null) {
                    List<Memory> chain = acc.chain(mo);
                    if (!chain.contains(memory)) {
                        problems.error(m.node(), what + ": " + operand + " (" + mo + ") is not held by " + m.value() + ", so it cannot bypass it",
                                "its memories are " + chain.stream().map(Memory::name).toList());
                    } else if (chain.get(chain.size() - 1) == memory) {
                        problems.error(m.node(), what + ": " + operand + " cannot bypass " + m.value() + ", the outermost memory of its chain",
                                "bypass only memories between the array and " + m.value());
                    }
                }
            }
        });
    }

    void againstAccelerator(List<EntryDto> dtos, Accelerator acc) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (ArrayDimension ad : acc.array().dimensions()) {
            sizes.put(ad.name(), ad.size());
        }
        for (EntryDto d : dtos) {
            String what = "mapping entry '" + d.name().orElse("?") + "'";
            for (Map.Entry<String, List<UnrollDto>> e : d.spatial().entrySet()) {
                Integer size = sizes.get(e.getKey());
                if (size == null) {
                    String close = MapReader.closest(e.getKey(), sizes.keySet());
                    problems.error(d.spatialKeys().get(e.getKey()), what + ": spatial_mapping uses array dimension " + e.getKey()
                                    + ", but accelerator " + Diagnostic.quote(acc.name()) + " has only " + sizes.keySet(),
                            close != null ? "you meant " + close + "?" : "use the accelerator's dimensions " + sizes.keySet());
                    continue;
                }
                long product = 1;
                for (UnrollDto u : e.getValue()) {
                    product = AcceleratorReader.saturatedProduct(product, Math.max(1, u.factor().value()));
                }
                if (product > size) {
                    UnrollDto last = e.getValue().get(e.getValue().size() - 1);
                    problems.error(last.factor().node(), what + ": unrolls " + product + " on " + e.getKey()
                                    + ", but accelerator " + Diagnostic.quote(acc.name()) + " has only " + size + " units along " + e.getKey(),
                            "use factors whose product is at most " + size);
                }
            }
            bypassAgainst(d, what, acc);
            for (Map.Entry<String, Node> e : d.hintKeys().entrySet()) {
                if (!sizes.containsKey(e.getKey())) {
                    problems.error(e.getValue(), what + ": spatial_mapping_hint uses array dimension " + e.getKey() + ", but accelerator '"
                            + acc.name() + "' has only " + sizes.keySet(), "remove the hint for " + e.getKey());
                }
            }
        }
    }

    /** {@code failedEntries}: names of entries with errors of their own (their layers are not reported again). */
    void againstWorkload(Node root, Mapping mapping, Map<MappingEntry, EntryDto> dtoOf, Workload w, Set<String> failedEntries) {
        Set<String> workloadDims = new LinkedHashSet<>();
        for (Layer l : w.layers()) {
            workloadDims.addAll(l.loopSizes().keySet());
        }
        Matches matches = match(root, mapping, dtoOf, w, failedEntries, workloadDims);
        reportMissingLinks(root, matches, dtoOf);
        reportUnusedLinks(mapping, matches, dtoOf, w);
        for (Map.Entry<UnrollDto, List<Layer>> c : matches.clipped().entrySet()) {
            UnrollDto u = c.getKey();
            List<String> names = c.getValue().stream().map(Layer::name).toList();
            problems.warning(u.dim().node(), "this entry unrolls " + u.dim().value() + " by " + u.factor().value() + ", but "
                            + (names.size() == 1 ? "layer " : names.size() + " layers it applies to ") + shortList(names)
                            + (names.size() == 1 ? " has" : " have") + " no " + u.dim().value() + "; the unrolling is clipped to 1 there",
                    "give those layers their own entry (by name or operator type) to use the array along this dimension");
        }
        reportUnknownDimsAndUnmatchedEntries(mapping, matches, dtoOf, w, workloadDims);
        reportImpossibleTemporalOrderings(mapping, dtoOf, w);
    }

    /**
     * A temporal_ordering that cannot hold for a whole layer its entry applies to (a size that does not
     * divide what is left of the dimension after the spatial unrolling, loops left unplaced without
     * ["*", "*"], a dimension the layer lacks): one error per entry and reason, naming the layers.
     */
    private void reportImpossibleTemporalOrderings(Mapping mapping, Map<MappingEntry, EntryDto> dtoOf, Workload w) {
        Map<MappingEntry, Map<String, List<String>>> found = new LinkedHashMap<>();
        Map<String, Integer> at = new LinkedHashMap<>();
        for (Layer l : w.layers()) {
            MappingEntry e = mapping.entryFor(l).orElse(null);
            if (e == null || e.temporalOrdering().isEmpty() || dtoOf.get(e) == null) {
                continue;
            }
            Map<String, Long> temporal = new LinkedHashMap<>();
            l.loopSizes().forEach((d, size) -> temporal.put(d, (size + e.unrolling(d) - 1) / Math.max(1, e.unrolling(d))));
            var order = TemporalOrder.of(e.temporalOrdering(), temporal, l.loopSizes().keySet());
            String why = order.problem();
            if (why != null) {
                at.put(why, order.problemAt());
                found.computeIfAbsent(e, k -> new LinkedHashMap<>()).computeIfAbsent(why, k -> new ArrayList<>()).add(l.id() + " (" + l.name() + ")");
            }
        }
        found.forEach((e, reasons) -> reasons.forEach((why, layers) -> problems.error(itemOrList(dtoOf.get(e).temporalNode(), at.get(why)),
                "mapping entry '" + e.name() + "': temporal_ordering cannot hold for " + (layers.size() == 1 ? "layer " : "layers ")
                        + shortList(layers) + ": " + why,
                "use \"*\" sizes (all that is left, for every layer and tile), or give these layers an entry of their own")));
    }

    /** Item {@code index} of a list node (where a problem of that item is reported), else the node itself. */
    private static Node itemOrList(Node node, int index) {
        return node instanceof ListNode l && index >= 0 && index < l.items().size() ? l.items().get(index) : node;
    }

    /** Finds each layer's entry; reports layers that no entry applies to. */
    private Matches match(Node root, Mapping mapping, Map<MappingEntry, EntryDto> dtoOf, Workload w, Set<String> failedEntries,
                          Set<String> workloadDims) {
        Matches m = new Matches(new HashSet<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), new HashSet<>());
        for (Layer l : w.layers()) {
            var entry = mapping.entryFor(l);
            if (entry.isEmpty() && (failedEntries.contains(l.name()) || failedEntries.contains(l.operatorType())
                    || failedEntries.contains(Mapping.DEFAULT))) {
                continue; // the entry meant for this layer has errors of its own, reported above
            }
            if (entry.isEmpty()) {
                problems.error(root, "no mapping entry applies to layer " + l.id() + " (" + Diagnostic.quote(l.name()) + ", operator_type "
                        + l.operatorType() + ")", "add an entry named " + Diagnostic.quote(l.name()) + ", " + Diagnostic.quote(l.operatorType()) + " or 'default'");
                continue;
            }
            MappingEntry e = entry.get();
            m.used().add(e);
            for (Operand op : l.equation().operands()) {
                m.operandsOfAll().add(op.name());
                if (!e.memoryOperandLinks().containsKey(op.name())) {
                    m.missingLinks().computeIfAbsent(e, k -> new LinkedHashMap<>())
                            .computeIfAbsent(op.name() + ": " + suggestLink(l, op.name()), k -> new ArrayList<>()).add(l.name());
                }
            }
            EntryDto dto = dtoOf.get(e);
            if (dto != null) {
                for (List<UnrollDto> list : dto.spatial().values()) {
                    for (UnrollDto u : list) {
                        if (workloadDims.contains(u.dim().value()) && !l.loopSizes().containsKey(u.dim().value()) && u.factor().value() > 1) {
                            m.clipped().computeIfAbsent(u, k -> new ArrayList<>()).add(l);
                        }
                    }
                }
            }
        }
        return m;
    }

    private void reportMissingLinks(Node root, Matches matches, Map<MappingEntry, EntryDto> dtoOf) {
        for (Map.Entry<MappingEntry, Map<String, List<String>>> m : matches.missingLinks().entrySet()) {
            EntryDto dto = dtoOf.get(m.getKey());
            for (Map.Entry<String, List<String>> op : m.getValue().entrySet()) {
                String operand = op.getKey().substring(0, op.getKey().indexOf(':'));
                List<String> layers = op.getValue();
                problems.error(dto == null ? root : dto.node(), "mapping entry " + Diagnostic.quote(m.getKey().name()) + " links no memory operand to operand "
                                + operand + " of " + (layers.size() == 1 ? "layer " : layers.size() + " layers ") + shortList(layers),
                        "add " + Diagnostic.quote(op.getKey()) + " to its memory_operand_links");
            }
        }
    }

    private void reportUnusedLinks(Mapping mapping, Matches matches, Map<MappingEntry, EntryDto> dtoOf, Workload w) {
        for (MappingEntry e : mapping.entries()) {
            EntryDto dto = dtoOf.get(e);
            if (dto == null || !matches.used().contains(e)) {
                continue;
            }
            for (Map.Entry<String, Located<String>> link : dto.links().entrySet()) {
                if (!matches.operandsOfAll().contains(link.getKey())) {
                    problems.error(link.getValue().node(), "mapping entry " + Diagnostic.quote(e.name()) + " links operand " + link.getKey()
                                    + ", which is not an operand of any layer of workload " + Diagnostic.quote(w.name()) + " "
                                    + matches.operandsOfAll().stream().sorted().toList(),
                            "remove " + Diagnostic.quote(link.getKey()) + " from memory_operand_links, or check its spelling");
                }
            }
        }
    }

    /** The loop dimensions of the layer kinds the importers write; an unrolling of one of them is not a typo. */
    private static final Set<String> STANDARD_DIMS = Set.of("B", "K", "C", "G", "OX", "OY", "FX", "FY");

    private void reportUnknownDimsAndUnmatchedEntries(Mapping mapping, Matches matches, Map<MappingEntry, EntryDto> dtoOf, Workload w,
                                                      Set<String> workloadDims) {
        Set<String> layerNames = new HashSet<>();
        Set<String> types = new HashSet<>();
        for (Layer l : w.layers()) {
            layerNames.add(l.name());
            types.add(l.operatorType());
        }
        for (MappingEntry e : mapping.entries()) {
            EntryDto dto = dtoOf.get(e);
            if (dto == null) {
                continue;
            }
            for (List<UnrollDto> list : dto.spatial().values()) {
                for (UnrollDto u : list) {
                    if (workloadDims.contains(u.dim().value())) {
                        continue;
                    }
                    String close = MapReader.closest(u.dim().value(), workloadDims);
                    String hint = close != null ? "you meant " + close + "?" : "use one of " + workloadDims;
                    String message = "mapping entry " + Diagnostic.quote(e.name()) + " unrolls " + u.dim().value()
                            + ", which is not a loop dimension of any layer of workload " + Diagnostic.quote(w.name()) + " " + workloadDims;
                    if (matches.used().contains(e) && !STANDARD_DIMS.contains(u.dim().value())) {
                        problems.error(u.dim().node(), message, hint);
                    } else if (matches.used().contains(e)) {
                        // a dimension of other layer kinds (OX of a feature map on a 2-D element-wise layer): not a typo
                        problems.warning(u.dim().node(), message + "; the unrolling is clipped to 1 on the layers this entry applies to",
                                "give those layers their own entry (by name or operator type) to use the array along this dimension");
                    } else {
                        // an entry no layer uses cannot change a number (a shared by-operator-type mapping on a network without that type)
                        problems.warning(u.dim().node(), message + "; no layer uses this entry, so it is ignored", hint);
                    }
                }
            }
            for (List<Located<String>> dims : dto.hint().values()) {
                for (Located<String> d : dims) {
                    String dim = d.value() == null ? null : d.value().toUpperCase(Locale.ROOT);
                    if (dim == null || workloadDims.contains(dim) || STANDARD_DIMS.contains(dim)) {
                        continue;
                    }
                    String close = MapReader.closest(dim, workloadDims);
                    String message = "mapping entry " + Diagnostic.quote(e.name()) + ": spatial_mapping_hint names " + dim
                            + ", which is not a loop dimension of any layer of workload " + Diagnostic.quote(w.name()) + " " + workloadDims;
                    if (matches.used().contains(e) && e.spatialMapping().isEmpty()) {
                        problems.error(d.node(), message + " (the hint is searched for this entry's layers)",
                                close != null ? "you meant " + close + "?" : "use one of " + workloadDims);
                    } else {
                        problems.warning(d.node(), message + (e.spatialMapping().isEmpty() ? "; no layer uses this entry"
                                : "; the entry's explicit spatial_mapping is used, not the hint"), close != null ? "you meant " + close + "?" : "remove it");
                    }
                }
            }
            if (!matches.used().contains(e) && !layerNames.contains(e.name()) && !types.contains(e.name()) && !e.name().equals(Mapping.DEFAULT)) {
                problems.warning(dto.name().node(), "mapping entry " + Diagnostic.quote(e.name()) + " matches no layer name or operator type of workload '"
                        + w.name() + "'", "check the spelling against the layer names, or remove the entry");
            }
        }
    }

    private static String shortList(List<String> names) {
        if (names.size() <= 4) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, 3)) + ", … " + names.get(names.size() - 1);
    }

    private static String suggestLink(Layer l, String operand) {
        if (operand.equals(l.equation().output().name())) {
            return "O";
        }
        boolean activation = l.inputs().stream().map(LayerInput::operand).anyMatch(operand::equals);
        return activation ? "I1" : "I2";
    }
}
