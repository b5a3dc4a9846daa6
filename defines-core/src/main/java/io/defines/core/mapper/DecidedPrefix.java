package io.defines.core.mapper;

import io.defines.core.cost.OperandInfo;
import java.util.List;

/**
 * How much of an ordering decided its allocation ({@link FastAllocator}, for {@link ExactMapper}): the
 * allocator looks at prefixes of the ordering up to the first one that overflows a memory, refetch
 * counts are the product of the loops above a cut (the whole product over the prefix's), and the output
 * precision depends on the set of loops left — so every ordering starting with the same loops as far as
 * {@link #decidedBy} allocates alike, and every loop from there on is in each operand's top level.
 * Updated by the allocator as it visits the memories; not thread-safe.
 */
final class DecidedPrefix {

    private final FastAllocator a;
    private final boolean on;
    /**
     * Per operand: no prefix of its loops holds less than the whole tensor divided by the loops left
     * above it (relevant loops multiply the size, window dims of stride and dilation 1 add to it,
     * partial sums are at least as wide as final outputs), so taking all that is left is the choice
     * whenever it fits ({@link #choice}).
     */
    private final boolean[] wholeWins;
    /** The length of the ordering's innermost part that decided the last allocation (success or failure). */
    int decidedBy;
    /** Per operand and level: {@link #decidedBy} after the memory that set that cut point (its choice rests on every earlier one's). */
    final int[][] cutDecidedBy;

    /** @param on whether to track at all (else every call returns at once and {@link #decidedBy} stays 0) */
    DecidedPrefix(FastAllocator a, List<OperandInfo> operands, boolean on) {
        this.a = a;
        this.on = on;
        wholeWins = new boolean[operands.size()];
        cutDecidedBy = new int[operands.size()][];
        for (int o = 0; o < wholeWins.length; o++) {
            TensorShape shape = a.shapes[o];
            wholeWins[o] = shape.unitWindows() && (!shape.output || a.partial >= a.finalPrecision);
            cutDecidedBy[o] = new int[operands.get(o).levels()];
        }
    }

    /** A new allocation starts. */
    void reset() {
        decidedBy = 0;
    }

    /** The allocation set operand {@code o}'s cut point of level {@code level}. */
    void cutSet(int o, int level) {
        if (!on) {
            return;
        }
        cutDecidedBy[o][level] = decidedBy;
    }

    /** The output's top level at {@code node} had {@code c} fitting prefixes from {@code s0} ({@code fit}: their sizes). */
    void top(int node, int s0, int c, int n, long[] fit) {
        if (!on) {
            return;
        }
        decidedBy = Math.max(decidedBy, topDecided(node, s0, c, n, fit));
    }

    /**
     * How much of the ordering decided the output's top level at {@code node} ({@code c} fitting
     * prefixes from {@code s0}), which must take all that is left: {@code s0} when no order of what is
     * left could overflow it (every prefix holds at most all of it, at the larger precision), else all.
     */
    private int topDecided(int node, int s0, int c, int n, long[] fit) {
        if (c < n - s0 + 1) {
            return n;
        }
        long elements = fit[c - 1] / a.finalPrecision;
        return a.fits(node, elements * Math.max(a.partial, a.finalPrecision)) ? s0 : n;
    }

    /**
     * How much of the ordering decided the choice at {@code node} (its candidates computed): the
     * operands that are not at their top level chose among their prefixes up to the first one that
     * overflowed, so that loop decided it; when nothing overflowed, all of the ordering did — unless
     * every operand here can take all that is left (together, and in any order, see {@link #wholeWins})
     * and so takes it in every order: the whole rest costs no refetch, and any other prefix holds at
     * least the whole divided by what it leaves above.
     */
    void choice(int node, int[] start, int n) {
        if (!on) {
            return;
        }
        int[] here = a.nodeOps[node];
        boolean allWhole = true;
        long sum = 0;
        for (int x = 0; x < here.length; x++) {
            int o = here[x];
            if (a.nodeTop[node][x]) {
                sum += a.sizesScratch[x][0];
                continue;
            }
            allWhole &= wholeTakes(node, x, o, start[o], n);
            sum += a.sizesScratch[x][a.countScratch[x] - 1];
        }
        if (allWhole && a.fits(node, sum)) {
            return;
        }
        // the operands that can take all that is left still do when even the largest prefixes of the
        // others fit beside them: then the others' choices rest on their own prefixes alone
        long largest = 0;
        for (int x = 0; x < here.length; x++) {
            int o = here[x];
            int c = a.countScratch[x];
            if (a.nodeTop[node][x] || wholeTakes(node, x, o, start[o], n)) {
                largest += a.nodeTop[node][x] ? a.sizesScratch[x][0] : a.sizesScratch[x][c - 1];
            } else {
                long max = 0;
                for (int j = 0; j < c; j++) {
                    max = Math.max(max, a.sizesScratch[x][j]);
                }
                largest += max;
            }
        }
        boolean wholeStays = a.fits(node, largest);
        for (int x = 0; x < here.length; x++) {
            int o = here[x];
            if (a.nodeTop[node][x] || wholeStays && wholeTakes(node, x, o, start[o], n)) {
                continue;
            }
            int c = a.countScratch[x];
            decidedBy = Math.max(decidedBy, c < n - start[o] + 1 ? start[o] + c : n);
        }
    }

    /** Whether operand {@code o} (listed {@code x}-th at {@code node}, not its top) can take all that is left in any order of it. */
    private boolean wholeTakes(int node, int x, int o, int s0, int n) {
        int c = a.countScratch[x];
        if (c != n - s0 + 1 || !wholeWins[o]) {
            return false;
        }
        return !a.shapes[o].output || a.wholeList || a.fits(node, a.sizesScratch[x][c - 1] / a.finalPrecision * Math.max(a.partial, a.finalPrecision));
    }
}
