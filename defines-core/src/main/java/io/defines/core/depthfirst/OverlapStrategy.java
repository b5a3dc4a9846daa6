package io.defines.core.depthfirst;

/**
 * What happens to the overlap between adjacent tiles in one direction: recompute it, keep it in the
 * lowest on-chip memory level that fits (DeFiNES' caching), or write it to and read it back from the
 * top memory level (off-chip, the "global" method).
 */
public enum OverlapStrategy {
    RECOMPUTE, CACHE, GLOBAL;

    public static OverlapStrategy parse(String s) {
        return switch (s) {
            case "recompute" -> RECOMPUTE;
            case "cache" -> CACHE;
            case "global" -> GLOBAL;
            default -> throw new IllegalArgumentException("unknown overlap strategy '" + s + "' (recompute, cache or global)");
        };
    }

    /**
     * A strategy per direction {horizontal, vertical} from DeFiNES' mode names (fully-recompute,
     * h-cached-v-recompute, fully-cached) or {@code h=<s>,v=<s>}; null when not recognised.
     */
    public static OverlapStrategy[] parsePair(String text) {
        switch (text) {
            case "fully-recompute":
                return new OverlapStrategy[] {RECOMPUTE, RECOMPUTE};
            case "h-cached-v-recompute":
                return new OverlapStrategy[] {CACHE, RECOMPUTE};
            case "fully-cached":
                return new OverlapStrategy[] {CACHE, CACHE};
            default:
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("^h=(\\w+),v=(\\w+)$").matcher(text.replace(" ", ""));
                if (!m.matches()) {
                    return null;
                }
                try {
                    return new OverlapStrategy[] {parse(m.group(1)), parse(m.group(2))};
                } catch (IllegalArgumentException e) {
                    return null;
                }
        }
    }

    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
