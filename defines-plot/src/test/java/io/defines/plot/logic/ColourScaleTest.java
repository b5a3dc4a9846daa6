package io.defines.plot.logic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import org.junit.jupiter.api.Test;

class ColourScaleTest {

    @Test
    void endsAreViridisEnds() {
        assertThat(ColourScale.at(0)).isEqualTo(new Color(0x440154));
        assertThat(ColourScale.at(1)).isEqualTo(new Color(0xFDE725));
        assertThat(ColourScale.at(-3)).isEqualTo(ColourScale.at(0));
        assertThat(ColourScale.at(7)).isEqualTo(ColourScale.at(1));
    }

    @Test
    void luminanceRisesMonotonically() {
        double last = -1;
        for (int i = 0; i <= 100; i++) {
            double l = ColourScale.luminance(ColourScale.at(i / 100.0));
            assertThat(l).isGreaterThanOrEqualTo(last);
            last = l;
        }
    }

    @Test
    void logScalePutsTheGeometricMeanInTheMiddle() {
        ColourScale s = new ColourScale(2, 50, true);
        assertThat(s.fraction(10)).isCloseTo(0.5, within(1e-12));
        assertThat(s.fraction(2)).isZero();
        assertThat(s.fraction(50)).isEqualTo(1.0);
        assertThat(s.fraction(1000)).isEqualTo(1.0);
        ColourScale lin = new ColourScale(0, 10, false);
        assertThat(lin.fraction(2.5)).isEqualTo(0.25);
        assertThat(new ColourScale(3, 3, true).fraction(3)).isEqualTo(0.5);
    }

    @Test
    void textContrastsWithItsCell() {
        assertThat(ColourScale.textOn(ColourScale.at(0))).isEqualTo(Color.WHITE);
        assertThat(ColourScale.textOn(ColourScale.at(1))).isEqualTo(Color.BLACK);
        assertThat(ColourScale.textOn(Color.WHITE)).isEqualTo(Color.BLACK);
    }
}
