package io.defines.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ParetoTest {

    @Test
    void keepsTheNonDominatedPointsAndTies() {
        List<double[]> pts = List.of(
                new double[] {1, 5},   // front
                new double[] {2, 2},   // front
                new double[] {2, 3},   // dominated by {2, 2}
                new double[] {5, 1},   // front
                new double[] {2, 2},   // equal to a front point: kept
                new double[] {6, 6});  // dominated
        assertThat(ParetoFront.of(pts)).containsExactly(0, 1, 3, 4);
    }

    @Test
    void frontPointsAreMutuallyNonDominatedAndDominateTheRest() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            List<double[]> pts = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                pts.add(new double[] {rnd.nextInt(20), rnd.nextInt(20), rnd.nextInt(20)});
            }
            List<Integer> front = ParetoFront.of(pts);
            assertThat(front).isNotEmpty().isSorted();
            for (int i = 0; i < pts.size(); i++) {
                int fi = i;
                boolean dominated = pts.stream().anyMatch(q -> ParetoFront.dominates(q, pts.get(fi)));
                assertThat(front.contains(i)).isEqualTo(!dominated);
            }
        }
    }
}
