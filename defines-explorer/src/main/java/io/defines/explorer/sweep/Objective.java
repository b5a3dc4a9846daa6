package io.defines.explorer.sweep;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A quantity a Pareto front minimises: its name in an exploration file and its points.csv column. */
public enum Objective {
    ENERGY("energy", "energy_pj"),
    LATENCY("latency", "latency_cycles"),
    EDP("edp", "edp"),
    ONCHIP_PEAK_BITS("onchip_peak_bits", "onchip_peak_bits"),
    DRAM_ACCESS_BITS("dram_access_bits", "dram_access_bits");

    private final String name;
    private final String column;

    Objective(String name, String column) {
        this.name = name;
        this.column = column;
    }

    /** The name used in exploration files. */
    public String fileName() {
        return name;
    }

    public String column() {
        return column;
    }

    /** By its exploration-file name (case-insensitive), or its column name. */
    public static Optional<Objective> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String k = s.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(o -> o.name.equals(k) || o.column.equals(k)).findFirst();
    }

    /** The exploration-file names, for hints. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(o -> o.name).toList());
    }
}
