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

    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
