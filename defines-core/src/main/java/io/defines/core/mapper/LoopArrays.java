package io.defines.core.mapper;

import io.defines.core.cost.Loop;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loop orderings on primitive arrays, as the search's inner loop handles them: a loop is a dimension
 * index and a factor, an operand's allocation is a list of cut points into the one ordering (per
 * level the end index, exclusive, of its loops).
 */
public final class LoopArrays {

    private LoopArrays() {
    }

    /**
     * The stationarity merge-down on cut points: a level's innermost ir loops join the level below,
     * repeated until nothing moves (a level emptied this way lets the next level's ir loops cascade).
     *
     * @param cuts per level the end index (exclusive) of its loops in the ordering {@code dims}
     * @param dims the ordering's dimension indices, innermost first
     * @param ir   per dimension index: irrelevant for the operand
     * @return the merged cut points (the argument is left as it is)
     */
    public static int[] mergeDown(int[] cuts, int[] dims, boolean[] ir) {
        int[] c = cuts.clone();
        mergeDownInPlace(c, c.length, dims, ir);
        return c;
    }

    /** {@link #mergeDown} on the first {@code n} cut points of {@code c}, in place. */
    static void mergeDownInPlace(int[] c, int n, int[] dims, boolean[] ir) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int l = 1; l < n; l++) {
                while (c[l - 1] < c[l] && ir[dims[c[l - 1]]]) {
                    c[l - 1]++;
                    changed = true;
                }
            }
        }
    }

    /** Per level, the dimension indices of its loops. */
    static int[][] dims(List<List<Loop>> levels, Map<String, Integer> dimIndex) {
        int[][] out = new int[levels.size()][];
        for (int a = 0; a < out.length; a++) {
            out[a] = levels.get(a).stream().mapToInt(l -> dimIndex.get(l.dim())).toArray();
        }
        return out;
    }

    /** Per level, the sizes of its loops. */
    static double[][] sizes(List<List<Loop>> levels) {
        double[][] out = new double[levels.size()][];
        for (int a = 0; a < out.length; a++) {
            out[a] = levels.get(a).stream().mapToDouble(Loop::size).toArray();
        }
        return out;
    }

    /** Per dimension index: whether the dimension is in {@code dims} (names not indexed are ignored). */
    static boolean[] mask(Set<String> dims, Map<String, Integer> dimIndex) {
        boolean[] out = new boolean[dimIndex.size()];
        for (String d : dims) {
            Integer i = dimIndex.get(d);
            if (i != null) {
                out[i] = true;
            }
        }
        return out;
    }
}
