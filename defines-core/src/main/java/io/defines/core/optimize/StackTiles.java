package io.defines.core.optimize;

import io.defines.core.schedule.TileSize;
import java.util.ArrayList;
import java.util.List;

/**
 * Tile candidates of one stack, from the map of its last layer (docs/schedules.md, "--tiles auto"):
 * tiles that divide the map exactly, so no remainder tile is left — full-width stripes of 1, 2, 4, …, 64
 * rows (line-buffer schedules) and equal k × k grids for k = 2, 4, 8 — where the map's sizes allow them.
 */
public final class StackTiles {

    private static final long[] STRIPE_ROWS = {1, 2, 4, 8, 16, 32, 64};
    private static final long[] GRIDS = {2, 4, 8};

    private StackTiles() {
    }

    /** The candidates for an output map of {@code ox} × {@code oy} (1 × 1 for a map without feature axes: none). */
    public static List<TileSize> of(long ox, long oy) {
        List<TileSize> out = new ArrayList<>();
        if (ox <= 1 && oy <= 1) {
            return out;
        }
        for (long rows : STRIPE_ROWS) {
            if (rows < oy && oy % rows == 0) {
                out.add(new TileSize(ox, rows));
            }
        }
        for (long k : GRIDS) {
            if (ox % k == 0 && oy % k == 0 && ox / k >= 1 && oy / k >= 1) {
                out.add(new TileSize(ox / k, oy / k));
            }
        }
        return out;
    }
}
