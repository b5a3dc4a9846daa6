package io.defines.plot.logic;

import io.defines.results.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Tick positions for linear and logarithmic axes, and tick labels. */
public final class Ticks {
    private Ticks() {
    }

    /**
     * Ticks of a log axis over [min, max] (both &gt; 0): powers of ten when the range spans at least two
     * decades (every k-th decade when more than {@code maxTicks} of them), else the 1-2-5 series, else
     * (less than a factor 5) the linear ticks. Always at least two ticks inside [min, max] when the
     * range is not empty.
     */
    public static List<Double> log(double min, double max, int maxTicks) {
        check(min, max);
        if (!(min > 0)) {
            throw new IllegalArgumentException("a log axis needs positive values, not " + min);
        }
        double lo = Math.log10(min);
        double hi = Math.log10(max);
        List<Double> out = new ArrayList<>();
        int first = (int) Math.ceil(lo - 1e-9);
        int last = (int) Math.floor(hi + 1e-9);
        if (last - first + 1 >= 3 || (last - first + 1 == 2 && hi - lo < 1.3)) {
            int step = Math.max(1, (int) Math.ceil((last - first + 1) / (double) maxTicks));
            for (int e = first; e <= last; e += step) {
                out.add(Math.pow(10, e));
            }
            return out;
        }
        for (int e = (int) Math.floor(lo) - 1; e <= (int) Math.ceil(hi); e++) {
            for (int m : new int[] {1, 2, 5}) {
                double v = m * Math.pow(10, e);
                if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) {
                    out.add(v);
                }
            }
        }
        if (out.size() >= 2 && out.size() <= maxTicks) {
            return out;
        }
        if (out.size() > maxTicks) { // 1-3 series, then decades
            List<Double> ones = new ArrayList<>();
            for (int e = (int) Math.floor(lo) - 1; e <= (int) Math.ceil(hi); e++) {
                for (int m : new int[] {1, 3}) {
                    double v = m * Math.pow(10, e);
                    if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) {
                        ones.add(v);
                    }
                }
            }
            if (ones.size() <= maxTicks) {
                return ones;
            }
            List<Double> decades = new ArrayList<>();
            for (int e = first; e <= last; e++) {
                decades.add(Math.pow(10, e));
            }
            return decades;
        }
        return linear(min, max, maxTicks);
    }

    /** "Nice" linear ticks (steps 1, 2, 2.5 or 5 × 10^k) inside [min, max], at most {@code maxTicks}. */
    public static List<Double> linear(double min, double max, int maxTicks) {
        check(min, max);
        if (maxTicks < 2) {
            throw new IllegalArgumentException("at least 2 ticks");
        }
        if (max == min) {
            return List.of(min);
        }
        // the smallest nice step (1, 2, 2.5, 5 × 10^k) that gives at most maxTicks ticks, preferring ≥ 2 of them
        double raw = (max - min) / (maxTicks - 1);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)) - 1);
        double chosen = Double.NaN;
        double fallback = Double.NaN;
        for (int k = 0; k < 40 && Double.isNaN(chosen); k++) {
            double m = new double[] {1, 2, 2.5, 5}[k % 4] * mag * Math.pow(10, k / 4);
            long count = (long) Math.floor(max / m + 1e-9) - (long) Math.ceil(min / m - 1e-9) + 1;
            if (count <= maxTicks && count >= 2) {
                chosen = m;
            } else if (count == 1 && Double.isNaN(fallback)) {
                fallback = m;
            }
        }
        double step = Double.isNaN(chosen) ? fallback : chosen;
        List<Double> out = new ArrayList<>();
        if (Double.isNaN(step)) {
            return List.of(min, max);
        }
        long k0 = (long) Math.ceil(min / step - 1e-9);
        for (long k = k0; k * step <= max + step * 1e-9; k++) {
            double v = k * step;
            out.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return out;
    }

    /** A tick label: powers of ten ≥ 10⁶ or ≤ 10⁻³ as 1e6 …, other values from 10⁶ on as 2.5e+06, the rest with up to 3 significant digits. */
    public static String label(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        double e = Math.log10(a);
        if ((a >= 1e6 || a <= 1e-3) && Math.abs(e - Math.rint(e)) < 1e-9) {
            return (v < 0 ? "-" : "") + "1e" + (long) Math.rint(e);
        }
        if (a >= 1e6 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.2g", v);
        }
        return Numbers.significant(v, 3);
    }

    private static void check(double min, double max) {
        if (!(min <= max) || Double.isInfinite(min) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("not a range: [" + min + ", " + max + "]");
        }
    }
}
