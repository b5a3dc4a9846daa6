package io.defines.core.load;

import io.defines.core.input.InputFiles.Kind;
import io.defines.core.input.InputFiles.MappingContext;
import io.defines.core.input.InputFiles.Validation;
import io.defines.core.input.InputFiles;
import io.defines.core.input.Parsed;
import io.defines.core.input.WorkloadReader;
import io.defines.core.onnx.OnnxImporter;
import io.defines.core.onnx.OnnxOptions;
import io.defines.core.workload.Workload;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads input files of any kind: a workload from YAML ({@link WorkloadReader}) or from an ONNX model
 * ({@link OnnxImporter}), told apart by the file's extension. This is the one place that knows both;
 * the YAML readers ({@code io.defines.core.input}) know nothing of ONNX, and the importer builds on
 * them. Every command that reads a workload from a path comes through here.
 */
public final class Inputs {

    private Inputs() {
    }

    /** Whether {@code path} names an ONNX model (by its extension). */
    public static boolean isOnnx(Path path) {
        return path.getFileName() != null && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx");
    }

    /** Reads a workload YAML, or an ONNX model ({@code .onnx}) with the default import options. */
    public static Parsed<Workload> readWorkload(Path path) {
        return readWorkload(path, OnnxOptions.DEFAULT);
    }

    /** As {@link #readWorkload(Path)}; {@code onnx} applies to {@code .onnx} files only. */
    public static Parsed<Workload> readWorkload(Path path, OnnxOptions onnx) {
        return isOnnx(path) ? OnnxImporter.read(path, onnx) : WorkloadReader.read(path);
    }

    /** Validates a file of any kind ({@link InputFiles#validate}), an ONNX model with the default import options. */
    public static Validation validate(Path file, MappingContext context) {
        return validate(file, context, OnnxOptions.DEFAULT);
    }

    /**
     * As {@link #validate(Path, MappingContext)}; {@code onnx} for an {@code .onnx} file. The workload a
     * mapping is checked against is read with the default import options.
     */
    public static Validation validate(Path file, MappingContext context, OnnxOptions onnx) {
        if (isOnnx(file)) {
            return Validation.of(file, Kind.WORKLOAD, OnnxImporter.read(file, onnx));
        }
        return InputFiles.validate(file, context, Inputs::readWorkload);
    }
}
