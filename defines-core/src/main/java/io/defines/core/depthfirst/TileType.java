package io.defines.core.depthfirst;

import io.defines.core.hardware.Memory;
import java.util.Map;

/**
 * Tiles that cost the same (docs/depth-first.md, "Tile types"): one representative tile — where it
 * starts, its size, whether it fetches weights from the top, the levels it makes and uses its column
 * (h) and row (v) caches in and the overlaps it writes and reads, the overlap bits it keeps on chip —
 * and how many tiles of the stack are of this type.
 */
record TileType(Spec spec, int multiplicity) {

    record Spec(long x0, long y0, long tx, long ty, boolean weightsFromTop, Memory makeH, Memory useH,
                Map<DfNode, BackPropagation.Overlap> hWrite, Map<BackPropagation.NodeOperand, BackPropagation.Overlap> hRead,
                Memory makeV, Memory useV, Map<DfNode, BackPropagation.Overlap> vWrite,
                Map<BackPropagation.NodeOperand, TileCaching.VRead> vRead, long cachedOnChipBits) {

        /** The back-propagation of this tile through {@code stack}. */
        BackPropagation.Result propagate(Stack stack) {
            return stack.propagate(new BackPropagation.Request(tx, ty, useH != null, makeH != null, useV != null, false,
                    stack.position(x0, y0)));
        }
    }
}
