package io.defines.core.input;

import io.defines.core.hardware.DataDirection;
import io.defines.core.hardware.Memory;
import io.defines.core.hardware.MemoryOperand;
import io.defines.core.hardware.Port;
import io.defines.core.hardware.PortAllocation;
import io.defines.core.hardware.PortType;
import io.defines.core.input.AcceleratorReader.MemoryDto;
import io.defines.core.input.AcceleratorReader.PortDto;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks of one memory of an accelerator and of its ports: sizes and costs, operands, port
 * types, bandwidths and allocations, the directions each operand must be able to move in, and the
 * served dimensions. Part of {@link AcceleratorReader}'s third step; problems are reported in a
 * fixed order, which is the order of the diagnostics that share one position.
 */
final class MemoryChecks {

    private static final Pattern ALLOCATION = Pattern.compile("^\\s*(\\w+)\\s*,\\s*(\\w+)\\s*$");

    /** The ports of a memory that passed their checks, what they carry, and whether every port did. */
    private record CheckedPorts(List<Port> ports, Set<PortAllocation> allocated, boolean allValid) {
    }

    private final Problems problems;

    MemoryChecks(Problems problems) {
        this.problems = problems;
    }

    /**
     * Checks memory {@code m}, the {@code index}-th from the innermost; null when its size or latency
     * is missing. {@code topOf} tells, per memory operand, the outermost memory holding it.
     */
    Memory check(MemoryDto m, int index, Set<String> arrayDims, boolean arrayKnown, Map<MemoryOperand, MemoryDto> topOf) {
        String what = "memory " + Diagnostic.quote(m.name());
        checkNumbers(m, what);
        List<MemoryOperand> operands = operands(m, what);
        CheckedPorts ports = ports(m, what, operands);
        if (!m.ports().isEmpty() && ports.allValid()) {
            checkDirections(m, what, operands, ports.allocated(), topOf);
        }
        List<String> served = served(m, what, arrayDims, arrayKnown);
        if (!IntRange.MEMORY_SIZE.contains(m.size().value()) || !IntRange.CYCLES.contains(m.latency().value())) {
            return null;
        }
        return new Memory(m.name(), index, m.size().value(), m.rCost().orElse(0.0), m.wCost().orElse(0.0),
                m.area().orElse(0.0), (int) (long) m.latency().value(), operands, ports.ports(), served,
                Boolean.TRUE.equals(m.forceDoubleBuffering().value()));
    }

    private void checkNumbers(MemoryDto m, String what) {
        IntRange.MEMORY_SIZE.check(m.size(), problems, what + ": size", "sizes are in bits: 64 KiB = 524288");
        checkNonNegative(m.rCost(), what + ": r_cost");
        checkNonNegative(m.wCost(), what + ": w_cost");
        checkNonNegative(m.area(), what + ": area");
        IntRange.CYCLES.check(m.latency(), problems, what + ": latency", "latency in cycles, usually 1");
    }

    private void checkNonNegative(Located<Double> v, String what) {
        if (v.present() && v.value() < 0) {
            problems.error(v.node(), what + " must not be negative, found " + v.value(), "energies are in pJ per full-width access");
        }
    }

    /** The known memory operands, each once; reports unknown and repeated ones, and an empty list. */
    private List<MemoryOperand> operands(MemoryDto m, String what) {
        List<MemoryOperand> operands = new ArrayList<>();
        for (Located<String> op : m.operands()) {
            MemoryOperand mo = MemoryOperand.parse(op.value());
            if (mo == null) {
                String close = MapReader.closest(op.value(), List.of("I1", "I2", "O"));
                problems.error(op.node(), what + ": unknown memory operand " + Diagnostic.quote(op.value()),
                        close != null ? "you meant " + Diagnostic.quote(close) + "? Memory operands are I1, I2 and O"
                                : "memory operands are I1 (activations), I2 (weights) and O (outputs)");
            } else if (operands.contains(mo)) {
                problems.error(op.node(), what + ": operand " + mo + " is listed twice", "list each memory operand once");
            } else {
                operands.add(mo);
            }
        }
        if (m.operands().isEmpty() && m.operandsNode() instanceof Node.ListNode) {
            problems.error(m.operandsNode(), what + " holds no operand", "write e.g. 'operands: [I1, O]'");
        }
        return operands;
    }

    private CheckedPorts ports(MemoryDto m, String what, List<MemoryOperand> operands) {
        List<Port> ports = new ArrayList<>();
        Set<String> portNames = new HashSet<>();
        Set<PortAllocation> allocated = new LinkedHashSet<>();
        boolean allValid = true;
        for (PortDto p : m.ports()) {
            Port port = port(p, what, operands, m.operands());
            allValid &= port != null;
            if (p.name().present() && !portNames.add(p.name().value())) {
                problems.error(p.name().node(), what + ": port name " + Diagnostic.quote(p.name().value()) + " is used twice", "number the ports r_port_1, r_port_2, …");
            }
            if (port != null) {
                ports.add(port);
                allocated.addAll(port.allocations());
            }
        }
        if (m.ports().isEmpty() && m.portsNode() instanceof Node.ListNode) {
            problems.error(m.portsNode(), what + " has no ports", "add at least one read and one write port (or one read_write port)");
        }
        return new CheckedPorts(ports, allocated, allValid);
    }

    /**
     * Every operand must be able to move in the directions the cost model uses: tl (and fl for
     * outputs) everywhere; fh (and th for outputs) unless this memory is the top of its chain.
     */
    private void checkDirections(MemoryDto m, String what, List<MemoryOperand> operands, Set<PortAllocation> allocated,
                                 Map<MemoryOperand, MemoryDto> topOf) {
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

    private List<String> served(MemoryDto m, String what, Set<String> arrayDims, boolean arrayKnown) {
        List<String> served = new ArrayList<>();
        for (Located<String> s : m.servedDimensions()) {
            if (arrayKnown && !arrayDims.contains(s.value())) {
                String close = MapReader.closest(s.value(), arrayDims);
                problems.error(s.node(), what + ": served dimension " + Diagnostic.quote(s.value()) + " is not a dimension of the operational array "
                        + arrayDims.stream().sorted().toList(), close != null ? "you meant " + Diagnostic.quote(close) + "?" : "use only the array's dimensions, or [] for none");
            } else if (served.contains(s.value())) {
                problems.error(s.node(), what + ": served dimension " + Diagnostic.quote(s.value()) + " is listed twice", "list each dimension once");
            } else {
                served.add(s.value());
            }
        }
        return served;
    }

    private static String directionWords(DataDirection d) {
        return switch (d) {
            case FROM_HIGH -> "written by the level above";
            case TO_LOW -> "read by the level below";
            case FROM_LOW -> "written by the level below";
            case TO_HIGH -> "read by the level above";
        };
    }

    /** A port; null when it has errors (reported; the memory's completeness checks then stay silent) or misses a field. */
    private Port port(PortDto p, String memoryWhat, List<MemoryOperand> operands, List<Located<String>> declared) {
        String what = memoryWhat + ", port '" + p.name().orElse("?") + "'";
        int errorsBefore = problems.errorCount();
        PortType type = null;
        if (p.type().present()) {
            type = PortType.parse(p.type().value());
            if (type == null) {
                String close = MapReader.closest(p.type().value(), List.of("read", "write", "read_write"));
                problems.error(p.type().node(), what + ": unknown port type " + Diagnostic.quote(p.type().value()),
                        close != null ? "you meant " + Diagnostic.quote(close) + "?" : "use read, write or read_write");
            }
        }
        boolean bandwidthsOk = true;
        for (Located<Long> bw : List.of(p.bandwidthMin(), p.bandwidthMax())) {
            bandwidthsOk &= IntRange.BANDWIDTH.check(bw, problems, what + ": bandwidth",
                    "e.g. 64 for a 64-bit wide port");
        }
        if (bandwidthsOk && p.bandwidthMin().present() && p.bandwidthMax().present() && p.bandwidthMin().value() > p.bandwidthMax().value()) {
            problems.error(p.bandwidthMin().node(), what + ": bandwidth_min " + p.bandwidthMin().value()
                            + " is larger than bandwidth_max " + p.bandwidthMax().value(),
                    "bandwidth_min is the smallest access granularity and bandwidth_max the full word width; swap them?");
        }
        List<PortAllocation> allocations = new ArrayList<>();
        for (Located<String> a : p.allocation()) {
            PortAllocation pa = allocation(a, what, type, operands, declared);
            if (pa != null && allocations.contains(pa)) {
                problems.error(a.node(), what + ": allocation " + Diagnostic.quote(pa) + " is listed twice", "list it once");
            } else if (pa != null) {
                allocations.add(pa);
            }
        }
        if (problems.errorCount() > errorsBefore || type == null || !p.name().present()
                || !p.bandwidthMin().present() || !p.bandwidthMax().present()) {
            return null;
        }
        return new Port(p.name().value(), type, p.bandwidthMin().value(), p.bandwidthMax().value(), allocations);
    }

    /** One allocation of a port of {@code type} (null when unknown); null when it has errors (reported). */
    private PortAllocation allocation(Located<String> a, String what, PortType type, List<MemoryOperand> operands,
                                      List<Located<String>> declared) {
        Matcher mt = ALLOCATION.matcher(a.value());
        if (!mt.matches()) {
            problems.error(a.node(), what + ": allocation " + Diagnostic.quote(a.value()) + " is not of the form '<operand>, <direction>'",
                    "write e.g. 'I1, tl' (directions: fh, tl, fl, th)");
            return null;
        }
        MemoryOperand op = MemoryOperand.parse(mt.group(1));
        DataDirection dir = DataDirection.parse(mt.group(2));
        if (op == null) {
            problems.error(a.node(), what + ": allocation names unknown memory operand " + Diagnostic.quote(mt.group(1)), "memory operands are I1, I2 and O");
            return null;
        }
        if (dir == null) {
            String close = MapReader.closest(mt.group(2), List.of("fh", "tl", "fl", "th"));
            problems.error(a.node(), what + ": allocation has unknown direction " + Diagnostic.quote(mt.group(2)),
                    (close != null ? "you meant " + Diagnostic.quote(close) + "? " : "") + "directions are fh (from high), tl (to low), fl (from low), th (to high)");
            return null;
        }
        if (!operands.contains(op) && declared.stream().noneMatch(d -> op.name().equals(d.value()))) {
            problems.error(a.node(), what + ": allocates " + op + ", but the memory holds only " + operands,
                    "add " + op + " to this memory's 'operands', or allocate the port to an operand it holds");
            return null;
        }
        if (type != null && !type.allows(dir)) {
            problems.error(a.node(), what + ": a " + type.code() + " port cannot carry direction " + dir.code()
                            + " (" + directionWords(dir) + ")",
                    dir.isWrite() ? "allocate " + Diagnostic.quote(a.value().trim()) + " to a write or read_write port"
                            : "allocate " + Diagnostic.quote(a.value().trim()) + " to a read or read_write port");
            return null;
        }
        return new PortAllocation(op, dir);
    }
}
