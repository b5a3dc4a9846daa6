package io.defines.explorer.cli;

import io.defines.explorer.validation.Metric;
import io.defines.explorer.validation.Parity;
import io.defines.explorer.validation.Validation;
import io.defines.plot.figures.ParityFigure;
import io.defines.plot.render.Exporter;
import io.defines.plot.render.Format;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Draws validate-model's parity figures, {@code parity-<metric>.<format>}, from a validation's
 * report: the validation computes the data, the plot module draws, and only the CLI knows both.
 */
public final class ParityFigures {
    private ParityFigures() {
    }

    /** One figure per metric of the report, in every format, into {@code dir}. */
    public static void write(Validation.Report report, Path dir, Set<Format> formats) throws IOException {
        for (Parity p : report.parity()) {
            List<ParityFigure.Item> items = new ArrayList<>();
            p.points().forEach(q -> items.add(new ParityFigure.Item(q.measured(), q.model(), q.uncalibrated(), q.label())));
            String column = p.metric().column();
            ParityFigure f = new ParityFigure("parity-" + column.replace('_', '-'), "Model vs measured: " + column, unit(p.metric()), items, 0.10, 300);
            for (Format fmt : formats) {
                Exporter.write(f, fmt, dir);
            }
        }
    }

    private static String unit(Metric metric) {
        return switch (metric) {
            case LATENCY_CYCLES -> "(cycles)";
            case LATENCY_MS -> "(ms)";
            case ENERGY_PJ -> "(pJ)";
            case TOPS_PER_W, TOPS_PER_W_CORE -> "(TOPS/W)";
            case OFFCHIP_BITS -> "(bits)";
        };
    }
}
