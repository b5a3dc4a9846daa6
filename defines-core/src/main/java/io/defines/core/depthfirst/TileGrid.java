package io.defines.core.depthfirst;

import io.defines.core.schedule.TileSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * The tiles of a stack's output: columns and rows as {start, size, weight}, the remainder tile first
 * (docs/depth-first.md, "Tiles"). A slot is one (row, column) pair, slot index = row · columns + column.
 * <p>
 * A grid may be <em>reduced</em>: a run of three or more columns (rows) that behave alike — the same
 * size, edge and, in positional stacks, the same position signature — keeps its first member, one member
 * standing for the inner ones (its weight their count) and its last member. A tile's cache placement and
 * tile type depend only on itself and its neighbours in the run order, and the planner's running state
 * does not change on a repeated neighbourhood, so the reduced grid yields the same tile types with the same
 * tile counts (ReducedGridTest) while visiting a handful of slots instead of every tile (518 400 for
 * 1×1 tiles of a 960×540 map).
 */
record TileGrid(List<long[]> cols, List<long[]> rows, long width, long height, TileSize tile) {

    /** Every tile its own slot (the reference the reduced grid is checked against). */
    static TileGrid full(Stack stack, TileSize tile) {
        long w = stack.width();
        long h = stack.height();
        return new TileGrid(axis(w, tile.x()), axis(h, tile.y()), w, h, tile);
    }

    /** The grid with runs of alike columns and rows reduced (see the class comment). */
    static TileGrid of(Stack stack, TileSize tile) {
        TileGrid full = full(stack, tile);
        List<long[]> cols = full.cols();
        List<long[]> rows = full.rows();
        if (!stack.positional()) {
            return new TileGrid(reduce(cols, i -> new AxisKey(cols.get(i)[1], i == 0, null)),
                    reduce(rows, i -> new AxisKey(rows.get(i)[1], i == 0, null)), full.width(), full.height(), tile);
        }
        TilePositions positions = new TilePositions(stack, cols, rows);
        return positions.reduced()
                .map(g -> new TileGrid(g.get(0), g.get(1), full.width(), full.height(), tile))
                .orElse(full);
    }

    /** What makes two columns (rows) behave alike. */
    record AxisKey(long size, boolean first, Object positionSignature) {
    }

    /** (start, size, 1) of each tile along one axis, the remainder tile first. */
    static List<long[]> axis(long size, long tile) {
        long t = Math.min(tile, size);
        long leftover = size % t == 0 ? t : size % t;
        List<long[]> out = new ArrayList<>();
        out.add(new long[] {0, leftover, 1});
        for (long x = leftover; x < size; x += t) {
            out.add(new long[] {x, t, 1});
        }
        return out;
    }

    /** Runs of ≥ 3 alike entries become first, one inner member weighted by the inner count, last. */
    static List<long[]> reduce(List<long[]> axis, IntFunction<Object> key) {
        List<long[]> out = new ArrayList<>();
        int i = 0;
        while (i < axis.size()) {
            Object k = key.apply(i);
            int end = i + 1;
            while (end < axis.size() && Objects.equals(key.apply(end), k)) {
                end++;
            }
            int length = end - i;
            if (length < 3) {
                for (int j = i; j < end; j++) {
                    out.add(axis.get(j));
                }
            } else {
                long[] inner = axis.get(i + 1);
                out.add(axis.get(i));
                out.add(new long[] {inner[0], inner[1], length - 2});
                out.add(axis.get(end - 1));
            }
            i = end;
        }
        return out;
    }

    int columns() {
        return cols.size();
    }

    /** Slots visited: (row, column) pairs of the possibly reduced grid. */
    int slots() {
        return rows.size() * cols.size();
    }

    /** Tiles of the stack's output (each slot counts its row's weight times its column's). */
    long tiles() {
        return weight(rows) * weight(cols);
    }

    private static long weight(List<long[]> axis) {
        long n = 0;
        for (long[] a : axis) {
            n += a[2];
        }
        return n;
    }

    /** Whether a column (a row) is the last one: no tile after it reads its overlap. */
    boolean lastColumn(long[] col) {
        return col[0] + tile.x() >= width;
    }

    boolean lastRow(long[] row) {
        return row[0] + tile.y() >= height;
    }
}
