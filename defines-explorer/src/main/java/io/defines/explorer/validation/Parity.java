package io.defines.explorer.validation;

import java.util.List;

/**
 * What the parity figure of one metric shows: per measurement row that has the metric (and a positive
 * model value), the measured value against the model's. With a calibration, {@code model} is the
 * calibrated model and {@code uncalibrated} the input accelerator's; without, {@code uncalibrated} is
 * NaN. The CLI draws it (figures/parity-&lt;metric&gt;.*); this package draws nothing.
 */
public record Parity(Metric metric, List<Point> points) {

    public Parity {
        points = List.copyOf(points);
    }

    /** One row: measured, modelled, modelled before calibration (NaN = none), and its label. */
    public record Point(double measured, double model, double uncalibrated, String label) {
    }
}
