package io.defines.core.mapper.loma;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The loop prime factors (LPFs) of a layer's temporal loops and DeFiNES' LPF limit
 * (defines-model §8.2.2, {@code classes/opt/temporal/loma/engine.py}).
 *
 * <p>Each temporal dimension size is prime-factorised. While the total factor count N exceeds the limit,
 * the dimension with the most factors (first in map order on ties) merges two of its factors: its
 * smallest prime {@code p0} with the next distinct factor {@code p1} if {@code p0} occurs once, otherwise
 * two copies of {@code p0}. The result is the LPF multiset, sorted ascending, ready for
 * {@link MultisetPermutations}.
 */
public final class LoopPrimeFactors {

    private LoopPrimeFactors() {
    }

    /**
     * The limited LPF multiset of the given temporal loops.
     *
     * <p>Deviation from DeFiNES (bug §9.12): when the busiest dimension has a single factor of
     * multiplicity 1 (every dimension has at most one factor but N &gt; limit) DeFiNES crashes with an
     * IndexError; we stop merging and return the N factors as they are.
     *
     * @param temporalLoopSizes temporal loop size per layer dimension; its <b>iteration order must be
     *                          DeFiNES' dict order</b> (e.g. a {@link java.util.LinkedHashMap}), since it
     *                          breaks ties between equally busy dimensions. Dimensions of size 1 give no
     *                          factors but may stay in the map.
     * @param lpfLimit          the {@code loma_lpf_limit}; {@code <= 0} or {@link Integer#MAX_VALUE} means
     *                          no limit
     * @return the LPFs, each repeated by its multiplicity, sorted ascending (natural {@link Lpf} order)
     * @throws IllegalArgumentException if a size is null or below 1
     */
    public static List<Lpf> of(Map<String, Long> temporalLoopSizes, int lpfLimit) {
        Objects.requireNonNull(temporalLoopSizes, "temporalLoopSizes");
        List<String> dims = new ArrayList<>(temporalLoopSizes.size());
        List<TreeMap<Long, Integer>> factorCounts = new ArrayList<>(temporalLoopSizes.size());
        int[] counts = new int[temporalLoopSizes.size()];
        int total = 0;
        for (Map.Entry<String, Long> e : temporalLoopSizes.entrySet()) {
            Long size = e.getValue();
            if (size == null || size < 1) {
                throw new IllegalArgumentException("The temporal loop size (" + size + ") of dim (" + e.getKey()
                        + ") must be at least 1.");
            }
            TreeMap<Long, Integer> fc = new TreeMap<>();
            for (long p : primeFactors(size)) {
                fc.merge(p, 1, Integer::sum);
            }
            counts[dims.size()] = fc.values().stream().mapToInt(Integer::intValue).sum();
            total += counts[dims.size()];
            dims.add(Objects.requireNonNull(e.getKey(), "dim"));
            factorCounts.add(fc);
        }

        boolean limited = lpfLimit > 0 && lpfLimit != Integer.MAX_VALUE;
        while (limited && total > lpfLimit) {
            int busiest = 0;
            for (int d = 1; d < counts.length; d++) {
                if (counts[d] > counts[busiest]) {
                    busiest = d;
                }
            }
            if (counts[busiest] <= 1) {
                break; // DeFiNES bug §9.12: IndexError on max_pfs[1]; we stop merging
            }
            TreeMap<Long, Integer> fc = factorCounts.get(busiest);
            Map.Entry<Long, Integer> first = fc.firstEntry();
            long p0 = first.getKey();
            long merged;
            if (first.getValue() == 1) {
                long p1 = fc.higherKey(p0);
                merged = Math.multiplyExact(p0, p1);
                decrement(fc, p0, 1);
                decrement(fc, p1, 1);
            } else {
                merged = Math.multiplyExact(p0, p0);
                decrement(fc, p0, 2);
            }
            fc.merge(merged, 1, Integer::sum);
            counts[busiest]--;
            total--;
        }

        List<Lpf> result = new ArrayList<>(total);
        for (int d = 0; d < dims.size(); d++) {
            for (Map.Entry<Long, Integer> e : factorCounts.get(d).entrySet()) {
                Lpf lpf = new Lpf(dims.get(d), e.getKey());
                for (int k = 0; k < e.getValue(); k++) {
                    result.add(lpf);
                }
            }
        }
        Collections.sort(result);
        return List.copyOf(result);
    }

    private static void decrement(TreeMap<Long, Integer> fc, long factor, int by) {
        int left = fc.get(factor) - by;
        if (left == 0) {
            fc.remove(factor);
        } else {
            fc.put(factor, left);
        }
    }

    /**
     * The prime factors of {@code n} in ascending order, repeated by multiplicity; empty for 1.
     *
     * @param n a positive number
     * @return the prime factorisation, e.g. {@code [2, 2, 3, 5]} for 60
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static long[] primeFactors(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("The number (" + n + ") to factorise must be at least 1.");
        }
        long[] out = new long[64];
        int k = 0;
        long rest = n;
        for (long p = 2; p <= rest / p; p += (p == 2 ? 1 : 2)) {
            while (rest % p == 0) {
                out[k++] = p;
                rest /= p;
            }
        }
        if (rest > 1) {
            out[k++] = rest;
        }
        return Arrays.copyOf(out, k);
    }

    /**
     * The number of distinct orderings of an LPF multiset: N! / Π (multiplicity of each distinct LPF)!.
     *
     * @param multiset the LPFs, in any order
     * @return the multinomial coefficient; 1 for an empty multiset
     * @throws ArithmeticException if the count does not fit in a long (never for N ≤ 20)
     */
    public static long orderingCount(List<Lpf> multiset) {
        List<Lpf> sorted = new ArrayList<>(multiset);
        Collections.sort(sorted);
        long count = 1;
        int n = 0;
        int run = 0;
        for (int k = 0; k < sorted.size(); k++) {
            run = (k > 0 && sorted.get(k).equals(sorted.get(k - 1))) ? run + 1 : 1;
            n++;
            // count *= C(n, run) / C(n-1, run-1) = n / run, kept exact: count·n is divisible by run
            count = Math.multiplyExact(count, n) / run;
        }
        return count;
    }
}
