package io.defines.explorer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.defines.core.hardware.Accelerator;
import io.defines.core.hardware.ArrayDimension;
import io.defines.core.hardware.DataDirection;
import io.defines.core.hardware.Memory;
import io.defines.core.hardware.MemoryOperand;
import io.defines.core.hardware.Port;
import io.defines.core.workload.Layer;
import io.defines.core.workload.LayerInput;
import io.defines.core.workload.Workload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Renders workloads and accelerators for {@code describe}: an aligned text table, or JSON. */
final class Descriptions {

    private Descriptions() {
    }

    // ---------------- workload ----------------

    static String workloadText(Workload w, Path file) {
        StringBuilder sb = new StringBuilder();
        sb.append("workload ").append(w.name()).append(" (").append(file).append("): ").append(w.layers().size()).append(" layers\n\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"id", "name", "type", "loop sizes", "MACs", "weight bits", "input elems", "output elems", "inputs from"});
        for (Layer l : w.layers()) {
            rows.add(new String[] {
                String.valueOf(l.id()), l.name(), l.operatorType(), loopSizes(l),
                String.valueOf(l.macCount()), String.valueOf(l.weightBits()),
                String.valueOf(l.inputElements()), String.valueOf(l.outputElements()), inputsFrom(l)});
        }
        table(sb, rows, new boolean[] {true, false, false, false, true, true, true, true, false});
        sb.append('\n');
        sb.append("total MACs:        ").append(w.macCount()).append(" (").append(human(w.macCount(), "")).append(")\n");
        sb.append("total weight bits: ").append(w.weightBits()).append(" (").append(bytes(w.weightBits())).append(")\n");
        return sb.toString();
    }

    private static String loopSizes(Layer l) {
        return l.loopSizes().entrySet().stream().map(e -> e.getKey() + e.getValue()).collect(Collectors.joining(" "));
    }

    private static String inputsFrom(Layer l) {
        List<String> parts = new ArrayList<>();
        for (LayerInput in : l.inputs()) {
            // a part: I[C 64:128]←L4[0:64] (channels 64 to 127 of I are channels 0 to 63 of layer 4's output)
            String part = in.isPart() ? "[" + in.part().dim() + " " + in.part().offset() + ":" + (in.part().offset() + in.part().length()) + "]" : "";
            String from = in.isPart() ? "[" + in.part().producerOffset() + ":" + (in.part().producerOffset() + in.part().length()) + "]" : "";
            parts.add(in.operand() + part + "←" + (in.isNetworkInput() ? "input" : "L" + in.producerId()) + from);
        }
        return String.join(" ", parts);
    }

    static ObjectNode workloadJson(Workload w, ObjectMapper json) {
        ObjectNode root = json.createObjectNode();
        root.put("name", w.name());
        root.put("layer_count", w.layers().size());
        root.put("mac_count", w.macCount());
        root.put("weight_bits", w.weightBits());
        ArrayNode layers = root.putArray("layers");
        for (Layer l : w.layers()) {
            ObjectNode n = layers.addObject();
            n.put("id", l.id());
            n.put("name", l.name());
            n.put("operator_type", l.operatorType());
            n.put("equation", l.equation().text());
            ObjectNode sizes = n.putObject("loop_sizes");
            l.loopSizes().forEach(sizes::put);
            n.put("mac_count", l.macCount());
            n.put("weight_bits", l.weightBits());
            n.put("input_elements", l.inputElements());
            n.put("output_elements", l.outputElements());
            ArrayNode inputs = n.putArray("inputs");
            for (LayerInput in : l.inputs()) {
                ObjectNode i = inputs.addObject();
                i.put("operand", in.operand());
                if (in.isNetworkInput()) {
                    i.putNull("producer");
                } else {
                    i.put("producer", in.producerId());
                }
                ObjectNode dims = i.putObject("producer_dims");
                in.producerDims().forEach(dims::put);
                if (in.isPart()) {
                    // one part of a concatenation: elements [offset, offset + length) along dim
                    ObjectNode part = i.putObject("part");
                    part.put("dim", in.part().dim());
                    part.put("offset", in.part().offset());
                    part.put("length", in.part().length());
                    part.put("producer_offset", in.part().producerOffset());
                }
            }
            ArrayNode consts = n.putArray("constant_operands");
            l.constantOperands().forEach(consts::add);
        }
        return root;
    }

    // ---------------- accelerator ----------------

    static String acceleratorText(Accelerator a, Path file) {
        StringBuilder sb = new StringBuilder();
        sb.append("accelerator ").append(a.name()).append(" (").append(file).append(")\n");
        sb.append("operational array: ")
                .append(a.array().dimensions().stream().map(d -> d.name() + "=" + d.size()).collect(Collectors.joining(" × ")))
                .append(" = ").append(a.array().totalUnits()).append(" MACs, ")
                .append(num(a.array().macEnergyPj())).append(" pJ/MAC")
                .append(a.array().inMemoryComputing() ? " (in-memory computing: not modelled)" : "").append('\n');
        for (MemoryOperand op : MemoryOperand.values()) {
            sb.append('\n').append(op).append(" chain (").append(role(op)).append("), innermost first:\n");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"level", "memory", "size", "read bw", "write bw", "min r/w", "read pJ", "write pJ", "instances", "served"});
            List<Memory> chain = a.chain(op);
            for (int i = 0; i < chain.size(); i++) {
                Memory m = chain.get(i);
                Port read = m.port(op, DataDirection.TO_LOW).orElse(null);
                Port write = m.port(op, DataDirection.FROM_HIGH).orElse(null);
                rows.add(new String[] {
                    String.valueOf(i), m.name(), bits(m.sizeBits()),
                    read == null ? "-" : read.bandwidthMaxBits() + " b/cy",
                    write == null ? "-" : write.bandwidthMaxBits() + " b/cy",
                    (read == null ? "-" : String.valueOf(read.bandwidthMinBits())) + "/" + (write == null ? "-" : String.valueOf(write.bandwidthMinBits())),
                    num(m.readEnergyPj()), num(m.writeEnergyPj()),
                    String.valueOf(m.instanceCount(a.array())),
                    served(m, a)});
            }
            table(sb, rows, new boolean[] {true, false, true, true, true, true, true, true, true, false});
        }
        return sb.toString();
    }

    private static String served(Memory m, Accelerator a) {
        if (m.servedDimensions().size() == a.array().dimensions().size()) {
            return "all";
        }
        return m.servedDimensions().isEmpty() ? "none" : String.join(",", m.servedDimensions());
    }

    private static String role(MemoryOperand op) {
        return switch (op) {
            case I1 -> "usually activations";
            case I2 -> "usually weights";
            case O -> "outputs and partial sums";
        };
    }

    static ObjectNode acceleratorJson(Accelerator a, ObjectMapper json) {
        ObjectNode root = json.createObjectNode();
        root.put("name", a.name());
        ObjectNode array = root.putObject("operational_array");
        ArrayNode dims = array.putArray("dimensions");
        for (ArrayDimension d : a.array().dimensions()) {
            dims.addObject().put("name", d.name()).put("size", d.size());
        }
        array.put("mac_units", a.array().totalUnits());
        array.put("mac_energy_pj", a.array().macEnergyPj());
        array.put("in_memory_computing", a.array().inMemoryComputing());
        ObjectNode chains = root.putObject("chains");
        for (MemoryOperand op : MemoryOperand.values()) {
            ArrayNode chain = chains.putArray(op.name());
            List<Memory> levels = a.chain(op);
            for (int i = 0; i < levels.size(); i++) {
                Memory m = levels.get(i);
                ObjectNode n = chain.addObject();
                n.put("level", i);
                n.put("memory", m.name());
                n.put("size_bits", m.sizeBits());
                m.port(op, DataDirection.TO_LOW).ifPresent(p -> n.put("read_bandwidth_bits", p.bandwidthMaxBits())
                        .put("read_min_bits", p.bandwidthMinBits()));
                m.port(op, DataDirection.FROM_HIGH).ifPresent(p -> n.put("write_bandwidth_bits", p.bandwidthMaxBits())
                        .put("write_min_bits", p.bandwidthMinBits()));
                n.put("read_energy_pj", m.readEnergyPj());
                n.put("write_energy_pj", m.writeEnergyPj());
                n.put("instances", m.instanceCount(a.array()));
                ArrayNode served = n.putArray("served_dimensions");
                m.servedDimensions().forEach(served::add);
            }
        }
        return root;
    }

    // ---------------- formatting ----------------

    private static void table(StringBuilder sb, List<String[]> rows, boolean[] rightAlign) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], r[c].codePointCount(0, r[c].length()));
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < cols; c++) {
                int pad = width[c] - r[c].codePointCount(0, r[c].length());
                if (rightAlign[c]) {
                    line.append(" ".repeat(pad)).append(r[c]);
                } else {
                    line.append(r[c]).append(c == cols - 1 ? "" : " ".repeat(pad));
                }
                if (c < cols - 1) {
                    line.append("  ");
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
    }

    /** Shortest text that reads back to the same double (e.g. 182.07000000000002, 26.56, 700). */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        return Double.toString(v);
    }

    static String human(long v, String unit) {
        String[] prefixes = {"", " k", " M", " G", " T"};
        double x = v;
        int i = 0;
        while (Math.abs(x) >= 1000 && i < prefixes.length - 1) {
            x /= 1000;
            i++;
        }
        return String.format(Locale.ROOT, i == 0 ? "%.0f%s%s" : "%.2f%s%s", x, prefixes[i], unit);
    }

    static String bits(long bits) {
        if (bits >= 8 * 1024 && bits % 8 == 0) {
            return bits + " b (" + bytes(bits) + ")";
        }
        return bits + " b";
    }

    static String bytes(long bits) {
        double b = bits / 8.0;
        String[] units = {"B", "KiB", "MiB", "GiB"};
        int i = 0;
        while (b >= 1024 && i < units.length - 1) {
            b /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, b == Math.rint(b) ? "%.0f %s" : "%.1f %s", b, units[i]);
    }
}
