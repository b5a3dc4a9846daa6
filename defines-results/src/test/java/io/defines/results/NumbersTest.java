package io.defines.results;

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
}
