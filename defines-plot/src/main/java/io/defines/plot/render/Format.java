package io.defines.plot.render;

import java.util.Locale;
import java.util.Optional;

/** The file formats figures are written in. */
public enum Format {
    PNG, SVG, PDF;

    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Format> parse(String s) {
        for (Format f : values()) {
            if (f.extension().equalsIgnoreCase(s.trim())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
