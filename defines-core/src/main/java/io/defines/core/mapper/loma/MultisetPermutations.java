package io.defines.core.mapper.loma;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * All distinct permutations (loop orderings) of a sorted LPF multiset, in exactly DeFiNES' order
 * (defines-model §8.2.3, {@code multipermute.py}: Williams' loopless prefix-shift algorithm). The order
 * matters because the best mapping is chosen with "first wins" tie-breaking.
 *
 * <p>Each LPF is mapped to a rank (equal LPFs share a rank, ranks ascend with the natural {@link Lpf}
 * order); a permutation is reported as an {@code int[]} of ranks from the innermost loop (index 0) to
 * the outermost. The first permutation is the multiset in non-increasing order. Enumeration allocates
 * nothing per permutation: the visitor receives the same array each time and must not keep it.
 *
 * <p>Deviation from DeFiNES (bug §9.12): an empty multiset crashes DeFiNES; here it yields exactly one
 * (empty) ordering.
 *
 * <p>Instances are immutable and thread safe; each {@link #forEach} call uses its own working arrays.
 */
public final class MultisetPermutations {

    /** Receives one permutation at a time. */
    @FunctionalInterface
    public interface Visitor {
        /**
         * Visits one permutation.
         *
         * @param ranksInnermostFirst the ranks (see {@link MultisetPermutations#lpf(int)}), innermost loop
         *                            first; reused for the next permutation, do not keep or modify it
         * @return {@code true} to continue, {@code false} to stop the enumeration
         */
        boolean visit(int[] ranksInnermostFirst);
    }

    private final List<Lpf> distinct;
    /** Rank of each element of the sorted multiset (non-decreasing). */
    private final int[] sortedRanks;

    /**
     * @param sortedMultiset the LPFs sorted ascending by natural order (as returned by
     *                       {@link LoopPrimeFactors#of}); may be empty
     * @throws IllegalArgumentException if the list is not sorted
     */
    public MultisetPermutations(List<Lpf> sortedMultiset) {
        Objects.requireNonNull(sortedMultiset, "sortedMultiset");
        List<Lpf> d = new ArrayList<>();
        sortedRanks = new int[sortedMultiset.size()];
        Lpf previous = null;
        for (int k = 0; k < sortedMultiset.size(); k++) {
            Lpf lpf = Objects.requireNonNull(sortedMultiset.get(k), "lpf");
            if (previous == null || previous.compareTo(lpf) < 0) {
                d.add(lpf);
            } else if (previous.compareTo(lpf) > 0) {
                throw new IllegalArgumentException("The multiset must be sorted ascending, but element " + k
                        + " (" + lpf + ") is smaller than its predecessor (" + previous + ")."
                        + "\nMaybe sort it, or use LoopPrimeFactors.of, which returns it sorted.");
            }
            sortedRanks[k] = d.size() - 1;
            previous = lpf;
        }
        distinct = List.copyOf(d);
    }

    /**
     * @param rank a rank in {@code [0, distinctCount())}
     * @return the distinct LPF with that rank
     */
    public Lpf lpf(int rank) {
        return distinct.get(rank);
    }

    /** @return the number of distinct LPFs (ranks) */
    public int distinctCount() {
        return distinct.size();
    }

    /** @return N, the multiset size = the length of every permutation */
    public int size() {
        return sortedRanks.length;
    }

    /**
     * Converts a visited rank array to LPFs (allocates; meant for tests and reporting).
     *
     * @param ranksInnermostFirst ranks as passed to a {@link Visitor}
     * @return the loop ordering, innermost first
     */
    public List<Lpf> toLpfs(int[] ranksInnermostFirst) {
        List<Lpf> out = new ArrayList<>(ranksInnermostFirst.length);
        for (int r : ranksInnermostFirst) {
            out.add(distinct.get(r));
        }
        return List.copyOf(out);
    }

    /**
     * Enumerates the permutations in DeFiNES' order.
     *
     * @param visitor called once per permutation until it returns {@code false}
     * @return the number of permutations visited, including the one at which the visitor stopped
     */
    public long forEach(Visitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        int n = sortedRanks.length;
        int[] out = new int[n];
        if (n <= 1) {
            System.arraycopy(sortedRanks, 0, out, 0, n);
            visitor.visit(out);
            return 1;
        }
        // Node k holds sortedRanks[k]; prepending in ascending order makes node k point to node k-1.
        int[] value = sortedRanks.clone();
        int[] next = new int[n];
        for (int k = 0; k < n; k++) {
            next[k] = k - 1;
        }
        int h = n - 1;
        int i = 1; // second-to-last node
        int j = 0; // last node
        long visited = 1;
        if (!emit(h, value, next, out, visitor)) {
            return visited;
        }
        while (next[j] >= 0 || value[j] < value[h]) {
            int s = (next[j] >= 0 && value[i] >= value[next[j]]) ? j : i;
            int t = next[s];
            next[s] = next[t];
            next[t] = h;
            if (value[t] < value[h]) {
                i = t;
            }
            j = next[i];
            h = t;
            visited++;
            if (!emit(h, value, next, out, visitor)) {
                break;
            }
        }
        return visited;
    }

    private static boolean emit(int h, int[] value, int[] next, int[] out, Visitor visitor) {
        int k = 0;
        for (int node = h; node >= 0; node = next[node]) {
            out[k++] = value[node];
        }
        return visitor.visit(out);
    }
}
