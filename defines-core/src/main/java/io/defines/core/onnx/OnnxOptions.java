package io.defines.core.onnx;

import io.defines.core.input.IntRange;

/**
 * How an ONNX graph becomes a workload: operand precisions (bits) and whether unsupported operators
 * are skipped (each listed as a warning) instead of refused.
 */
public record OnnxOptions(int weightBits, int activationBits, int partialSumBits, int outputBits, boolean skipUnsupported) {

    /** 8-bit weights and activations, 16-bit partial sums, 8-bit outputs; unsupported operators refused. */
    public static final OnnxOptions DEFAULT = new OnnxOptions(8, 8, 16, 8, false);

    public OnnxOptions {
        for (int b : new int[] {weightBits, activationBits, partialSumBits, outputBits}) {
            if (b < 1 || b > 64) {
                throw new IllegalArgumentException("precisions are 1 to 64 bits, not " + b);
            }
        }
    }

    public OnnxOptions withSkipUnsupported(boolean skip) {
        return new OnnxOptions(weightBits, activationBits, partialSumBits, outputBits, skip);
    }

    /** From "W,I,O,O_final" bits, e.g. "8,8,16,8". */
    public static OnnxOptions parsePrecision(String text, boolean skip) {
        String[] p = text.split(",");
        if (p.length != 4) {
            throw new IllegalArgumentException("precision '" + text + "' is not four numbers W,I,O,O_final. Maybe 8,8,16,8");
        }
        String[] names = {"W", "I", "O", "O_final"};
        int[] bits = new int[4];
        for (int i = 0; i < 4; i++) {
            try {
                bits[i] = (int) IntRange.PRECISION.parse(p[i], "precision " + names[i]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--" + e.getMessage() + " in '" + text + "'. Maybe --precision 8,8,16,8 (W,I,O,O_final)");
            }
        }
        return new OnnxOptions(bits[0], bits[1], bits[2], bits[3], skip);
    }
}
