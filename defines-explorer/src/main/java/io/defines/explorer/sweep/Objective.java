package io.defines.explorer.sweep;

/** A quantity a Pareto front minimises, named as its points.csv column. */
public enum Objective {
    ENERGY("energy_pj"),
    LATENCY("latency_cycles"),
    EDP("edp");

    private final String column;

    Objective(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }
}
