package io.defines.plot.logic;

import java.awt.Color;

/**
 * Maps values to colours along viridis (perceptually uniform, readable in grey and by colour-blind
 * readers), on a log or linear scale over [min, max]. Values outside are clamped.
 */
public record ColourScale(double min, double max, boolean log) {

    /** Viridis at 9 evenly spaced stops (matplotlib's table), interpolated linearly in RGB between them. */
    private static final int[] STOPS = {0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21918C, 0x28AE80, 0x5EC962, 0xADDC30, 0xFDE725};

    public ColourScale {
        if (!(min <= max)) {
            throw new IllegalArgumentException("min " + min + " > max " + max);
        }
        if (log && !(min > 0)) {
            throw new IllegalArgumentException("a log colour scale needs positive values, not " + min);
        }
    }

    /** Position of {@code v} on the scale, 0 (min) … 1 (max). */
    public double fraction(double v) {
        if (max == min) {
            return 0.5;
        }
        double f = log ? (Math.log(v) - Math.log(min)) / (Math.log(max) - Math.log(min)) : (v - min) / (max - min);
        return Math.max(0, Math.min(1, f));
    }

    public Color colour(double v) {
        return at(fraction(v));
    }

    /** The colour at a fraction 0 … 1 of the scale. */
    public static Color at(double f) {
        double x = Math.max(0, Math.min(1, f)) * (STOPS.length - 1);
        int i = Math.min((int) Math.floor(x), STOPS.length - 2);
        double t = x - i;
        int a = STOPS[i];
        int b = STOPS[i + 1];
        return new Color(mix(a >> 16, b >> 16, t), mix(a >> 8, b >> 8, t), mix(a, b, t));
    }

    private static int mix(int a, int b, double t) {
        return (int) Math.round((a & 0xFF) * (1 - t) + (b & 0xFF) * t);
    }

    /** Black or white, whichever contrasts more with {@code background} (WCAG relative luminance). */
    public static Color textOn(Color background) {
        double l = luminance(background);
        return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? Color.BLACK : Color.WHITE;
    }

    static double luminance(Color c) {
        return 0.2126 * lin(c.getRed()) + 0.7152 * lin(c.getGreen()) + 0.0722 * lin(c.getBlue());
    }

    private static double lin(int channel) {
        double s = channel / 255.0;
        return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    }
}
