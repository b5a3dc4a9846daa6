package io.defines.core.workload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EquationTest {

    @Test
    void convolutionOutputFirstThenInputsInOrder() {
        Equation e = Equation.parse("O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]").equation();
        assertThat(e.accumulates()).isTrue();
        assertThat(e.output().name()).isEqualTo("O");
        assertThat(e.output().indices()).containsExactly("B", "K", "OY", "OX");
        assertThat(e.inputs()).extracting(Operand::name).containsExactly("W", "I");
        assertThat(e.operand("I").orElseThrow().indices()).containsExactly("B", "C", "IY", "IX");
    }

    @Test
    void elementWiseAddHasTwoInputsAndDoesNotAccumulate() {
        Equation e = Equation.parse("O[b][g][oy][ox]=W[b][g][oy][ox]+I[b][g][oy][ox]").equation();
        assertThat(e.accumulates()).isFalse();
        assertThat(e.inputs()).extracting(Operand::name).containsExactly("W", "I");
    }

    @Test
    void spacesAndEmptyBracketsAreTolerated() {
        Equation e = Equation.parse(" O[d0][d1] += I[d0][d2] * W[d2][d1] ").equation();
        assertThat(e.inputs()).hasSize(2);
        assertThat(Equation.parse("O[k]+=W[]*I[k]").equation().operand("W").orElseThrow().indices()).isEmpty();
    }

    @Test
    void malformedEquationsExplainWhy() {
        assertThat(Equation.parse("O[k] W[k]").error()).contains("no '='");
        assertThat(Equation.parse("O[k]=W[k]=I[k]").error()).contains("more than one");
        assertThat(Equation.parse("O[k]+=W[k]*I[k]*W[k]").error()).contains("appears twice");
        assertThat(Equation.parse("O[k]+=3*I[k]").error()).contains("'3'");
    }
}
