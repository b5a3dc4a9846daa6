package io.defines.core.workload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pr-dimension extent rule of defines-model §2.1.4. */
class DimRelationTest {

    @ParameterizedTest(name = "ix={0}*ox+{2}*fx, OX={1}, FX={3} -> {4}")
    @CsvSource({
        // stride 1: A + B - 1
        "1, 970, 1, 5, 974",
        "1, 4, 1, 3, 6",
        // stride 2, kernel 3: 2A + 1
        "2, 253, 1, 3, 507",
        // stride 2, kernel 7: 2A + 5
        "2, 311, 1, 7, 627",
        // stride 2, kernel 1: A (the gaps are not counted)
        "2, 10, 1, 1, 10",
        // dilation 2, kernel 3, stride 1: A + 4
        "1, 10, 2, 3, 14",
        // 1x1 kernel, stride 1
        "1, 7, 1, 1, 7",
    })
    void extentCountsDistinctInputIndices(int stride, long outSize, int dilation, long kernel, long expected) {
        DimRelation r = new DimRelation("IX", "OX", stride, "FX", dilation);
        assertThat(r.extent(outSize, kernel)).isEqualTo(expected);
        assertThat(r.extent(outSize, kernel)).isEqualTo(bruteForce(stride, outSize, dilation, kernel));
    }

    private static long bruteForce(int sa, long a, int sb, long b) {
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (long i = 0; i < a; i++) {
            for (long j = 0; j < b; j++) {
                seen.add(sa * i + sb * j);
            }
        }
        return seen.size();
    }

    @ParameterizedTest
    @CsvSource({
        // fractional loop sizes (fractional spatial unrollings) are truncated toward zero like DeFiNES
        "1, 2.5, 1, 3, 4",
        "2, 1.5, 1, 3, 4",
    })
    void fractionalSizesTruncateLikeDefines(int sa, double a, int sb, double b, double expected) {
        assertThat(new DimRelation("IX", "OX", sa, "FX", sb).extent(a, b)).isEqualTo(expected);
    }
}
