package io.defines.plot.logic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void significantDigits() {
        assertThat(Numbers.significant(2.154215628, 3)).isEqualTo("2.15");
        assertThat(Numbers.significant(18.2956, 3)).isEqualTo("18.3");
        assertThat(Numbers.significant(1834.9, 3)).isEqualTo("1830");
        assertThat(Numbers.significant(0.004217, 2)).isEqualTo("0.0042");
        assertThat(Numbers.significant(2.0, 3)).isEqualTo("2");
        assertThat(Numbers.significant(0, 3)).isEqualTo("0");
        assertThat(Numbers.significant(Double.NaN, 3)).isEqualTo("–");
    }

    @Test
    void tickLabels() {
        assertThat(Numbers.tick(1e4)).isEqualTo("10000");
        assertThat(Numbers.tick(1e6)).isEqualTo("1e6");
        assertThat(Numbers.tick(0.001)).isEqualTo("1e-3");
        assertThat(Numbers.tick(0.5)).isEqualTo("0.5");
        assertThat(Numbers.tick(20)).isEqualTo("20");
        assertThat(Numbers.tick(0)).isEqualTo("0");
    }
}
