package io.defines.core.workload;

import java.util.List;
import java.util.Locale;

/** One tensor of a layer equation: its name (O, W, I, …) and its index dimensions, upper-cased. */
public record Operand(String name, List<String> indices) {

    public Operand {
        indices = List.copyOf(indices);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name);
        indices.forEach(i -> sb.append('[').append(i.toLowerCase(Locale.ROOT)).append(']'));
        return sb.toString();
    }
}
