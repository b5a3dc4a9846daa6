package io.defines.core.input;

import io.defines.core.input.Node.ScalarNode;
import io.defines.core.input.Node.ScalarType;

/**
 * The allowed values of one kind of integer in the input files, with its unit, so that every number
 * is checked where it is read and a rejected one is reported with what would have been accepted:
 * {@code "loop size must be positive and at most 2147483647 (2^31-1), found 0"}. The limits are
 * documented in docs/input-formats.md ("Numbers and their ranges"): sizes that the model multiplies
 * are kept to an int each, and the products the reader checks ({@link #PRODUCT_MAX}) leave the
 * model's own sums and products of them room in a long.
 */
public record IntRange(long min, long max, String unit) {

    /** 2³¹−1, the largest loop size, id, coefficient, bandwidth, … */
    public static final long INT_MAX = Integer.MAX_VALUE;
    /** 2⁶², the largest product the readers accept: a layer's MACs, a tensor's bits, a memory's size in bits. */
    public static final long PRODUCT_MAX = 1L << 62;

    public static final IntRange PRECISION = new IntRange(1, 64, "bits");
    public static final IntRange LOOP_SIZE = new IntRange(1, INT_MAX, "");
    public static final IntRange LAYER_ID = new IntRange(0, INT_MAX, "");
    public static final IntRange COEFFICIENT = new IntRange(1, INT_MAX, "");
    public static final IntRange PADDING = new IntRange(0, INT_MAX, "elements");
    public static final IntRange ARRAY_SIZE = new IntRange(1, INT_MAX, "MAC units");
    public static final IntRange MEMORY_SIZE = new IntRange(1, PRODUCT_MAX, "bits");
    public static final IntRange BANDWIDTH = new IntRange(1, INT_MAX, "bits per cycle");
    public static final IntRange CYCLES = new IntRange(0, INT_MAX, "cycles");
    public static final IntRange UNROLL = new IntRange(1, INT_MAX, "");
    public static final IntRange TILE = new IntRange(1, INT_MAX, "output pixels");
    public static final IntRange LPF_LIMIT = new IntRange(1, 64, "");

    /** Whether {@code v} is allowed; false for null. */
    public boolean contains(Long v) {
        return v != null && v >= min && v <= max;
    }

    /** The allowed values in words: "positive and at most 2147483647 (2^31-1)", "from 0 to 64 bits", … */
    public String text() {
        String upper = number(max) + (unit.isEmpty() ? "" : " " + unit);
        return min == 1 && max >= INT_MAX ? "positive and at most " + upper : "from " + number(min) + " to " + upper;
    }

    private static String number(long v) {
        if (v == INT_MAX) {
            return v + " (2^31-1)";
        }
        if (v == PRODUCT_MAX) {
            return v + " (2^62)";
        }
        return Long.toString(v);
    }

    /**
     * Reports {@code "WHAT must be RANGE, found V"} at {@code v}'s node when its value is outside the
     * range (V as written, so that an integer too large for a long shows as written); true when it is
     * inside. An absent value is not reported (its absence or its type already was).
     */
    public boolean check(Located<Long> v, Problems problems, String what, String hint) {
        if (v.value() == null || contains(v.value())) {
            return true;
        }
        problems.error(v.node(), what + " must be " + text() + ", found " + found(v), hint);
        return false;
    }

    /** The value as written: the text of an integer scalar, else the number. */
    public static String found(Located<Long> v) {
        if (v.node() instanceof ScalarNode s && s.type() == ScalarType.INTEGER) {
            return s.text();
        }
        return String.valueOf(v.value());
    }

    /**
     * Parses command-line text: the integer when it is one in range, else an IllegalArgumentException
     * "WHAT must be RANGE, found 'TEXT'".
     */
    public long parse(String text, String what) {
        String t = text.trim();
        long v;
        try {
            v = Long.parseLong(t);
        } catch (NumberFormatException e) {
            if (t.matches("[+-]?\\d+")) {
                throw new IllegalArgumentException(what + " must be " + text() + ", found " + t);
            }
            throw new IllegalArgumentException(what + " must be an integer (" + text() + "), found '" + t + "'");
        }
        if (!contains(v)) {
            throw new IllegalArgumentException(what + " must be " + text() + ", found " + t);
        }
        return v;
    }
}
