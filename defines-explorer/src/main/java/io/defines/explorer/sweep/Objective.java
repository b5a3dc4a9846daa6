package io.defines.explorer.sweep;

import io.defines.results.ResultSchema.Columns;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A quantity a Pareto front minimises: its name in an exploration file and its points.csv column. */
public enum Objective {
    ENERGY("energy", Columns.ENERGY_PJ),
    LATENCY("latency", Columns.LATENCY_CYCLES),
    EDP("edp", Columns.EDP),
    ONCHIP_PEAK_BITS("onchip_peak_bits", Columns.ONCHIP_PEAK_BITS),
    DRAM_ACCESS_BITS("dram_access_bits", Columns.DRAM_ACCESS_BITS);

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

    /** The points.csv columns of the given objectives, in order. */
    public static List<String> columns(List<Objective> objectives) {
        return objectives.stream().map(Objective::column).toList();
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
