package io.defines.plot.logic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TicksTest {

    @Test
    void logAxisOverManyDecadesTicksPowersOfTen() {
        assertThat(Ticks.log(0.8, 2e6, 8)).containsExactly(1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6);
        // more decades than ticks: every other decade
        assertThat(Ticks.log(1, 1e12, 7)).containsExactly(1.0, 100.0, 1e4, 1e6, 1e8, 1e10, 1e12);
    }

    @Test
    void logAxisOverLessThanTwoDecadesTicksOneTwoFive() {
        // the energy heatmap's range in case study 1: 1.81 … 47.3 mJ
        assertThat(Ticks.log(1.81, 47.3, 6)).containsExactly(2.0, 5.0, 10.0, 20.0);
        assertThat(Ticks.log(14, 1000, 7)).containsExactly(20.0, 50.0, 100.0, 200.0, 500.0, 1000.0);
        // too many 1-2-5 ticks for the limit: 1-3
        assertThat(Ticks.log(1, 90, 5)).containsExactly(1.0, 3.0, 10.0, 30.0);
    }

    @Test
    void logAxisWithinOneFactorFallsBackToLinear() {
        List<Double> t = Ticks.log(2.1, 2.9, 6);
        assertThat(t).hasSizeGreaterThanOrEqualTo(2).allSatisfy(v -> assertThat(v).isBetween(2.1, 2.9));
    }

    @Test
    void linearTicksAreNiceAndInside() {
        assertThat(Ticks.linear(0, 2.3, 6)).containsExactly(0.0, 0.5, 1.0, 1.5, 2.0);
        assertThat(Ticks.linear(0, 33, 7)).containsExactly(0.0, 5.0, 10.0, 15.0, 20.0, 25.0, 30.0);
        assertThat(Ticks.linear(0, 33, 4)).containsExactly(0.0, 10.0, 20.0, 30.0);
        assertThat(Ticks.linear(-1, 1, 5)).containsExactly(-1.0, -0.5, 0.0, 0.5, 1.0);
        Random r = new Random(7);
        for (int i = 0; i < 500; i++) {
            double a = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(8) - 3);
            double b = a + r.nextDouble() * Math.pow(10, r.nextInt(8) - 3) + 1e-6;
            int max = 2 + r.nextInt(8);
            List<Double> t = Ticks.linear(a, b, max);
            assertThat(t).as("[%s, %s] max %d", a, b, max).isNotEmpty().isSorted().hasSizeLessThanOrEqualTo(max + 1)
                    .allSatisfy(v -> assertThat(v).isBetween(a - 1e-9 * Math.abs(b - a), b + 1e-9 * Math.abs(b - a)));
        }
    }

    @Test
    void rejectsNonRanges() {
        assertThatThrownBy(() -> Ticks.log(0, 10, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ticks.linear(3, 1, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tickLabels() {
        assertThat(Ticks.label(1e4)).isEqualTo("10000");
        assertThat(Ticks.label(1e6)).isEqualTo("1e6");
        assertThat(Ticks.label(0.001)).isEqualTo("1e-3");
        assertThat(Ticks.label(0.5)).isEqualTo("0.5");
        assertThat(Ticks.label(20)).isEqualTo("20");
        assertThat(Ticks.label(0)).isEqualTo("0");
    }
}
