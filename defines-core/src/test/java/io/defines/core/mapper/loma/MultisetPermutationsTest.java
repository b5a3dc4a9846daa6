package io.defines.core.mapper.loma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Enumeration order and completeness of defines-model §8.2.3 (Williams' prefix shifts, multipermute.py). */
class MultisetPermutationsTest {

    private static List<Lpf> sorted(Lpf... lpfs) {
        List<Lpf> list = new ArrayList<>(Arrays.asList(lpfs));
        list.sort(null);
        return list;
    }

    /** All permutations as strings of the LPF dim names, innermost first. */
    private static List<String> dimStrings(MultisetPermutations perms) {
        List<String> out = new ArrayList<>();
        perms.forEach(ranks -> {
            out.add(perms.toLpfs(ranks).stream().map(Lpf::dim).collect(Collectors.joining()));
            return true;
        });
        return out;
    }

    private static List<String> factorStrings(MultisetPermutations perms) {
        List<String> out = new ArrayList<>();
        perms.forEach(ranks -> {
            out.add(perms.toLpfs(ranks).stream().map(l -> Long.toString(l.factor())).collect(Collectors.joining()));
            return true;
        });
        return out;
    }

    @Test
    void exactDefinesOrderForAabc() {
        // expected sequence from a transcription of multipermute.py on ['a','a','b','c']
        MultisetPermutations perms = new MultisetPermutations(
                sorted(new Lpf("a", 1), new Lpf("a", 1), new Lpf("b", 1), new Lpf("c", 1)));
        assertThat(dimStrings(perms)).containsExactly(
                "cbaa", "acba", "caba", "acab", "aacb", "caab",
                "bcaa", "abca", "baca", "abac", "aabc", "baac");
    }

    @Test
    void exactDefinesOrderFor1122() {
        // expected sequence from a transcription of multipermute.py on [1, 1, 2, 2]
        MultisetPermutations perms = new MultisetPermutations(
                sorted(new Lpf("K", 1), new Lpf("K", 1), new Lpf("K", 2), new Lpf("K", 2)));
        assertThat(factorStrings(perms)).containsExactly("2211", "1221", "2121", "1212", "1122", "2112");
    }

    @Test
    void exactDefinesOrderForDistinct123() {
        MultisetPermutations perms = new MultisetPermutations(
                sorted(new Lpf("K", 1), new Lpf("K", 2), new Lpf("K", 3)));
        assertThat(factorStrings(perms)).containsExactly("321", "132", "312", "231", "123", "213");
    }

    @Test
    void exactDefinesOrderForWorkedExampleAtSampledPositions() {
        // positions of the 360-long sequence, from a transcription of multipermute.py
        MultisetPermutations perms = new MultisetPermutations(LoopPrimeFactors.of(workedExampleLoops(), 6));
        List<String> all = new ArrayList<>();
        perms.forEach(ranks -> {
            all.add(perms.toLpfs(ranks).stream().map(l -> l.dim() + l.factor()).collect(Collectors.joining(" ")));
            return true;
        });
        assertThat(all).hasSize(360);
        assertThat(all.get(0)).isEqualTo("OY10 OX4 OX4 FY3 FX3 C6");
        assertThat(all.get(1)).isEqualTo("C6 OY10 OX4 OX4 FY3 FX3");
        assertThat(all.get(2)).isEqualTo("OY10 C6 OX4 OX4 FY3 FX3");
        assertThat(all.get(100)).isEqualTo("OY10 C6 FX3 OX4 OX4 FY3");
        assertThat(all.get(359)).isEqualTo("OX4 OX4 FY3 FX3 C6 OY10");
    }

    @Test
    void ranksFollowNaturalOrder() {
        MultisetPermutations perms = new MultisetPermutations(
                sorted(new Lpf("OX", 4), new Lpf("C", 6), new Lpf("OX", 4), new Lpf("OX", 2)));
        assertThat(perms.size()).isEqualTo(4);
        assertThat(perms.distinctCount()).isEqualTo(3);
        assertThat(perms.lpf(0)).isEqualTo(new Lpf("C", 6));
        assertThat(perms.lpf(1)).isEqualTo(new Lpf("OX", 2));
        assertThat(perms.lpf(2)).isEqualTo(new Lpf("OX", 4));
    }

    @Test
    void firstPermutationIsNonIncreasing() {
        List<Lpf> multiset = LoopPrimeFactors.of(workedExampleLoops(), 6);
        MultisetPermutations perms = new MultisetPermutations(multiset);
        List<List<Lpf>> first = new ArrayList<>();
        long visited = perms.forEach(ranks -> {
            first.add(perms.toLpfs(ranks));
            return false;
        });
        assertThat(visited).isEqualTo(1);
        List<Lpf> reversed = new ArrayList<>(multiset);
        java.util.Collections.reverse(reversed);
        assertThat(first).containsExactly(reversed);
    }

    private static LinkedHashMap<String, Long> workedExampleLoops() {
        LinkedHashMap<String, Long> loops = new LinkedHashMap<>();
        loops.put("C", 6L);
        loops.put("OY", 10L);
        loops.put("OX", 16L);
        loops.put("FY", 3L);
        loops.put("FX", 3L);
        return loops;
    }

    @Test
    void countsMatchAndAllDistinct() {
        List<List<Lpf>> multisets = List.of(
                LoopPrimeFactors.of(workedExampleLoops(), 6),
                LoopPrimeFactors.of(workedExampleLoops(), 8),
                sorted(new Lpf("A", 2), new Lpf("B", 2), new Lpf("C", 2), new Lpf("D", 2),
                        new Lpf("E", 2), new Lpf("F", 2), new Lpf("G", 2), new Lpf("H", 2)),
                sorted(new Lpf("K", 2), new Lpf("K", 2), new Lpf("K", 2), new Lpf("K", 2)),
                sorted(new Lpf("K", 2), new Lpf("K", 2), new Lpf("C", 3), new Lpf("C", 3), new Lpf("C", 3),
                        new Lpf("OX", 5), new Lpf("OY", 7), new Lpf("OY", 7)),
                sorted(new Lpf("K", 2), new Lpf("C", 3)));
        for (List<Lpf> multiset : multisets) {
            MultisetPermutations perms = new MultisetPermutations(multiset);
            Set<String> seen = new HashSet<>();
            List<int[]> sortedCheck = new ArrayList<>();
            long visited = perms.forEach(ranks -> {
                assertThat(ranks).hasSize(multiset.size());
                int[] copy = ranks.clone();
                Arrays.sort(copy);
                sortedCheck.add(copy);
                seen.add(Arrays.toString(ranks));
                return true;
            });
            long expected = LoopPrimeFactors.orderingCount(multiset);
            assertThat(visited).as("%s", multiset).isEqualTo(expected);
            assertThat(seen).as("%s", multiset).hasSize((int) expected);
            // every permutation is a rearrangement of the same multiset
            assertThat(sortedCheck).allSatisfy(r -> assertThat(r).containsExactly(sortedCheck.get(0)));
        }
        assertThat(new MultisetPermutations(LoopPrimeFactors.of(workedExampleLoops(), 6))
                .forEach(r -> true)).isEqualTo(360);
    }

    @Test
    void emptyMultisetGivesOneEmptyOrdering() {
        MultisetPermutations perms = new MultisetPermutations(List.of());
        List<int[]> seen = new ArrayList<>();
        assertThat(perms.forEach(r -> seen.add(r.clone()))).isEqualTo(1);
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).isEmpty();
        assertThat(perms.size()).isZero();
    }

    @Test
    void singleElementGivesOneOrdering() {
        MultisetPermutations perms = new MultisetPermutations(List.of(new Lpf("K", 7)));
        List<List<Lpf>> seen = new ArrayList<>();
        assertThat(perms.forEach(r -> seen.add(perms.toLpfs(r)))).isEqualTo(1);
        assertThat(seen).containsExactly(List.of(new Lpf("K", 7)));
    }

    @Test
    void visitorCanStopEarly() {
        MultisetPermutations perms = new MultisetPermutations(
                sorted(new Lpf("a", 1), new Lpf("a", 1), new Lpf("b", 1), new Lpf("c", 1)));
        List<String> seen = new ArrayList<>();
        long visited = perms.forEach(ranks -> {
            seen.add(perms.toLpfs(ranks).stream().map(Lpf::dim).collect(Collectors.joining()));
            return seen.size() < 5;
        });
        assertThat(visited).isEqualTo(5);
        assertThat(seen).containsExactly("cbaa", "acba", "caba", "acab", "aacb");
        // a fresh enumeration starts again from the beginning
        assertThat(perms.forEach(r -> true)).isEqualTo(12);
    }

    @Test
    void rejectsUnsortedMultiset() {
        assertThatThrownBy(() -> new MultisetPermutations(List.of(new Lpf("OX", 4), new Lpf("C", 6))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sorted");
    }
}
