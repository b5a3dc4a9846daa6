package io.defines.core.onnx;

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
        try {
            return new OnnxOptions(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()), Integer.parseInt(p[2].trim()),
                    Integer.parseInt(p[3].trim()), skip);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("precision '" + text + "' is not four numbers W,I,O,O_final. Maybe 8,8,16,8");
        }
    }
}
