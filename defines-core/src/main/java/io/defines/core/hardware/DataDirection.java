package io.defines.core.hardware;

/**
 * The four directions data moves through a memory level, as ZigZag names them in port
 * allocations: written in by the level above ({@code fh}), read out to the level below
 * ({@code tl}), written in by the level below ({@code fl}, partial sums coming back up) and read
 * out to the level above ({@code th}).
 */
public enum DataDirection {
    FROM_HIGH("fh", true),
    TO_LOW("tl", false),
    FROM_LOW("fl", true),
    TO_HIGH("th", false);

    private final String code;
    private final boolean write;

    DataDirection(String code, boolean write) {
        this.code = code;
        this.write = write;
    }

    /** The two-letter code used in YAML allocations. */
    public String code() {
        return code;
    }

    /** True when data is written into this memory in this direction. */
    public boolean isWrite() {
        return write;
    }

    public static DataDirection parse(String code) {
        for (DataDirection d : values()) {
            if (d.code.equals(code)) {
                return d;
            }
        }
        return null;
    }
}
