package io.defines.core.depthfirst;

import io.defines.core.schedule.TileSize;
import java.util.ArrayList;
import java.util.List;

/**
 * The tiles of a stack's output: columns and rows as {start, size}, the remainder tile first
 * (docs/depth-first.md, "Tiles"); tile index = row · columns + column.
 */
record TileGrid(List<long[]> cols, List<long[]> rows, long width, long height, TileSize tile) {

    static TileGrid of(Stack stack, TileSize tile) {
        long w = stack.width();
        long h = stack.height();
        return new TileGrid(axis(w, tile.x()), axis(h, tile.y()), w, h, tile);
    }

    /** (start, size) of each tile along one axis, the remainder tile first. */
    static List<long[]> axis(long size, long tile) {
        long t = Math.min(tile, size);
        long leftover = size % t == 0 ? t : size % t;
        List<long[]> out = new ArrayList<>();
        out.add(new long[] {0, leftover});
        for (long x = leftover; x < size; x += t) {
            out.add(new long[] {x, t});
        }
        return out;
    }

    int columns() {
        return cols.size();
    }

    int tiles() {
        return rows.size() * cols.size();
    }

    /** Whether a column (a row) is the last one: no tile after it reads its overlap. */
    boolean lastColumn(long[] col) {
        return col[0] + tile.x() >= width;
    }

    boolean lastRow(long[] row) {
        return row[0] + tile.y() >= height;
    }
}
