package io.defines.core.mapper;

import io.defines.core.cost.Loop;
import io.defines.core.cost.OperandInfo;
import io.defines.core.workload.DimRelation;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One operand's tile geometry on primitive arrays, for the allocator's inner loop: its relevant (r)
 * dims, its partially relevant (pr) relations with their reduced coefficients and caps, its ir dims,
 * its precision and its spatial loops per level. {@link #elements} is {@link OperandInfo#tensorElements}
 * (ceil per dim, then r × pr) on per-dimension products indexed like the ordering.
 */
final class TensorShape {

    final String name;
    final boolean output;
    final int precision;
    final int[] rDims;
    final boolean[] isR;         // per dim: a relevant dim
    final boolean[] irMask;      // per dim: an ir dim (for the output precision rule)
    final int[] relOfDim;        // per dim: index of the pr relation using it, or -1
    final int[] prFirst;         // per relation: dim index of its first (output) dim, or -1
    final int[] prSecond;
    final double[] prA;          // per relation: reduced coefficients and cap
    final double[] prB;
    final double[] prCap;
    final int[][] spatialDims;   // per arch level a = 0..n: the spatial loops' dims and sizes
    final double[][] spatialSizes;
    final double[] spatialBase;  // per dim: product of the spatial loops of level 0

    TensorShape(OperandInfo op, List<List<Loop>> spatial, Map<String, Integer> dimIndex) {
        int nDims = dimIndex.size();
        name = op.name();
        output = op.output();
        precision = op.precision();
        spatialDims = LoopArrays.dims(spatial, dimIndex);
        spatialSizes = LoopArrays.sizes(spatial);
        spatialBase = new double[nDims];
        Arrays.fill(spatialBase, 1.0);
        for (int i = 0; i < spatialDims[0].length; i++) {
            spatialBase[spatialDims[0][i]] *= spatialSizes[0][i];
        }
        rDims = op.r().stream().filter(dimIndex::containsKey).mapToInt(dimIndex::get).toArray();
        int np = op.pr().size();
        prFirst = new int[np];
        prSecond = new int[np];
        prA = new double[np];
        prB = new double[np];
        prCap = new double[np];
        int k = 0;
        for (DimRelation rel : op.pr().values()) {
            prFirst[k] = dimIndex.getOrDefault(rel.firstDim(), -1);
            prSecond[k] = dimIndex.getOrDefault(rel.secondDim(), -1);
            prA[k] = rel.reducedFirst();
            prB[k] = rel.reducedSecond();
            prCap[k] = op.cap(rel.tensorDim());
            k++;
        }
        irMask = LoopArrays.mask(op.ir(), dimIndex);
        isR = new boolean[nDims];
        for (int d : rDims) {
            isR[d] = true;
        }
        relOfDim = new int[nDims];
        Arrays.fill(relOfDim, -1);
        for (int kk = 0; kk < np; kk++) {
            if (prFirst[kk] >= 0) {
                relOfDim[prFirst[kk]] = kk;
            }
            if (prSecond[kk] >= 0) {
                relOfDim[prSecond[kk]] = kk;
            }
        }
    }

    /** Whether every pr relation is a window of stride and dilation 1 (extent = a + b − 1), or has none. */
    boolean unitWindows() {
        for (int k = 0; k < prA.length; k++) {
            if (prA[k] != 1 || prB[k] != 1) {
                return false;
            }
        }
        return true;
    }

    /** Number of pr relations. */
    int relations() {
        return prA.length;
    }

    /** Elements of the operand's tensor for per-dimension loop products {@code p}. */
    long elements(double[] p) {
        long n = 1;
        for (int d : rDims) {
            n *= (long) Math.ceil(p[d]);
        }
        for (int k = 0; k < prA.length; k++) {
            double a = prFirst[k] < 0 ? 1 : Math.ceil(p[prFirst[k]]);
            double b = prSecond[k] < 0 ? 1 : Math.ceil(p[prSecond[k]]);
            n *= (long) Math.min(DimRelation.extent(a, b, prA[k], prB[k]), prCap[k]);
        }
        return n;
    }

    /** The extent factor of relation {@code r} for per-dimension products already ceiled ({@code ceilProd}). */
    long prFactor(int r, double[] ceilProd) {
        double a = prFirst[r] < 0 ? 1 : ceilProd[prFirst[r]];
        double b = prSecond[r] < 0 ? 1 : ceilProd[prSecond[r]];
        return (long) Math.min(DimRelation.extent(a, b, prA[r], prB[r]), prCap[r]);
    }
}
