package io.defines.results;

import java.util.Map;

/**
 * One row of points.csv. Numbers are NaN (or −1 for counts) when the point is infeasible or the
 * column is absent; {@code columns} holds every cell by its column name ({@link ResultSchema.Columns}).
 */
public record ResultPoint(int id, String workload, String accelerator, long tileX, long tileY, String overlap, boolean ok,
                          double energyPj, double latencyCycles, double macCount, double dramAccessBits, double onchipPeakBits,
                          Map<String, String> columns) {

    /** A short label: tile size and strategy, e.g. {@code 60×72 fully-cached}. */
    public String label() {
        return tileX + "×" + tileY + " " + overlap;
    }
}
