package io.defines.core.depthfirst;

import io.defines.core.hardware.Memory;

/**
 * The cache placement of every tile of a stack (row-major tile index), consolidated over the tiles:
 * each tile's own decision, the level its column and row caches are finally made in (null: none),
 * and the highest level any tile fetched weights from. Not changed after construction.
 */
final class CachePlan {

    private final TileCaching[] perTile;
    private final Memory[] makeH;
    private final Memory[] makeV;
    private final Memory highestWeightLevel;

    CachePlan(TileCaching[] perTile, Memory[] makeH, Memory[] makeV, Memory highestWeightLevel) {
        this.perTile = perTile;
        this.makeH = makeH;
        this.makeV = makeV;
        this.highestWeightLevel = highestWeightLevel;
    }

    TileCaching caching(int tile) {
        return perTile[tile];
    }

    /** The level tile {@code tile} makes its column cache in; null none. */
    Memory makeH(int tile) {
        return makeH[tile];
    }

    Memory makeV(int tile) {
        return makeV[tile];
    }

    Memory highestWeightLevel() {
        return highestWeightLevel;
    }
}
