package io.defines.explorer.cli;

import io.defines.core.input.Diagnostic;
import io.defines.core.input.InputFiles.MappingContext;
import io.defines.core.input.InputFiles.Validation;
import io.defines.core.load.Inputs;
import io.defines.core.onnx.OnnxOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code defines validate FILE...}: checks accelerators, workloads and mappings, reporting every problem. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check input files (accelerator, workload or mapping YAML; the kind is detected from the content).",
                "Mappings under hardware/mappings/<family>/<workload>.yaml are also checked against hardware/<family>.yaml",
                "and workloads/<workload>.yaml; --workload/--accelerator name that context explicitly.",
                "Exit 0 when every file is valid (warnings allowed), 2 otherwise."})
final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to check.")
    List<Path> files;

    @Option(names = "--workload", paramLabel = "W", description = "Workload to check mapping files against.")
    Path workload;

    @Option(names = "--accelerator", paramLabel = "A", description = "Accelerator to check mapping files against.")
    Path accelerator;

    @Option(names = {"-q", "--quiet"}, description = "Print only problems, not one line per valid file.")
    boolean quiet;

    @picocli.CommandLine.Mixin
    OnnxMixin onnx;

    @Spec
    CommandSpec spec;

    /** How one file is validated (a seam for the test of a file whose validation fails unexpectedly). */
    interface Validator {
        Validation validate(Path file, MappingContext context, OnnxOptions options);
    }

    static volatile Validator validator = Inputs::validate;

    /** Whether --debug was given (an option of the top command). */
    private boolean debug() {
        picocli.CommandLine.Model.CommandSpec root = spec.root();
        return root.userObject() instanceof Main m && m.debug;
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        OnnxOptions options;
        try {
            options = onnx.options();
        } catch (IllegalArgumentException e) {
            return Main.usageError(err, "validate", e.getMessage());
        }
        MappingContext ctx = workload == null && accelerator == null ? null : new MappingContext(workload, accelerator);
        int invalid = 0;
        int internal = 0;
        int warnings = 0;
        for (Path f : files) {
            Validation v;
            try {
                v = validator.validate(f, ctx, options);
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError vm && !(vm instanceof OutOfMemoryError || vm instanceof StackOverflowError)) {
                    throw vm;
                }
                // one file's internal error does not cost the other files their verdict
                internal++;
                err.println("defines validate: internal error on " + f + ": " + e);
                if (debug()) {
                    e.printStackTrace(err);
                } else {
                    err.println("  (run again with --debug for the stack trace, and please report it)");
                }
                out.println("ERROR   " + f + " (internal error)");
                continue;
            }
            for (Diagnostic d : v.diagnostics()) {
                err.println(d.render());
                if (!d.isError()) {
                    warnings++;
                }
            }
            if (v.ok()) {
                if (!quiet) {
                    out.println("ok      " + f + " (" + v.kind().name().toLowerCase(Locale.ROOT) + ")");
                }
            } else {
                invalid++;
                long errors = v.diagnostics().stream().filter(Diagnostic::isError).count();
                out.println("INVALID " + f + " (" + errors + (errors == 1 ? " error" : " errors") + ")");
            }
        }
        out.println(files.size() - invalid - internal + " of " + files.size() + " files valid"
                + (warnings > 0 ? ", " + warnings + (warnings == 1 ? " warning" : " warnings") : "")
                + (internal > 0 ? ", " + internal + (internal == 1 ? " internal error" : " internal errors") : ""));
        // the worst verdict: an internal error (1) outranks invalid input (2)
        return internal > 0 ? Main.EXIT_INTERNAL : invalid == 0 ? Main.EXIT_OK : Main.EXIT_INVALID;
    }
}
