package io.defines.core.depthfirst;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alike columns and rows of a positional stack (docs/depth-first.md, "Padding"): a tile's signature is
 * what its back-propagation yields that depends on where it sits — every node's clipped loop sizes,
 * input caps, overlaps and parts of other outputs. A column's signature is the list of its tiles'
 * signatures in a set of reference rows, and a row's in a set of reference columns; the references are
 * refined until each axis's classes are computed from one representative of every class of the other
 * axis. When that does not settle within a few rounds the full grid is used.
 */
final class TilePositions {

    private static final int ROUNDS = 4;

    private final Stack stack;
    private final List<long[]> cols;
    private final List<long[]> rows;
    private final Map<Long, String> signatures = new HashMap<>();

    TilePositions(Stack stack, List<long[]> cols, List<long[]> rows) {
        this.stack = stack;
        this.cols = cols;
        this.rows = rows;
    }

    /** The reduced columns and rows, or empty when the classes did not settle. */
    Optional<List<List<long[]>>> reduced() {
        List<Integer> refRows = List.of(0, rows.size() - 1);
        for (int round = 0; round < ROUNDS; round++) {
            List<Integer> rr = refRows;
            List<long[]> rc = TileGrid.reduce(cols, i -> new TileGrid.AxisKey(cols.get(i)[1], i == 0, columnKey(i, rr)));
            List<Integer> refCols = indices(rc, cols);
            List<long[]> rRows = TileGrid.reduce(rows, j -> new TileGrid.AxisKey(rows.get(j)[1], j == 0, rowKey(j, refCols)));
            List<Integer> next = indices(rRows, rows);
            if (next.containsAll(refRows) && refRows.containsAll(next)) {
                return Optional.of(List.of(rc, rRows));
            }
            refRows = next;
        }
        return Optional.empty();
    }

    private List<String> columnKey(int col, List<Integer> refRows) {
        List<String> key = new ArrayList<>(refRows.size());
        refRows.forEach(r -> key.add(signature(col, r)));
        return key;
    }

    private List<String> rowKey(int row, List<Integer> refCols) {
        List<String> key = new ArrayList<>(refCols.size());
        refCols.forEach(c -> key.add(signature(c, row)));
        return key;
    }

    /** Indices in the full axis of the entries a reduced axis keeps (matched by start). */
    private static List<Integer> indices(List<long[]> reduced, List<long[]> full) {
        List<Integer> out = new ArrayList<>();
        int j = 0;
        for (long[] r : reduced) {
            while (full.get(j)[0] != r[0]) {
                j++;
            }
            out.add(j);
        }
        return out;
    }

    /** The tile's signature, with and without its overlaps reused. */
    private String signature(int col, int row) {
        return signatures.computeIfAbsent((long) row * cols.size() + col, k -> {
            long[] c = cols.get(col);
            long[] r = rows.get(row);
            StringBuilder sb = new StringBuilder();
            append(sb, stack.propagate(new BackPropagation.Request(c[1], r[1], false, true, false, true, stack.position(c[0], r[0]))));
            append(sb, stack.propagate(new BackPropagation.Request(c[1], r[1], c[0] > 0, true, r[0] > 0, true, stack.position(c[0], r[0]))));
            return sb.toString();
        });
    }

    private static void append(StringBuilder sb, BackPropagation.Result r) {
        for (DfNode n : r.discovery()) {
            sb.append(n.key).append(r.sizes().get(n)).append(';');
        }
        r.caps().forEach((k, v) -> sb.append(k.node().key).append(k.operand()).append(v));
        r.outputParts().forEach((n, v) -> sb.append(n.key).append(v));
        r.colsOut().forEach((n, o) -> sb.append('h').append(n.key).append(o));
        r.rowsOut().forEach((n, o) -> sb.append('v').append(n.key).append(o));
        r.colsIn().forEach((k, o) -> sb.append('H').append(k.node().key).append(k.operand()).append(o));
        r.rowsIn().forEach((k, o) -> sb.append('V').append(k.node().key).append(k.operand()).append(o));
        sb.append('|');
    }
}
