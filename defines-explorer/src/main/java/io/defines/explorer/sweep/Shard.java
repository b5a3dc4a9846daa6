package io.defines.explorer.sweep;

/**
 * The i-th (1-based) of {@code count} slices of the points: the points whose index ≡ i − 1 (mod
 * count). Round-robin keeps the slices balanced also when expensive points cluster (small tiles).
 */
public record Shard(int index, int count) {
    public static final Shard ALL = new Shard(1, 1);

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("a shard is i/N with 1 ≤ i ≤ N, not " + index + "/" + count);
        }
    }

    public boolean contains(int point) {
        return point % count == index - 1;
    }

    /** From "i/N". */
    public static Shard parse(String text) {
        String[] p = text.split("/");
        try {
            if (p.length == 2) {
                return new Shard(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("--shard '" + text + "' is not i/N. Maybe --shard 1/3");
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
