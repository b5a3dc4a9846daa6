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

    /** {@code "60x72"} (also {@code X} or {@code ×}); IllegalArgumentException with the text when it is not of that form. */
    public static TileSize parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches() || Long.parseLong(m.group(1)) <= 0 || Long.parseLong(m.group(2)) <= 0) {
            throw new IllegalArgumentException("'" + text + "' is not of the form <TX>x<TY> with positive sizes");
        }
        return new TileSize(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    }

    @Override
    public String toString() {
        return x + "x" + y;
    }
}
