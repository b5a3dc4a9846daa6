package io.defines.core.depthfirst;

import io.defines.core.hardware.Memory;
import java.util.Map;

/**
 * What the cache placement decides for one tile: the levels its column (h) and row (v) caches are
 * made in, the overlaps it writes for the next tiles and reads from the previous ones, the level its
 * weights come from, and the overlap bits it keeps on chip.
 */
record TileCaching(Memory hLevel, Memory vLevel, Map<DfNode, BackPropagation.Overlap> colsWrite,
                   Map<BackPropagation.NodeOperand, BackPropagation.Overlap> colsRead,
                   Map<DfNode, BackPropagation.Overlap> rowsWrite, Map<BackPropagation.NodeOperand, VRead> rowsRead,
                   Memory weightLevel, long cachedOnChipBits) {

    /** A vertical-cache read: v dim and amount, plus the h dim of the same input. */
    record VRead(String vDim, long amount, String hDim) {
    }
}
