package io.defines.plot.logic;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Number formatting for labels and cells. */
public final class Numbers {
    private Numbers() {
    }

    /** {@code v} rounded to {@code digits} significant digits, without exponent or trailing zeros: 2.15, 18.3, 1830, 0.0042. */
    public static String significant(double v, int digits) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal b = new BigDecimal(v).round(new MathContext(digits));
        String s = b.stripTrailingZeros().toPlainString();
        return s.startsWith("-0") && new BigDecimal(s).signum() == 0 ? "0" : s;
    }

    /** A tick label: powers of ten ≥ 10⁶ or ≤ 10⁻³ as 1e6 …, other values from 10⁶ on as 2.5e+06, the rest with up to 3 significant digits. */
    public static String tick(double v) {
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
        return significant(v, 3);
    }
}
