package io.defines.core.input;

import io.defines.core.hardware.Accelerator;
import io.defines.core.hardware.ArrayDimension;
import io.defines.core.hardware.Memory;
import io.defines.core.hardware.MemoryOperand;
import io.defines.core.hardware.OffChipTransfers;
import io.defines.core.hardware.OperationalArray;
import io.defines.core.input.Node.Entry;
import io.defines.core.input.Node.ListNode;
import io.defines.core.input.Node.MapNode;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a ZigZag (≥ 3.8.2 port format) accelerator YAML in three steps: a located tree, typed DTOs
 * with every type problem collected, then semantic checks across fields; only a file without
 * errors yields an {@link Accelerator}.
 */
public final class AcceleratorReader {

    // ---- DTOs: what the file says, typed but not yet checked ----

    record ArrayDto(List<Located<String>> dimensions, List<Located<Long>> sizes, Node sizesNode, Node dimsNode,
                    Located<Double> unitEnergy, Located<Double> unitArea, Located<Boolean> imc, Located<Long> controlOverhead, Node node) {
    }

    record PortDto(Located<String> name, Located<String> type, Located<Long> bandwidthMin,
                   Located<Long> bandwidthMax, List<Located<String>> allocation, Node node) {
    }

    record MemoryDto(String name, Node keyNode, Located<Long> size, Located<Double> rCost, Located<Double> wCost,
                     Located<Double> area, Located<Long> latency, Located<Boolean> autoCost,
                     List<Located<String>> operands, Node operandsNode, List<PortDto> ports, Node portsNode,
                     List<Located<String>> servedDimensions, Located<Boolean> forceDoubleBuffering, TransfersDto transfers) {
    }

    /** The off-chip memory's {@code transfers:} block (null when absent). */
    record TransfersDto(Node node, Located<String> link, Located<Boolean> prefetch, Located<String> drain) {
    }

    record AcceleratorDto(Located<String> name, ArrayDto array, List<MemoryDto> memories, Node memoriesNode, Node root) {
    }

    private final Problems problems;

    private AcceleratorReader(Problems problems) {
        this.problems = problems;
    }

    public static Parsed<Accelerator> read(Path path) {
        Problems problems = new Problems(path.toString());
        Node root = YamlTreeReader.read(path, problems);
        return finish(root, problems);
    }

    public static Parsed<Accelerator> read(String fileName, Reader reader) {
        Problems problems = new Problems(fileName);
        Node root = YamlTreeReader.read(fileName, reader, problems);
        return finish(root, problems);
    }

    /** Builds from an already-read tree (used when the file kind was sniffed first). */
    public static Parsed<Accelerator> fromTree(Node root, Problems problems) {
        return finish(root, problems);
    }

    private static Parsed<Accelerator> finish(Node root, Problems problems) {
        if (root == null) {
            return new Parsed<>(null, problems.diagnostics());
        }
        AcceleratorReader r = new AcceleratorReader(problems);
        AcceleratorDto dto = r.toDto(root);
        Accelerator acc = dto == null ? null : r.validate(dto);
        return new Parsed<>(problems.hasErrors() ? null : acc, problems.diagnostics());
    }

    // ---- step 2: tree -> DTO ----

    private AcceleratorDto toDto(Node root) {
        MapReader top = MapReader.of(root, problems, "an accelerator file",
                "start the file with 'name:', 'memories:' and 'operational_array:' (see docs/input-formats.md)");
        if (top == null) {
            return null;
        }
        Located<String> name = top.string("name", true, "<accelerator name>");
        MapNode arrayNode = top.map("operational_array", true, "{dimensions: [D1, D2], sizes: [32, 32], unit_energy: 0.04}");
        MapNode memNode = top.map("memories", true, "one entry per memory, innermost first");
        top.accept("dataflows");
        top.raw("dataflows");
        top.finish();

        ArrayDto array = arrayNode == null ? null : readArray(arrayNode);
        List<MemoryDto> memories = new ArrayList<>();
        if (memNode != null) {
            if (memNode.entries().isEmpty()) {
                problems.error(memNode, "'memories' is empty", "list the memories from the innermost (registers) to the outermost (dram)");
            }
            for (Entry e : memNode.entries().values()) {
                MemoryDto m = readMemory(e);
                if (m != null) {
                    memories.add(m);
                }
            }
        }
        return new AcceleratorDto(name, array, memories, memNode == null ? root : memNode, root);
    }

    private ArrayDto readArray(MapNode node) {
        MapReader r = new MapReader(node, problems, "operational_array");
        ListNode dims = r.list("dimensions", true, "[D1, D2, ...]");
        ListNode sizes = r.list("sizes", true, "[32, 32, ...]");
        Located<Boolean> imc = r.bool("is_imc", false, "true");
        boolean isImc = Boolean.TRUE.equals(imc.value());
        Located<Double> unitEnergy = r.number("unit_energy", !isImc, "<pJ per MAC, e.g. 0.04>");
        Located<Double> unitArea = r.number("unit_area", false, "<area per MAC unit>");
        Located<Long> overhead = r.integer("control_overhead_cycles", false, "<cycles per layer and tile, e.g. 200>");
        ListNode inputPrecision = r.list("input_precision", false, "[8, 8]");
        if (inputPrecision != null) {
            if (inputPrecision.items().size() != 2 || inputPrecision.items().stream().anyMatch(n -> MapReader.asLong(n) == null)) {
                problems.error(inputPrecision, "'input_precision' must be two integers (activation bits, weight bits)", "write 'input_precision: [8, 8]'");
            } else {
                inputPrecision.items().forEach(n -> IntRange.PRECISION.check(new Located<>(MapReader.asLong(n), n), problems,
                        "an input precision", "write 'input_precision: [8, 8]'"));
            }
        }
        r.accept("imc_type", "bit_serial_precision", "adc_resolution");
        r.finish();
        List<Located<Long>> sizeValues = MapReader.longs(sizes, problems, "array size", "write e.g. 'sizes: [32, 32]'");
        return new ArrayDto(MapReader.strings(dims, problems, "an array dimension"), sizeValues, sizes, dims,
                unitEnergy, unitArea, imc, overhead, node);
    }

    private MemoryDto readMemory(Entry e) {
        String what = "memory " + Diagnostic.quote(e.key());
        MapReader r = MapReader.of(e.value(), problems, what,
                "give the memory's size, r_cost, w_cost, area, latency, operands, ports and served_dimensions");
        if (r == null) {
            return null;
        }
        Located<Boolean> auto = r.bool("auto_cost_extraction", false, "false");
        boolean costsRequired = !Boolean.TRUE.equals(auto.value());
        Located<Long> size = r.integer("size", true, "<capacity in bits>");
        Located<Double> rCost = r.number("r_cost", costsRequired, "<pJ per read of one full-width word>");
        Located<Double> wCost = r.number("w_cost", costsRequired, "<pJ per write of one full-width word>");
        Located<Double> area = r.number("area", costsRequired, "0");
        Located<Long> latency = r.integer("latency", true, "1");
        r.string("mem_type", false, "sram");
        ListNode operands = r.list("operands", true, "[I1, O]");
        ListNode ports = r.list("ports", true, "a list of ports with name, type, bandwidth_min, bandwidth_max, allocation");
        ListNode served = r.list("served_dimensions", true, "[D1, D2]");
        Located<Boolean> fdb = r.bool("force_double_buffering", false, "true");
        MapNode transfersNode = r.map("transfers", false, "{link: shared, prefetch: false, drain: stall}");
        r.finish();
        TransfersDto transfers = null;
        if (transfersNode != null) {
            MapReader t = new MapReader(transfersNode, problems, "the transfers of " + what);
            transfers = new TransfersDto(transfersNode, t.string("link", false, "separate | shared"), t.bool("prefetch", false, "false"),
                    t.string("drain", false, "background | stall"));
            t.finish();
        }
        if (Boolean.TRUE.equals(auto.value())) {
            problems.error(auto.node(), what + " asks for auto_cost_extraction, which needs CACTI; defines does not run CACTI",
                    "set 'auto_cost_extraction: false' and give r_cost, w_cost and area explicitly");
        }
        List<PortDto> portDtos = new ArrayList<>();
        if (ports != null) {
            for (Node p : ports.items()) {
                PortDto dto = readPort(p, what);
                if (dto != null) {
                    portDtos.add(dto);
                }
            }
        }
        return new MemoryDto(e.key(), e.value(), size, rCost, wCost, area, latency, auto,
                MapReader.strings(operands, problems, "a memory operand"), operands == null ? e.value() : operands,
                portDtos, ports == null ? e.value() : ports,
                MapReader.strings(served, problems, "a served dimension"), fdb, transfers);
    }

    private PortDto readPort(Node node, String memoryWhat) {
        MapReader r = MapReader.of(node, problems, "a port of " + memoryWhat,
                "write each port as '- name: r_port_1' with type, bandwidth_min, bandwidth_max and allocation");
        if (r == null) {
            return null;
        }
        Located<String> name = r.string("name", true, "r_port_1");
        Located<String> type = r.string("type", true, "read | write | read_write");
        Located<Long> bwMin = r.integer("bandwidth_min", true, "<bits per cycle>");
        Located<Long> bwMax = r.integer("bandwidth_max", true, "<bits per cycle>");
        ListNode alloc = r.list("allocation", true, "[\"I1, tl\"]");
        r.finish();
        return new PortDto(name, type, bwMin, bwMax, MapReader.strings(alloc, problems, "an allocation"), node);
    }

    // ---- step 3: DTO -> checked domain object ----

    private Accelerator validate(AcceleratorDto dto) {
        OperationalArray array = dto.array() == null ? null : validateArray(dto.array());
        Set<String> arrayDims = new HashSet<>();
        if (dto.array() != null) {
            dto.array().dimensions().forEach(d -> arrayDims.add(d.value()));
        }
        Map<MemoryOperand, MemoryDto> topOf = new EnumMap<>(MemoryOperand.class);
        for (MemoryDto m : dto.memories()) {
            for (Located<String> op : m.operands()) {
                MemoryOperand mo = MemoryOperand.parse(op.value());
                if (mo != null) {
                    topOf.put(mo, m);
                }
            }
        }
        MemoryChecks memoryChecks = new MemoryChecks(problems);
        List<Memory> memories = new ArrayList<>();
        int index = 0;
        for (MemoryDto m : dto.memories()) {
            Memory mem = memoryChecks.check(m, index++, arrayDims, dto.array() != null, topOf);
            if (mem != null) {
                memories.add(mem);
            }
        }
        for (MemoryOperand op : MemoryOperand.values()) {
            if (!topOf.containsKey(op) && !dto.memories().isEmpty()) {
                problems.error(dto.memoriesNode(), "memory operand " + op + " has no chain: no memory lists it in 'operands'"
                                + " (" + describe(op) + " would have nowhere to live)",
                        "add " + op + " to the operands of the outermost memory (usually dram) and allocate its ports");
            }
        }
        if (array != null && array.inMemoryComputing()) {
            problems.warning(dto.array().imc().node(), "is_imc: in-memory-computing arrays are read, but defines models digital MAC arrays only;"
                    + " evaluating a schedule on this accelerator is refused", "set is_imc: false and give unit_energy to model it as a digital array");
        }
        OffChipTransfers transfers = offChipTransfers(dto, topOf.get(MemoryOperand.O));
        if (problems.hasErrors() || array == null || dto.name().value() == null) {
            return null;
        }
        return new Accelerator(dto.name().value(), array, memories, transfers);
    }

    /** The off-chip memory's transfers (defaults where not given); a transfers block on any other memory is an error. */
    private OffChipTransfers offChipTransfers(AcceleratorDto dto, MemoryDto offChip) {
        OffChipTransfers d = OffChipTransfers.DEFAULT;
        for (MemoryDto m : dto.memories()) {
            TransfersDto t = m.transfers();
            if (t == null) {
                continue;
            }
            if (m != offChip) {
                problems.error(t.node(), "memory " + Diagnostic.quote(m.name()) + " has 'transfers', but only the off-chip memory (the outermost"
                                + " memory holding O" + (offChip == null ? "" : ", " + Diagnostic.quote(offChip.name())) + ") moves data on and off chip",
                        offChip == null ? "move 'transfers' to the off-chip memory" : "move 'transfers' to " + Diagnostic.quote(offChip.name()));
                continue;
            }
            return new OffChipTransfers(
                    choice(t.link(), OffChipTransfers.Link.values(), d.link(), "link",
                            "separate (reads and writes on their own ports) or shared (one link for both)"),
                    t.prefetch().orElse(d.prefetch()),
                    choice(t.drain(), OffChipTransfers.Drain.values(), d.drain(), "drain",
                            "background (outputs drain while the next layer run computes) or stall (the next run waits)"));
        }
        return d;
    }

    /** The value named by {@code v}, {@code fallback} when absent or (reported) unknown. */
    private <E extends Enum<E>> E choice(Located<String> v, E[] values, E fallback, String key, String meaning) {
        if (v.value() == null) {
            return fallback;
        }
        for (E e : values) {
            if (e.name().equalsIgnoreCase(v.value())) {
                return e;
            }
        }
        List<String> names = Arrays.stream(values).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
        String close = MapReader.closest(v.value(), names);
        problems.error(v.node(), "transfers: " + key + " must be " + String.join(" or ", names) + ", found " + Diagnostic.quote(v.value()),
                close != null ? "you meant " + Diagnostic.quote(close) + "? (" + meaning + ")" : "write " + meaning);
        return fallback;
    }

    /** {@code a * b} for positive factors, {@link Long#MAX_VALUE} when it does not fit a long. */
    static long saturatedProduct(long a, long b) {
        return Math.multiplyHigh(a, b) != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }

    private static String describe(MemoryOperand op) {
        return switch (op) {
            case I1 -> "activations";
            case I2 -> "weights";
            case O -> "outputs";
        };
    }

    private OperationalArray validateArray(ArrayDto a) {
        List<ArrayDimension> dims = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Located<String> d : a.dimensions()) {
            if (!seen.add(d.value())) {
                problems.error(d.node(), "array dimension " + Diagnostic.quote(d.value()) + " is listed twice", "name the dimensions D1, D2, D3, … once each");
            }
        }
        boolean sizesOk = true;
        for (Located<Long> s : a.sizes()) {
            sizesOk &= IntRange.ARRAY_SIZE.check(s, problems, "array size", "every array dimension needs at least one MAC unit");
        }
        long units = 1;
        for (Located<Long> s : a.sizes()) {
            units = sizesOk ? saturatedProduct(units, s.value()) : units;
        }
        if (sizesOk && !IntRange.ARRAY_SIZE.contains(units)) {
            problems.error(a.sizesNode(), "the operational array has " + (units == Long.MAX_VALUE ? "more than 2^63" : units)
                    + " MAC units; at most " + IntRange.INT_MAX + " (2^31-1) are modelled", "check the sizes; they multiply");
        }
        if (a.dimsNode() != null && a.sizesNode() != null && a.dimensions().size() != a.sizes().size()) {
            problems.error(a.sizesNode(), "operational_array has " + a.dimensions().size() + " dimensions but "
                    + a.sizes().size() + " sizes", "give exactly one size per dimension, in the same order");
        }
        if (a.unitEnergy().present() && a.unitEnergy().value() < 0) {
            problems.error(a.unitEnergy().node(), "unit_energy must not be negative, found " + a.unitEnergy().value(), "energy per MAC in pJ, e.g. 0.04");
        }
        if (a.unitArea().present() && a.unitArea().value() < 0) {
            problems.error(a.unitArea().node(), "unit_area must not be negative, found " + a.unitArea().value(), "area per MAC unit, or 0");
        }
        IntRange.CYCLES.check(a.controlOverhead(), problems, "control_overhead_cycles",
                "cycles the controller adds each time a layer runs on a tile; 0 or more");
        if (a.dimensions().isEmpty() && a.dimsNode() != null) {
            problems.error(a.dimsNode(), "operational_array has no dimensions", "write 'dimensions: [D1, D2]'");
        }
        int n = Math.min(a.dimensions().size(), a.sizes().size());
        for (int i = 0; i < n; i++) {
            long size = a.sizes().get(i).value();
            dims.add(new ArrayDimension(a.dimensions().get(i).value(), (int) Math.max(0, Math.min(size, IntRange.INT_MAX))));
        }
        return new OperationalArray(dims, a.unitEnergy().orElse(0.0), a.unitArea().orElse(0.0),
                Boolean.TRUE.equals(a.imc().value()), Math.max(0, a.controlOverhead().orElse(0L)));
    }
}
