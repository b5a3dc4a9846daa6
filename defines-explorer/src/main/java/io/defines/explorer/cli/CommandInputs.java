package io.defines.explorer.cli;

import io.defines.core.hardware.Accelerator;
import io.defines.core.input.AcceleratorReader;
import io.defines.core.input.InputFiles;
import io.defines.core.input.MappingReader;
import io.defines.core.input.Parsed;
import io.defines.core.load.Inputs;
import io.defines.core.mapping.Mapping;
import io.defines.core.onnx.OnnxOptions;
import io.defines.core.workload.Workload;
import java.io.PrintWriter;
import java.nio.file.Path;

/** The workload, accelerator and mapping a command evaluates schedules on (evaluate, optimize). */
record CommandInputs(Workload workload, Accelerator accelerator, Mapping mapping) {

    /**
     * Reads them (the mapping defaulting to the library's next to the accelerator), printing every
     * diagnostic on {@code err}; null when one of them is invalid.
     */
    static CommandInputs read(Path workload, Path accelerator, Path mapping, OnnxOptions options, PrintWriter err) {
        Parsed<Workload> w = Inputs.readWorkload(workload, options);
        Parsed<Accelerator> a = AcceleratorReader.read(accelerator);
        if (!Main.report(w, err) | !Main.report(a, err)) {
            return null;
        }
        Parsed<Mapping> m = MappingReader.read(mapping != null ? mapping : InputFiles.libraryMapping(accelerator, workload), w.value(), a.value());
        return Main.report(m, err) ? new CommandInputs(w.value(), a.value(), m.value()) : null;
    }
}
