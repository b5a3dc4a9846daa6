package io.defines.core.depthfirst;

import io.defines.core.hardware.Memory;
import io.defines.core.schedule.StackSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The second pass over a stack's tiles (docs/depth-first.md, "Tile types"): groups the tiles that
 * cost the same into tile types, in the order of their first tile.
 */
final class TileTypes {

    private TileTypes() {
    }

    /**
     * What makes two tiles the same tile type: size, weight fetch, cache levels (memory indices, −1
     * none) and cache maps (numbered by content), and for positional stacks the position signature (else null).
     */
    private record TypeKey(long tx, long ty, boolean first, int makeH, int useH, int hWrite, int hRead, int makeV, int useV,
                           int vWrite, int vRead, String padding) {
    }

    /** A tile type being counted: its first tile and how many tiles so far. */
    private static final class Tally {
        private final TileType.Spec spec;
        private int tiles;

        Tally(TileType.Spec spec) {
            this.spec = spec;
        }
    }

    /** Numbers cache maps by content, computing a map's content key once per distinct map object. */
    private static final class MapNumbers {
        private final Map<Object, Integer> byObject = new IdentityHashMap<>();
        private final Map<List<String>, Integer> byContent = new HashMap<>();

        <K, V> int of(Map<K, V> map, Function<Map<K, V>, List<String>> content) {
            return byObject.computeIfAbsent(map, k -> byContent.computeIfAbsent(content.apply(map), x -> byContent.size()));
        }
    }

    static List<TileType> classify(Stack stack, TileGrid grid, CachePlan plan, StackSettings settings) {
        boolean cacheH = settings.horizontal().reusesOverlap();
        boolean cacheV = settings.vertical().reusesOverlap();
        int nc = grid.columns();
        MapNumbers numbers = new MapNumbers();
        Map<TypeKey, Tally> tallies = new LinkedHashMap<>();
        boolean first = true;
        for (int ri = 0; ri < grid.rows().size(); ri++) {
            long[] r = grid.rows().get(ri);
            for (int ci = 0; ci < nc; ci++) {
                long[] c = grid.cols().get(ci);
                int tile = ri * nc + ci;
                TileCaching d = plan.caching(tile);
                Memory makeH = cacheH ? plan.makeH(tile) : null;
                Map<DfNode, BackPropagation.Overlap> hWrite = cacheH && !grid.lastColumn(c) ? d.colsWrite() : Map.of();
                Map<BackPropagation.NodeOperand, BackPropagation.Overlap> hRead = cacheH ? d.colsRead() : Map.of();
                Memory useH = cacheH && ci > 0 ? plan.makeH(tile - 1) : null;
                Memory makeV = cacheV ? plan.makeV(tile) : null;
                Map<DfNode, BackPropagation.Overlap> vWrite = cacheV && !grid.lastRow(r) ? d.rowsWrite() : Map.of();
                Map<BackPropagation.NodeOperand, TileCaching.VRead> vRead = cacheV ? d.rowsRead() : Map.of();
                Memory useV = cacheV && ri > 0 ? plan.makeV(tile - nc) : null;
                // with padding, where the tile sits decides how much of each receptive field is real
                TypeKey key = new TypeKey(c[1], r[1], first, index(makeH), index(useH),
                        numbers.of(hWrite, TileTypes::writeKey), numbers.of(hRead, TileTypes::readKey),
                        index(makeV), index(useV), numbers.of(vWrite, TileTypes::writeKey), numbers.of(vRead, TileTypes::rowReadKey),
                        stack.positional() ? paddingSignature(stack, c[0], r[0], c[1], r[1], useH != null, makeH != null, useV != null) : null);
                Tally t = tallies.get(key);
                if (t == null) {
                    t = new Tally(new TileType.Spec(c[0], r[0], c[1], r[1], first, makeH, useH, hWrite, hRead, makeV, useV, vWrite, vRead,
                            d.cachedOnChipBits()));
                    tallies.put(key, t);
                }
                t.tiles += Math.toIntExact(r[2] * c[2]);
                first = false;
            }
        }
        List<TileType> types = new ArrayList<>(tallies.size());
        tallies.values().forEach(t -> types.add(new TileType(t.spec, t.tiles)));
        return types;
    }

    private static int index(Memory m) {
        return m == null ? -1 : m.index();
    }

    private static List<String> writeKey(Map<DfNode, BackPropagation.Overlap> m) {
        List<String> out = new ArrayList<>();
        m.forEach((n, o) -> out.add(n.key + ":" + o.dim() + ":" + o.amount()));
        return out;
    }

    private static List<String> readKey(Map<BackPropagation.NodeOperand, BackPropagation.Overlap> m) {
        List<String> out = new ArrayList<>();
        m.forEach((n, o) -> out.add(n.node().key + "." + n.operand() + ":" + o.dim() + ":" + o.amount()));
        return out;
    }

    private static List<String> rowReadKey(Map<BackPropagation.NodeOperand, TileCaching.VRead> m) {
        List<String> out = new ArrayList<>();
        m.forEach((n, o) -> out.add(n.node().key + "." + n.operand() + ":" + o.vDim() + ":" + o.amount() + ":" + o.hDim()));
        return out;
    }

    /** The clipped loop sizes, input caps and output parts of every node for a tile of a positional stack (part of its tile-type key). */
    private static String paddingSignature(Stack stack, long x0, long y0, long tx, long ty, boolean useH, boolean makeH, boolean useV) {
        BackPropagation.Result r = stack.propagate(new BackPropagation.Request(tx, ty, useH, makeH, useV, false,
                new BackPropagation.Position(x0, y0, stack.fullSizes())));
        StringBuilder sb = new StringBuilder();
        for (DfNode n : stack.topo()) {
            sb.append(r.sizes().get(n)).append(';');
        }
        r.caps().forEach((k, v) -> sb.append(k.node().key).append(k.operand()).append(v));
        r.outputParts().forEach((n, v) -> sb.append(n.key).append(v)); // the part of each other output the tile writes
        return sb.toString();
    }
}
