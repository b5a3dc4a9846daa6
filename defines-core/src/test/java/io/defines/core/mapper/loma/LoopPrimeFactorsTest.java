package io.defines.core.mapper.loma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LPF extraction and limiting of defines-model §8.2.2 (incl. the §9.12 no-crash deviation). */
class LoopPrimeFactorsTest {

    private static LinkedHashMap<String, Long> dims(Object... dimAndSize) {
        LinkedHashMap<String, Long> m = new LinkedHashMap<>();
        for (int k = 0; k < dimAndSize.length; k += 2) {
            m.put((String) dimAndSize[k], ((Number) dimAndSize[k + 1]).longValue());
        }
        return m;
    }

    private static List<Lpf> lpfs(Object... dimAndFactor) {
        List<Lpf> out = new ArrayList<>();
        for (int k = 0; k < dimAndFactor.length; k += 2) {
            out.add(new Lpf((String) dimAndFactor[k], ((Number) dimAndFactor[k + 1]).longValue()));
        }
        return out;
    }

    @Test
    void primeFactorsAscendingWithMultiplicity() {
        assertThat(LoopPrimeFactors.primeFactors(1)).isEmpty();
        assertThat(LoopPrimeFactors.primeFactors(2)).containsExactly(2);
        assertThat(LoopPrimeFactors.primeFactors(60)).containsExactly(2, 2, 3, 5);
        assertThat(LoopPrimeFactors.primeFactors(97)).containsExactly(97);
        assertThat(LoopPrimeFactors.primeFactors(1024)).containsExactly(2, 2, 2, 2, 2, 2, 2, 2, 2, 2);
        assertThat(LoopPrimeFactors.primeFactors(49)).containsExactly(7, 7);
        assertThat(LoopPrimeFactors.primeFactors(2L * 999_983)).containsExactly(2, 999_983);
        assertThatThrownBy(() -> LoopPrimeFactors.primeFactors(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void naturalOrderIsDimNameThenFactor() {
        assertThat(new Lpf("C", 6)).isLessThan(new Lpf("OX", 2));
        assertThat(new Lpf("OX", 2)).isLessThan(new Lpf("OX", 4));
        assertThat(new Lpf("FX", 3)).isLessThan(new Lpf("FY", 3));
        assertThat(new Lpf("OX", 4)).isEqualByComparingTo(new Lpf("OX", 4));
    }

    @Test
    void unlimitedGivesAllPrimeFactorsSorted() {
        assertThat(LoopPrimeFactors.of(dims("OX", 60), 0)).containsExactlyElementsOf(lpfs("OX", 2, "OX", 2, "OX", 3, "OX", 5));
        assertThat(LoopPrimeFactors.of(dims("OX", 60), Integer.MAX_VALUE)).hasSize(4);
        assertThat(LoopPrimeFactors.of(dims("OX", 60), -3)).hasSize(4);
    }

    @Test
    void oxSixtyOneMerge() {
        // {2:2, 3, 5} -> smallest factor has multiplicity 2 -> 2·2 = 4
        assertThat(LoopPrimeFactors.of(dims("OX", 60), 3)).containsExactlyElementsOf(lpfs("OX", 3, "OX", 4, "OX", 5));
    }

    @Test
    void singleSmallestFactorMergesWithNextDistinct() {
        // {2, 3, 5} -> 2·3 = 6 -> {5, 6}; then {5, 6} -> 30
        assertThat(LoopPrimeFactors.of(dims("K", 30), 2)).containsExactlyElementsOf(lpfs("K", 5, "K", 6));
        assertThat(LoopPrimeFactors.of(dims("K", 30), 1)).containsExactlyElementsOf(lpfs("K", 30));
        // {2:1, 3:2} = 18 -> 2·3 = 6 -> {3, 6}
        assertThat(LoopPrimeFactors.of(dims("K", 18), 2)).containsExactlyElementsOf(lpfs("K", 3, "K", 6));
        // {2:3, 3} = 24 -> 4 -> {2, 3, 4} -> 2·3 = 6 -> {4, 6}
        assertThat(LoopPrimeFactors.of(dims("K", 24), 2)).containsExactlyElementsOf(lpfs("K", 4, "K", 6));
        // merged factor already present: 2^4·... {2:2, 4:1} -> 4 again -> {4:2}
        assertThat(LoopPrimeFactors.of(dims("K", 16), 2)).containsExactlyElementsOf(lpfs("K", 4, "K", 4));
    }

    @Test
    void workedExampleSection11_1() {
        LinkedHashMap<String, Long> loops = dims("C", 6, "OY", 10, "OX", 16, "FY", 3, "FX", 3);
        assertThat(LoopPrimeFactors.of(loops, 0)).hasSize(10);
        List<Lpf> limited = LoopPrimeFactors.of(loops, 6);
        assertThat(limited).containsExactlyElementsOf(
                lpfs("C", 6, "FX", 3, "FY", 3, "OX", 4, "OX", 4, "OY", 10));
        assertThat(LoopPrimeFactors.orderingCount(limited)).isEqualTo(360);
        // one step short of the limit: C merged (first on the C/OY/OX tie), OY not yet
        assertThat(LoopPrimeFactors.of(loops, 7)).containsExactlyElementsOf(
                lpfs("C", 6, "FX", 3, "FY", 3, "OX", 4, "OX", 4, "OY", 2, "OY", 5));
    }

    @Test
    void tieGoesToFirstDimInMapOrder() {
        assertThat(LoopPrimeFactors.of(dims("OY", 6, "OX", 6), 3))
                .containsExactlyElementsOf(lpfs("OX", 2, "OX", 3, "OY", 6));
        assertThat(LoopPrimeFactors.of(dims("OX", 6, "OY", 6), 3))
                .containsExactlyElementsOf(lpfs("OX", 6, "OY", 2, "OY", 3));
    }

    @Test
    void sizeOneDimsGiveNoFactorsButKeepTheirTiePosition() {
        assertThat(LoopPrimeFactors.of(dims("B", 1, "K", 4, "C", 1), 0)).containsExactlyElementsOf(lpfs("K", 2, "K", 2));
        assertThat(LoopPrimeFactors.of(dims("B", 1, "C", 1), 0)).isEmpty();
        assertThat(LoopPrimeFactors.of(dims("B", 1, "OY", 4, "C", 1, "OX", 4), 3))
                .containsExactlyElementsOf(lpfs("OX", 2, "OX", 2, "OY", 4));
    }

    @Test
    void limitAtOrAboveCountLeavesFactorsUnmerged() {
        LinkedHashMap<String, Long> loops = dims("K", 12, "C", 8);
        List<Lpf> all = lpfs("C", 2, "C", 2, "C", 2, "K", 2, "K", 2, "K", 3);
        assertThat(LoopPrimeFactors.of(loops, 6)).containsExactlyElementsOf(all);
        assertThat(LoopPrimeFactors.of(loops, 8)).containsExactlyElementsOf(all);
    }

    @Test
    void doesNotCrashWhenEveryDimHasOneFactor() {
        // DeFiNES bug §9.12: IndexError; we stop merging and keep the 5 factors
        LinkedHashMap<String, Long> loops = dims("K", 2, "C", 3, "OY", 2, "OX", 3, "FX", 2);
        assertThat(LoopPrimeFactors.of(loops, 4))
                .containsExactlyElementsOf(lpfs("C", 3, "FX", 2, "K", 2, "OX", 3, "OY", 2));
        // merging proceeds as far as possible before stopping
        assertThat(LoopPrimeFactors.of(dims("K", 4, "C", 3, "OX", 5), 1))
                .containsExactlyElementsOf(lpfs("C", 3, "K", 4, "OX", 5));
    }

    @Test
    void rejectsInvalidSizes() {
        assertThatThrownBy(() -> LoopPrimeFactors.of(dims("K", 0), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("K");
        assertThatThrownBy(() -> new Lpf("K", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void orderingCount() {
        assertThat(LoopPrimeFactors.orderingCount(List.of())).isEqualTo(1);
        assertThat(LoopPrimeFactors.orderingCount(lpfs("K", 2))).isEqualTo(1);
        assertThat(LoopPrimeFactors.orderingCount(lpfs("A", 1, "A", 1, "B", 1, "B", 1))).isEqualTo(6);
        assertThat(LoopPrimeFactors.orderingCount(
                lpfs("A", 2, "B", 2, "C", 2, "D", 2, "E", 2, "F", 2, "G", 2, "H", 2))).isEqualTo(40_320);
        // order of the input does not matter
        assertThat(LoopPrimeFactors.orderingCount(lpfs("B", 1, "A", 1, "B", 1, "A", 1))).isEqualTo(6);
        List<Lpf> twenty = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            twenty.add(new Lpf("D" + (char) ('a' + k), 2));
        }
        assertThat(LoopPrimeFactors.orderingCount(twenty)).isEqualTo(2_432_902_008_176_640_000L);
    }
}
