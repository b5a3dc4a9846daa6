package io.defines.core.schedule;

import java.util.Objects;

/**
 * How one stack is tiled: its tile size (in the OX × OY of the stack's last layer) and the overlap
 * strategy between horizontally adjacent tiles and between tile rows.
 */
public record StackSettings(TileSize tile, OverlapStrategy horizontal, OverlapStrategy vertical) {

    public StackSettings {
        Objects.requireNonNull(tile, "tile");
        Objects.requireNonNull(horizontal, "horizontal");
        Objects.requireNonNull(vertical, "vertical");
    }

    /** {@code h=<name>,v=<name>}. */
    public String overlapText() {
        return "h=" + horizontal.cliName() + ",v=" + vertical.cliName();
    }
}
