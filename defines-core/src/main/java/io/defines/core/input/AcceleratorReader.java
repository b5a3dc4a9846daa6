package io.defines.core.input;

import io.defines.core.hardware.Accelerator;
import io.defines.core.hardware.ArrayDimension;
import io.defines.core.hardware.DataDirection;
import io.defines.core.hardware.Memory;
import io.defines.core.hardware.MemoryOperand;
import io.defines.core.hardware.OperationalArray;
import io.defines.core.hardware.Port;
import io.defines.core.hardware.PortAllocation;
import io.defines.core.hardware.PortType;
import io.defines.core.input.Node.Entry;
import io.defines.core.input.Node.ListNode;
import io.defines.core.input.Node.MapNode;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a ZigZag (≥ 3.8.2 port format) accelerator YAML in three steps: a located tree, typed DTOs
 * with every type problem collected, then semantic checks across fields; only a file without
 * errors yields an {@link Accelerator}.
 */
public final class AcceleratorReader {

    private static final Pattern ALLOCATION = Pattern.compile("^\\s*(\\w+)\\s*,\\s*(\\w+)\\s*$");

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
                     List<Located<String>> servedDimensions, Located<Boolean> forceDoubleBuffering) {
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
            }
        }
        r.accept("imc_type", "bit_serial_precision", "adc_resolution");
        r.finish();
        List<Located<Long>> sizeValues = new ArrayList<>();
        if (sizes != null) {
            for (Node n : sizes.items()) {
                Long v = MapReader.asLong(n);
                if (v == null) {
                    problems.error(n, "array size must be an integer, found " + n.kindDescription(), "write e.g. 'sizes: [32, 32]'");
                } else {
                    sizeValues.add(new Located<>(v, n));
                }
            }
        }
        return new ArrayDto(MapReader.strings(dims, problems, "an array dimension"), sizeValues, sizes, dims,
                unitEnergy, unitArea, imc, overhead, node);
    }

    private MemoryDto readMemory(Entry e) {
        String what = "memory '" + e.key() + "'";
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
        r.finish();
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
                MapReader.strings(served, problems, "a served dimension"), fdb);
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
        java.util.Map<MemoryOperand, MemoryDto> topOf = new java.util.EnumMap<>(MemoryOperand.class);
        for (MemoryDto m : dto.memories()) {
            for (Located<String> op : m.operands()) {
                MemoryOperand mo = MemoryOperand.parse(op.value());
                if (mo != null) {
                    topOf.put(mo, m);
                }
            }
        }
        List<Memory> memories = new ArrayList<>();
        int index = 0;
        for (MemoryDto m : dto.memories()) {
            Memory mem = validateMemory(m, index++, arrayDims, dto.array() != null, topOf);
            if (mem != null) {
                memories.add(mem);
            }
        }
        Set<MemoryOperand> held = EnumSet.noneOf(MemoryOperand.class);
        for (MemoryDto m : dto.memories()) {
            for (Located<String> op : m.operands()) {
                MemoryOperand mo = MemoryOperand.parse(op.value());
                if (mo != null) {
                    held.add(mo);
                }
            }
        }
        for (MemoryOperand op : MemoryOperand.values()) {
            if (!held.contains(op) && !dto.memories().isEmpty()) {
                problems.error(dto.memoriesNode(), "memory operand " + op + " has no chain: no memory lists it in 'operands'"
                                + " (" + describe(op) + " would have nowhere to live)",
                        "add " + op + " to the operands of the outermost memory (usually dram) and allocate its ports");
            }
        }
        if (array != null && array.inMemoryComputing()) {
            problems.warning(dto.array().imc().node(), "is_imc: in-memory-computing arrays are read, but defines models digital MAC arrays only;"
                    + " evaluating a schedule on this accelerator is refused", "set is_imc: false and give unit_energy to model it as a digital array");
        }
        if (problems.hasErrors() || array == null || dto.name().value() == null) {
            return null;
        }
        return new Accelerator(dto.name().value(), array, memories);
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
                problems.error(d.node(), "array dimension '" + d.value() + "' is listed twice", "name the dimensions D1, D2, D3, … once each");
            }
        }
        for (Located<Long> s : a.sizes()) {
            if (s.value() <= 0) {
                problems.error(s.node(), "array size must be positive, found " + s.value(), "every array dimension needs at least one MAC unit");
            }
        }
        if (a.dimsNode() != null && a.sizesNode() != null && a.dimensions().size() != a.sizes().size()) {
            problems.error(a.sizesNode(), "operational_array has " + a.dimensions().size() + " dimensions but "
                    + a.sizes().size() + " sizes", "give exactly one size per dimension, in the same order");
        }
        if (a.unitEnergy().present() && a.unitEnergy().value() < 0) {
            problems.error(a.unitEnergy().node(), "unit_energy must not be negative, found " + a.unitEnergy().value(), "energy per MAC in pJ, e.g. 0.04");
        }
        if (a.controlOverhead().present() && a.controlOverhead().value() < 0) {
            problems.error(a.controlOverhead().node(), "control_overhead_cycles must not be negative, found " + a.controlOverhead().value(),
                    "cycles the controller adds each time a layer runs on a tile; 0 or more");
        }
        if (a.dimensions().isEmpty() && a.dimsNode() != null) {
            problems.error(a.dimsNode(), "operational_array has no dimensions", "write 'dimensions: [D1, D2]'");
        }
        int n = Math.min(a.dimensions().size(), a.sizes().size());
        for (int i = 0; i < n; i++) {
            long size = a.sizes().get(i).value();
            dims.add(new ArrayDimension(a.dimensions().get(i).value(), (int) Math.max(0, Math.min(size, Integer.MAX_VALUE))));
        }
        return new OperationalArray(dims, a.unitEnergy().orElse(0.0), a.unitArea().orElse(0.0),
                Boolean.TRUE.equals(a.imc().value()), Math.max(0, a.controlOverhead().orElse(0L)));
    }

    private Memory validateMemory(MemoryDto m, int index, Set<String> arrayDims, boolean arrayKnown,
                                  java.util.Map<MemoryOperand, MemoryDto> topOf) {
        String what = "memory '" + m.name() + "'";
        if (m.size().present() && m.size().value() <= 0) {
            problems.error(m.size().node(), what + ": size must be a positive number of bits, found " + m.size().value(),
                    "sizes are in bits: 64 KiB = 524288");
        }
        checkNonNegative(m.rCost(), what + ": r_cost");
        checkNonNegative(m.wCost(), what + ": w_cost");
        checkNonNegative(m.area(), what + ": area");
        if (m.latency().present() && m.latency().value() < 0) {
            problems.error(m.latency().node(), what + ": latency must not be negative, found " + m.latency().value(), "latency in cycles, usually 1");
        }
        List<MemoryOperand> operands = new ArrayList<>();
        for (Located<String> op : m.operands()) {
            MemoryOperand mo = MemoryOperand.parse(op.value());
            if (mo == null) {
                String close = MapReader.closest(op.value(), List.of("I1", "I2", "O"));
                problems.error(op.node(), what + ": unknown memory operand '" + op.value() + "'",
                        close != null ? "you meant '" + close + "'? Memory operands are I1, I2 and O"
                                : "memory operands are I1 (activations), I2 (weights) and O (outputs)");
            } else if (operands.contains(mo)) {
                problems.error(op.node(), what + ": operand " + mo + " is listed twice", "list each memory operand once");
            } else {
                operands.add(mo);
            }
        }
        if (m.operands().isEmpty() && m.operandsNode() instanceof ListNode) {
            problems.error(m.operandsNode(), what + " holds no operand", "write e.g. 'operands: [I1, O]'");
        }
        List<Port> ports = new ArrayList<>();
        Set<String> portNames = new HashSet<>();
        Set<PortAllocation> allocated = new LinkedHashSet<>();
        boolean allPortsValid = true;
        for (PortDto p : m.ports()) {
            Port port = validatePort(p, what, operands, m.operands());
            allPortsValid &= port != null;
            if (p.name().present() && !portNames.add(p.name().value())) {
                problems.error(p.name().node(), what + ": port name '" + p.name().value() + "' is used twice", "number the ports r_port_1, r_port_2, …");
            }
            if (port != null) {
                ports.add(port);
                allocated.addAll(port.allocations());
            }
        }
        if (m.ports().isEmpty() && m.portsNode() instanceof ListNode) {
            problems.error(m.portsNode(), what + " has no ports", "add at least one read and one write port (or one read_write port)");
        }
        // every operand must be able to move in the directions the cost model uses: tl (and fl for
        // outputs) everywhere; fh (and th for outputs) unless this memory is the top of its chain
        if (!m.ports().isEmpty() && allPortsValid) {
            for (MemoryOperand op : operands) {
                boolean top = topOf.get(op) == m;
                for (DataDirection d : DataDirection.values()) {
                    boolean towardsHigh = d == DataDirection.FROM_HIGH || d == DataDirection.TO_HIGH;
                    boolean outputOnly = d == DataDirection.FROM_LOW || d == DataDirection.TO_HIGH;
                    boolean needed = (op == MemoryOperand.O || !outputOnly) && !(top && towardsHigh);
                    if (needed && !allocated.contains(new PortAllocation(op, d))) {
                        problems.error(m.portsNode(), what + ": no port carries " + op + " in direction " + d.code()
                                        + " (" + directionWords(d) + ")",
                                "add '" + op + ", " + d.code() + "' to the allocation of a " + (d.isWrite() ? "write" : "read") + " port");
                    }
                }
            }
        }
        List<String> served = new ArrayList<>();
        for (Located<String> s : m.servedDimensions()) {
            if (arrayKnown && !arrayDims.contains(s.value())) {
                String close = MapReader.closest(s.value(), arrayDims);
                problems.error(s.node(), what + ": served dimension '" + s.value() + "' is not a dimension of the operational array "
                        + arrayDims.stream().sorted().toList(), close != null ? "you meant '" + close + "'?" : "use only the array's dimensions, or [] for none");
            } else if (served.contains(s.value())) {
                problems.error(s.node(), what + ": served dimension '" + s.value() + "' is listed twice", "list each dimension once");
            } else {
                served.add(s.value());
            }
        }
        if (!m.size().present() || m.latency().present() == false) {
            return null;
        }
        return new Memory(m.name(), index, m.size().value(), m.rCost().orElse(0.0), m.wCost().orElse(0.0),
                m.area().orElse(0.0), (int) (long) m.latency().value(), operands, ports, served,
                Boolean.TRUE.equals(m.forceDoubleBuffering().value()));
    }

    private static String directionWords(DataDirection d) {
        return switch (d) {
            case FROM_HIGH -> "written by the level above";
            case TO_LOW -> "read by the level below";
            case FROM_LOW -> "written by the level below";
            case TO_HIGH -> "read by the level above";
        };
    }

    private void checkNonNegative(Located<Double> v, String what) {
        if (v.present() && v.value() < 0) {
            problems.error(v.node(), what + " must not be negative, found " + v.value(), "energies are in pJ per full-width access");
        }
    }

    private Port validatePort(PortDto p, String memoryWhat, List<MemoryOperand> operands, List<Located<String>> declared) {
        String what = memoryWhat + ", port '" + p.name().orElse("?") + "'";
        int errorsBefore = problems.errorCount();
        PortType type = null;
        if (p.type().present()) {
            type = PortType.parse(p.type().value());
            if (type == null) {
                String close = MapReader.closest(p.type().value(), List.of("read", "write", "read_write"));
                problems.error(p.type().node(), what + ": unknown port type '" + p.type().value() + "'",
                        close != null ? "you meant '" + close + "'?" : "use read, write or read_write");
            }
        }
        for (Located<Long> bw : List.of(p.bandwidthMin(), p.bandwidthMax())) {
            if (bw.present() && bw.value() <= 0) {
                problems.error(bw.node(), what + ": bandwidth must be a positive number of bits per cycle, found " + bw.value(),
                        "e.g. 64 for a 64-bit wide port");
            }
        }
        if (p.bandwidthMin().present() && p.bandwidthMax().present() && p.bandwidthMin().value() > p.bandwidthMax().value()) {
            problems.error(p.bandwidthMin().node(), what + ": bandwidth_min " + p.bandwidthMin().value()
                            + " is larger than bandwidth_max " + p.bandwidthMax().value(),
                    "bandwidth_min is the smallest access granularity and bandwidth_max the full word width; swap them?");
        }
        List<PortAllocation> allocations = new ArrayList<>();
        for (Located<String> a : p.allocation()) {
            Matcher mt = ALLOCATION.matcher(a.value());
            if (!mt.matches()) {
                problems.error(a.node(), what + ": allocation '" + a.value() + "' is not of the form '<operand>, <direction>'",
                        "write e.g. 'I1, tl' (directions: fh, tl, fl, th)");
                continue;
            }
            MemoryOperand op = MemoryOperand.parse(mt.group(1));
            DataDirection dir = DataDirection.parse(mt.group(2));
            if (op == null) {
                problems.error(a.node(), what + ": allocation names unknown memory operand '" + mt.group(1) + "'", "memory operands are I1, I2 and O");
                continue;
            }
            if (dir == null) {
                String close = MapReader.closest(mt.group(2), List.of("fh", "tl", "fl", "th"));
                problems.error(a.node(), what + ": allocation has unknown direction '" + mt.group(2) + "'",
                        (close != null ? "you meant '" + close + "'? " : "") + "directions are fh (from high), tl (to low), fl (from low), th (to high)");
                continue;
            }
            if (!operands.contains(op) && declared.stream().noneMatch(d -> op.name().equals(d.value()))) {
                problems.error(a.node(), what + ": allocates " + op + ", but the memory holds only " + operands,
                        "add " + op + " to this memory's 'operands', or allocate the port to an operand it holds");
                continue;
            }
            if (type != null && !type.allows(dir)) {
                problems.error(a.node(), what + ": a " + type.code() + " port cannot carry direction " + dir.code()
                                + " (" + directionWords(dir) + ")",
                        dir.isWrite() ? "allocate '" + a.value().trim() + "' to a write or read_write port"
                                : "allocate '" + a.value().trim() + "' to a read or read_write port");
                continue;
            }
            PortAllocation pa = new PortAllocation(op, dir);
            if (allocations.contains(pa)) {
                problems.error(a.node(), what + ": allocation '" + pa + "' is listed twice", "list it once");
                continue;
            }
            allocations.add(pa);
        }
        if (problems.errorCount() > errorsBefore || type == null || !p.name().present()
                || !p.bandwidthMin().present() || !p.bandwidthMax().present()) {
            return null; // invalid ports are reported above; the memory's completeness checks then stay silent
        }
        return new Port(p.name().value(), type, p.bandwidthMin().value(), p.bandwidthMax().value(), allocations);
    }
}
