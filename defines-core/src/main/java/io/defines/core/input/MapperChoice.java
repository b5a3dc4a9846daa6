package io.defines.core.input;

import io.defines.core.mapper.TemporalMapper;

/** The {@code mapper:} key of schedule and exploration files: a name from {@link TemporalMapper#registry()}, or {@code exact:N}. */
public final class MapperChoice {

    private MapperChoice() {
    }

    /** The mapper {@code read} names (the default when absent); an unknown name is an error at its place, with the closest name. */
    public static String of(Located<String> read, Problems problems) {
        if (!read.present()) {
            return TemporalMapper.DEFAULT;
        }
        if (TemporalMapper.byName(read.value()).isPresent()) {
            return read.value();
        }
        String name = read.value().contains(":") ? read.value().substring(0, read.value().indexOf(':')) : read.value();
        String close = MapReader.closest(name, TemporalMapper.names());
        problems.error(read.node(), "mapper " + Diagnostic.quote(read.value()) + " is not a mapper",
                (close != null ? Diagnostic.quote(close) + "?" : "one of " + TemporalMapper.names())
                        + " (exact:N gives the exact mapper a budget of N ≥ 1 orderings per layer)");
        return TemporalMapper.DEFAULT;
    }
}
