package io.defines.core.hardware;

import java.util.Objects;

/**
 * How transfers to and from the off-chip memory share time with compute (a defines extension of the
 * accelerator file, {@code transfers:} on the off-chip memory; docs/latency.md). The depth-first
 * latency in the default mode follows it; {@code --compat defines2023} keeps DeFiNES' latency_total1,
 * which counts on-loading and leaves off-loading out.
 *
 * @param link     {@link Link#SEPARATE}: reads and writes use their own ports and may run at the same
 *                 time; {@link Link#SHARED}: one link, a read and a write never overlap
 * @param prefetch whether a layer run's off-chip inputs and weights are fetched while the run before it
 *                 computes (else they are fetched before it computes, as DeFiNES counts them)
 * @param drain    {@link Drain#BACKGROUND}: a layer run's outputs drain to the off-chip memory while the
 *                 next run computes; {@link Drain#STALL}: the next run waits until they are written
 */
public record OffChipTransfers(Link link, boolean prefetch, Drain drain) {

    /** The default: separate ports, no prefetch, outputs drain in the background. */
    public static final OffChipTransfers DEFAULT = new OffChipTransfers(Link.SEPARATE, false, Drain.BACKGROUND);

    public OffChipTransfers {
        Objects.requireNonNull(link);
        Objects.requireNonNull(drain);
    }

    /** The off-chip memory's ports: one shared link or separate read and write ports. */
    public enum Link {
        SEPARATE, SHARED
    }

    /** Whether outputs going off chip overlap the next run or stall it. */
    public enum Drain {
        BACKGROUND, STALL
    }
}
