package io.defines.explorer.validation;

import java.nio.file.Path;
import java.util.Map;

/**
 * One row of a measurement file: a schedule of a workload on an accelerator and what was measured.
 *
 * @param mapping null = the library rule hardware/mappings/&lt;family&gt;/&lt;workload&gt;.yaml
 * @param tileX 0 = the whole width of the last layer ("full"); likewise tileY
 * @param clockMhz 0 when not given (needed for latency_ms)
 * @param measured metric → measured value
 * @param relUncertainty relative 1-σ uncertainty of the measured values (weights the calibration)
 * @param include false: reported, but neither in the error summary nor in the calibration
 * @param line the row's line in the file
 */
public record Measurement(String id, Path workload, Path accelerator, Path mapping, long tileX, long tileY, String overlap,
                          String cuts, int lpfLimit, String compat, double clockMhz, Map<Metric, Double> measured,
                          double relUncertainty, boolean include, String source, String notes, int line) {

    /** The schedule as one string, e.g. {@code 960x1 fully-cached, cuts auto, LPF 6}. */
    public String schedule() {
        return (tileX == 0 ? "full" : Long.toString(tileX)) + "x" + (tileY == 0 ? "full" : Long.toString(tileY)) + " " + overlap
                + ", cuts " + cuts + ", LPF " + lpfLimit + (compat.equals("fixed") ? "" : ", " + compat);
    }
}
