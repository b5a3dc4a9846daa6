package io.defines.core.schedule;

import io.defines.core.compat.CompatFlags;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A depth-first schedule: where the network is cut into stacks, how each stack is tiled, the LOMA
 * limit of the single-layer searches and the compatibility flags. {@code stacks} holds one entry per
 * stack (in stack order) or a single entry that applies to every stack — a grid point of an
 * exploration is {@link #uniform}. DeFiNES' modes: fully-recompute = (recompute, recompute),
 * H-cached V-recompute = (cache, recompute), fully-cached = (cache, cache). {@code onChip} names the
 * boundary tensors kept in an on-chip memory instead of the off-chip one (producing layer id → memory
 * name; docs/schedules.md, "Boundary tensors"); empty: all off chip, as DeFiNES does.
 */
public record Schedule(CutPolicy cuts, List<StackSettings> stacks, int lpfLimit, CompatFlags flags, Map<Integer, String> onChip) {

    public Schedule {
        Objects.requireNonNull(cuts, "cuts");
        Objects.requireNonNull(flags, "flags");
        stacks = List.copyOf(stacks);
        onChip = Map.copyOf(onChip);
        if (stacks.isEmpty()) {
            throw new IllegalArgumentException("a schedule needs the settings of at least one stack");
        }
    }

    /** Every boundary tensor off chip. */
    public Schedule(CutPolicy cuts, List<StackSettings> stacks, int lpfLimit, CompatFlags flags) {
        this(cuts, stacks, lpfLimit, flags, Map.of());
    }

    /** One tile size and one strategy pair for every stack. */
    public static Schedule uniform(TileSize tile, OverlapStrategy h, OverlapStrategy v, CutPolicy cuts, int lpfLimit, CompatFlags flags) {
        return new Schedule(cuts, List.of(new StackSettings(tile, h, v)), lpfLimit, flags);
    }

    /** As {@link #uniform(TileSize, OverlapStrategy, OverlapStrategy, CutPolicy, int, CompatFlags)}, tile as numbers. */
    public static Schedule uniform(long tileX, long tileY, OverlapStrategy h, OverlapStrategy v, CutPolicy cuts, int lpfLimit,
                                   CompatFlags flags) {
        return uniform(new TileSize(tileX, tileY), h, v, cuts, lpfLimit, flags);
    }

    /** DeFiNES' form: caching (true) or recomputing (false) the overlap in each direction, for every stack. */
    public static Schedule cachingOrRecompute(long tileX, long tileY, boolean cacheH, boolean cacheV, CutPolicy cuts, int lpfLimit,
                                              CompatFlags flags) {
        return uniform(tileX, tileY, cacheH ? OverlapStrategy.CACHE : OverlapStrategy.RECOMPUTE,
                cacheV ? OverlapStrategy.CACHE : OverlapStrategy.RECOMPUTE, cuts, lpfLimit, flags);
    }

    /**
     * The settings of stack {@code index} out of {@code count}; IllegalArgumentException when the
     * schedule lists settings for another number of stacks.
     */
    public StackSettings forStack(int index, int count) {
        if (stacks.size() == 1) {
            return stacks.get(0);
        }
        if (stacks.size() != count) {
            throw new IllegalArgumentException("the schedule gives settings for " + stacks.size() + " stacks, but its cuts make " + count);
        }
        return stacks.get(index);
    }
}
