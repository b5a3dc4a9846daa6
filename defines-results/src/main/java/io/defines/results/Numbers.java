package io.defines.results;

import java.math.BigDecimal;
import java.math.MathContext;

/** Number formatting shared by the text result files (validate-model's summary) and the figures' labels. */
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
}
