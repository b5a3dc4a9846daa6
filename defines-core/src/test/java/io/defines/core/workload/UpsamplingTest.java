package io.defines.core.workload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The producer pixels under a read range of an upsampled map, against their definition pixel by pixel. */
class UpsamplingTest {

    /** [min, max + 1) of the pixels the outputs lo … hi − 1 read, from ONNX Resize's coordinate rules. */
    private static long[] bruteForce(long lo, long hi, long s, long size, boolean linear) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long u = lo; u < hi; u++) {
            if (linear) {
                double x = (u + 0.5) / s - 0.5;
                long a = Math.max(0, Math.min(size - 1, (long) Math.floor(x)));
                long b = Math.max(0, Math.min(size - 1, (long) Math.floor(x) + 1));
                min = Math.min(min, Math.min(a, b));
                max = Math.max(max, Math.max(a, b));
            } else {
                long a = Math.floorDiv(u, s);
                min = Math.min(min, a);
                max = Math.max(max, a);
            }
        }
        return new long[] {min, max + 1};
    }

    @Test
    void nearestAndLinearRangesAreThePixelsTheOutputsRead() {
        int checked = 0;
        for (long s = 1; s <= 4; s++) {
            for (long size = 1; size <= 7; size++) {
                for (long lo = 0; lo < size * s; lo++) {
                    for (long hi = lo + 1; hi <= size * s; hi++) {
                        for (boolean linear : new boolean[] {false, true}) {
                            Upsampling up = new Upsampling(s, linear);
                            assertThat(up.producerRange(lo, hi, size)).as("s %d size %d [%d, %d) %s", s, size, lo, hi, linear ? "linear" : "nearest")
                                    .containsExactly(bruteForce(lo, hi, s, size, linear));
                            assertThat(up.producerEnd(hi, size)).isEqualTo(bruteForce(0, hi, s, size, linear)[1]);
                            if (lo % s == 0) {
                                assertThat(up.producerExtent(hi - lo)).isGreaterThanOrEqualTo(bruteForce(lo, hi, s, size, linear)[1]
                                        - bruteForce(lo, hi, s, size, linear)[0]);
                            }
                            checked++;
                        }
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(4_480); // every range of every map up to 7 pixels, factors 1 to 4, both modes
        assertThat(Upsampling.NONE.producerRange(3, 9, 20)).containsExactly(3, 9);
    }
}
