package io.defines.core.mapper;

/**
 * Ceilings on an allocation's cut points that the innermost loops of an ordering already impose
 * ({@link FastAllocator#cutCeilings}, for {@link EnergyBound}): an operand's tile must fit each of its
 * memories, tiles only grow as loops join them, and the stationarity merge-down stops at the first loop
 * the operand depends on. Not thread-safe (scratch arrays): one per allocator.
 */
final class CutCeilings {

    private final TensorShape[] shapes;
    private final int[][] levelNode;      // per operand and level: the visited memory holding it
    private final long[] nodeCapacity;
    private final int narrowOutput;       // the narrower of the partial and final output precisions
    private final int nDims;
    private final double[] base;
    private final double[] tile;

    CutCeilings(TensorShape[] shapes, int[][] nodeOps, long[] nodeCapacity, int partialPrecision, int outputPrecision, int nDims) {
        this.shapes = shapes;
        this.nodeCapacity = nodeCapacity;
        this.narrowOutput = Math.min(partialPrecision, outputPrecision);
        this.nDims = nDims;
        base = new double[nDims];
        tile = new double[nDims];
        int[] levels = new int[shapes.length];
        for (int[] here : nodeOps) {
            for (int o : here) {
                levels[o]++;
            }
        }
        levelNode = new int[shapes.length][];
        int[] seen = new int[shapes.length];
        for (int o = 0; o < shapes.length; o++) {
            levelNode[o] = new int[levels[o]];
        }
        for (int node = 0; node < nodeOps.length; node++) {
            for (int o : nodeOps[node]) {
                levelNode[o][seen[o]++] = node;
            }
        }
    }

    /**
     * Per operand and level below its top, a ceiling on that cut point after the merge-down in every
     * allocation of an ordering starting with {@code dims[0..k)}: the operand's tile alone (at its
     * narrower precision) overflows the level's memory once the first p loops are in it, so the cut is
     * below p, and the merge-down stops at the first loop after it the operand depends on; −1 when the
     * first {@code k} loops do not tell. Written into {@code out}.
     */
    void fill(int[] dims, long[] factors, int k, int[][] out) {
        for (int o = 0; o < shapes.length; o++) {
            TensorShape shape = shapes[o];
            int precision = shape.output ? narrowOutput : shape.precision;
            double[] prod = base;
            System.arraycopy(shape.spatialBase, 0, prod, 0, nDims);
            int n = levelNode[o].length;
            for (int l = 0; l < n - 1; l++) {
                if (l > 0 && l < shape.spatialDims.length) {
                    for (int i = 0; i < shape.spatialDims[l].length; i++) {
                        prod[shape.spatialDims[l][i]] *= shape.spatialSizes[l][i];
                    }
                }
                double[] tile = this.tile;
                System.arraycopy(prod, 0, tile, 0, nDims);
                long capacity = nodeCapacity[levelNode[o][l]];
                out[o][l] = -1;
                for (int p = 0; p <= k; p++) {
                    if (p > 0) {
                        tile[dims[p - 1]] *= factors[p - 1];
                    }
                    if (shape.elements(tile) * precision > capacity) {
                        for (int j = Math.max(p - 1, 0); j < k; j++) {
                            if (!shape.irMask[dims[j]]) {
                                out[o][l] = j;
                                break;
                            }
                        }
                        break;
                    }
                }
            }
        }
    }
}
