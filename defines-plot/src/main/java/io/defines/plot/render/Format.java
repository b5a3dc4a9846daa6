package io.defines.plot.render;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

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

    /** The formats named in a --formats list (null = all three); an IllegalArgumentException ("… Maybe …") for an unknown name. */
    public static Set<Format> parseAll(List<String> names) {
        if (names == null) {
            return EnumSet.allOf(Format.class);
        }
        Set<Format> out = EnumSet.noneOf(Format.class);
        for (String n : names) {
            out.add(parse(n).orElseThrow(() -> new IllegalArgumentException("--formats '" + n + "' is not a format. Maybe --formats png,svg,pdf")));
        }
        return out;
    }
}
