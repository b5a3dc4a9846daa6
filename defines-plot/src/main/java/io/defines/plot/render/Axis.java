package io.defines.plot.render;

import io.defines.plot.logic.Ticks;
import java.util.List;

/**
 * A numeric axis: a value range mapped onto a pixel range, linearly or logarithmically, with its ticks.
 * The range is padded so that markers at the extremes stay inside the plot.
 */
public record Axis(double min, double max, boolean log, double from, double to) {

    /** An axis over the data [lo, hi], padded by {@code pad} (a fraction of the range, in log space for log axes). */
    public static Axis over(double lo, double hi, boolean log, double pad, double from, double to) {
        if (log) {
            double a = Math.log10(lo);
            double b = Math.log10(hi);
            double span = b - a == 0 ? 1 : b - a;
            return new Axis(Math.pow(10, a - pad * span), Math.pow(10, b + pad * span), true, from, to);
        }
        double span = hi - lo == 0 ? Math.max(1, Math.abs(hi)) : hi - lo;
        return new Axis(lo - pad * span, hi + pad * span, false, from, to);
    }

    public double map(double v) {
        double f = log ? (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)) : (v - min) / (max - min);
        return from + f * (to - from);
    }

    public List<Double> ticks(int maxTicks) {
        return log ? Ticks.log(min, max, maxTicks) : Ticks.linear(min, max, maxTicks);
    }

    public static String label(double v) {
        return Ticks.label(v);
    }
}
