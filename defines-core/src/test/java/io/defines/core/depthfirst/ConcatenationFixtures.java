package io.defines.core.depthfirst;

/** Workloads with a concatenation, in the ZigZag YAML form with {@code operand_source: {I: [a, b]}}. */
public final class ConcatenationFixtures {

    private ConcatenationFixtures() {
    }

    private static String conv(int id, int k, int c, int f, int src, String padding) {
        return """
                - id: %d
                  operator_type: Conv
                  equation: O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]
                  dimension_relations: [ix=1*ox+1*fx, iy=1*oy+1*fy]
                  loop_dims: [B, K, C, OY, OX, FY, FX]
                  loop_sizes: [1, %d, %d, 32, 32, %d, %d]
                  operand_precision: {W: 8, I: 8, O: 16, O_final: 8}
                  operand_source: {W: %d, I: %s}
                %s""".formatted(id, k, c, f, f, id, src < 0 ? String.valueOf(id) : String.valueOf(src), padding);
    }

    private static final String PAD = "  pr_loop_dims: [IX, IY]\n  padding: [[1, 1], [1, 1]]\n";

    /** L0 3→16 3×3; L1 16→8 1×1 and L2 16→24 3×3, both reading L0; L3 1×1 over their concatenation (32 → 16). */
    public static final String CONCAT = conv(0, 16, 3, 3, -1, PAD) + conv(1, 8, 16, 1, 0, "") + conv(2, 24, 16, 3, 0, PAD)
            + conv(3, 16, 32, 1, 99, "").replace("I: 99", "I: [1, 2]");
    /** The same L3 reading one 16→32 3×3 producer. */
    public static final String SINGLE = conv(0, 16, 3, 3, -1, PAD) + conv(2, 32, 16, 3, 0, PAD) + conv(3, 16, 32, 1, 2, "");

}
