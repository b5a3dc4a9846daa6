package io.defines.explorer.validation;

import java.util.Arrays;
import java.util.Optional;

/** A measurable quantity: its column in a measurement file and what the model gives for it. */
public enum Metric {
    /** Cycles per inference. */
    LATENCY_CYCLES("latency_cycles"),
    /** Milliseconds per inference; needs clock_mhz. */
    LATENCY_MS("latency_ms"),
    /** Energy per inference, pJ, off-chip IO included. */
    ENERGY_PJ("energy_pj"),
    /** 2 × the workload's MACs (no recomputation) per pJ of the whole energy, IO included (= TOPS/W). */
    TOPS_PER_W("tops_per_w"),
    /** As tops_per_w without the off-chip memory's energy (IO power excluded). */
    TOPS_PER_W_CORE("tops_per_w_core"),
    /** Bits read from and written to the off-chip memory per inference. */
    OFFCHIP_BITS("offchip_bits");

    private final String column;

    Metric(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }

    public static Optional<Metric> byColumn(String c) {
        return Arrays.stream(values()).filter(m -> m.column.equals(c)).findFirst();
    }
}
