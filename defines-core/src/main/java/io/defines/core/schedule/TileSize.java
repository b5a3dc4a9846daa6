package io.defines.core.schedule;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tile size in the OX × OY of a stack's last layer (elements). Sizes larger than the feature map are
 * clipped to it by the engine, so {@code 960x540} on FSRCNN is the whole map.
 */
public record TileSize(long x, long y) {

    private static final Pattern FORM = Pattern.compile("^(\\d{1,18})[xX×](\\d{1,18})$");

    public TileSize {
        if (x <= 0 || y <= 0) {
            throw new IllegalArgumentException("tile sizes must be positive, found " + x + "x" + y);
        }
    }

    /** The largest tile size along an axis, 2³¹−1 output pixels (larger ones are clipped to the map anyway). */
    public static final long MAX = Integer.MAX_VALUE;

    /**
     * {@code "60x72"} (also {@code X} or {@code ×}), each size from 1 to {@link #MAX}; IllegalArgumentException
     * with the text when it is not of that form or a size is out of range.
     */
    public static TileSize parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        long x = m.matches() ? Long.parseLong(m.group(1)) : 0;
        long y = m.matches() ? Long.parseLong(m.group(2)) : 0;
        if (x < 1 || y < 1 || x > MAX || y > MAX) {
            throw new IllegalArgumentException("'" + text + "' is not of the form <TX>x<TY> with sizes from 1 to " + MAX
                    + " (2^31-1) output pixels");
        }
        return new TileSize(x, y);
    }

    @Override
    public String toString() {
        return x + "x" + y;
    }
}
