package io.defines.explorer.validation;

import io.defines.core.depthfirst.ScheduleResult;
import io.defines.core.hardware.Accelerator;
import io.defines.core.hardware.Memory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A calibration parameter (docs/validation.md): a scale on energies, or the control overhead.
 * Names: {@code mac} (MAC energy), {@code onchip} (every on-chip memory's access energies),
 * {@code core} (MAC + on-chip), {@code offchip} (the off-chip memory), {@code mem:<name>} (one
 * memory), {@code overhead} (control cycles per layer run).
 */
public record Parameter(String name, Kind kind, String memory) {

    public enum Kind { MAC, ONCHIP, CORE, OFFCHIP, MEMORY, OVERHEAD }

    /** Parses a comma list; unknown names and overlapping parameters are errors (message with a hint). */
    public static List<Parameter> parse(String list, Accelerator acc) {
        List<Parameter> out = new ArrayList<>();
        for (String raw : list.split(",")) {
            String s = raw.trim();
            Parameter p = switch (s) {
                case "mac" -> new Parameter(s, Kind.MAC, null);
                case "onchip" -> new Parameter(s, Kind.ONCHIP, null);
                case "core" -> new Parameter(s, Kind.CORE, null);
                case "offchip" -> new Parameter(s, Kind.OFFCHIP, null);
                case "overhead" -> new Parameter(s, Kind.OVERHEAD, null);
                default -> {
                    if (s.startsWith("mem:") && acc.memory(s.substring(4)).isPresent()) {
                        yield new Parameter(s, Kind.MEMORY, s.substring(4));
                    }
                    throw new IllegalArgumentException("unknown calibration parameter '" + s + "'. Maybe one of mac, onchip, core, offchip, overhead, "
                            + "or mem:<memory> with a memory of " + acc.name() + ": "
                            + String.join(", ", acc.memories().stream().map(Memory::name).toList()));
                }
            };
            if (out.stream().anyMatch(q -> q.name().equals(p.name()))) {
                throw new IllegalArgumentException("calibration parameter '" + s + "' is given twice");
            }
            out.add(p);
        }
        Memory off = acc.offChipMemory();
        for (Memory m : acc.memories()) {
            long n = out.stream().filter(p -> p.covers(m, off)).count();
            if (n > 1) {
                throw new IllegalArgumentException("memory " + m.name() + " is scaled by more than one parameter ("
                        + String.join(", ", out.stream().filter(p -> p.covers(m, off)).map(Parameter::name).toList())
                        + "). Maybe use only one of them");
            }
        }
        if (out.stream().filter(p -> p.kind == Kind.MAC || p.kind == Kind.CORE).count() > 1) {
            throw new IllegalArgumentException("mac and core both scale the MAC energy. Maybe use only one of them");
        }
        return List.copyOf(out);
    }

    /** Whether this parameter scales memory {@code m}'s access energies. */
    public boolean covers(Memory m, Memory offChip) {
        return switch (kind) {
            case ONCHIP, CORE -> m != offChip;
            case OFFCHIP -> m == offChip;
            case MEMORY -> m.name().equals(memory);
            default -> false;
        };
    }

    public boolean coversMac() {
        return kind == Kind.MAC || kind == Kind.CORE;
    }

    /** The parameter covering {@code m}, if any. */
    static Optional<Parameter> of(List<Parameter> ps, Memory m, Memory offChip) {
        return ps.stream().filter(p -> p.covers(m, offChip)).findFirst();
    }
}
