package io.defines.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ParetoFrontTest {

    @Test
    void smallCase() {
        double[] x = {1, 2, 3, 2, 4, 1, Double.NaN};
        double[] y = {5, 3, 1, 4, 0.5, 6, 0};
        assertThat(ParetoFront.of(x, y)).containsExactly(0, 1, 2, 4);
    }

    @Test
    void equalPointsAreAllKept() {
        assertThat(ParetoFront.of(new double[] {1, 1, 2}, new double[] {2, 2, 1})).containsExactly(0, 1, 2);
    }

    @Test
    void matchesBruteForce() {
        Random r = new Random(3);
        for (int round = 0; round < 200; round++) {
            int n = 1 + r.nextInt(40);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = r.nextInt(10);
                y[i] = r.nextInt(10);
            }
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                boolean dominated = false;
                for (int j = 0; j < n; j++) {
                    if (x[j] <= x[i] && y[j] <= y[i] && (x[j] < x[i] || y[j] < y[i])) {
                        dominated = true;
                    }
                }
                if (!dominated) {
                    expected.add(i);
                }
            }
            assertThat(ParetoFront.of(x, y)).containsExactlyInAnyOrderElementsOf(expected);
        }
    }
}
