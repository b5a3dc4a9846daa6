package io.defines.explorer.cli;

import io.defines.core.onnx.OnnxOptions;
import picocli.CommandLine.Option;

/** The ONNX import options shared by the commands that read workloads. */
final class OnnxMixin {

    @Option(names = "--skip-unsupported", description = "ONNX: skip unsupported operators (each listed as a warning) instead of refusing the model.")
    boolean skipUnsupported;

    @Option(names = "--precision", paramLabel = "W,I,O,O_FINAL",
            description = "ONNX: operand precisions in bits (default 8,8,16,8: weights, activations, partial sums, outputs).")
    String precision;

    /** The options; an IllegalArgumentException (message with a Maybe) for a malformed --precision. */
    OnnxOptions options() {
        return precision == null ? OnnxOptions.DEFAULT.withSkipUnsupported(skipUnsupported) : OnnxOptions.parsePrecision(precision, skipUnsupported);
    }
}
