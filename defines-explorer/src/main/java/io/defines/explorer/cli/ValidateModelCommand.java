package io.defines.explorer.cli;

import io.defines.core.input.Diagnostic;
import io.defines.core.input.InputFiles;
import io.defines.core.input.InvalidInputException;
import io.defines.core.input.Parsed;
import io.defines.explorer.validation.Measurement;
import io.defines.explorer.validation.MeasurementReader;
import io.defines.explorer.validation.Validation;
import io.defines.plot.render.Format;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code defines validate-model}: the model against measurements, optionally calibrated. */
@Command(name = "validate-model", mixinStandardHelpOptions = true,
        description = {"Evaluate every row of a measurement CSV (docs/validation.md) and compare the model with the measured values.",
                "Writes DIR/validation.csv, DIR/summary.txt and DIR/figures/parity-<metric>.*; prints the summary.",
                "--calibrate fits parameters by bounded least squares and writes DIR/<accelerator>-calibrated.yaml."})
final class ValidateModelCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MEASUREMENTS", description = "Measurement CSV.")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: results/validation-<file name>).")
    Path out;

    @Option(names = "--calibrate", paramLabel = "PARAMS",
            description = "Comma list of: mac, onchip, core (= mac + onchip), offchip, mem:<memory>, overhead (control cycles per layer run).")
    String calibrate;

    @Option(names = "--formats", split = ",", paramLabel = "FORMAT", description = "Parity plot formats (default: png,svg,pdf).")
    List<String> formats;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        Set<Format> fmts;
        try {
            fmts = Format.parseAll(formats);
        } catch (IllegalArgumentException e) {
            return Main.usageError(err, "validate-model", e.getMessage());
        }
        System.setProperty("java.awt.headless", "true");
        Parsed<List<Measurement>> rows = MeasurementReader.read(file);
        rows.diagnostics().forEach(d -> err.println(d.render()));
        if (!rows.ok()) {
            return Main.EXIT_INVALID;
        }
        Validation v;
        try {
            v = new Validation(rows.value());
        } catch (InvalidInputException e) {
            e.diagnostics().stream().filter(Diagnostic::isError).forEach(d -> err.println(d.render()));
            return Main.EXIT_INVALID;
        }
        Path dir = out != null ? out : Path.of("results", "validation-" + InputFiles.stem(file));
        Validation.Report report;
        try {
            report = v.run(dir, calibrate);
        } catch (IllegalArgumentException e) {
            return Main.usageError(err, "validate-model", e.getMessage());
        }
        ParityFigures.write(report, dir.resolve("figures"), fmts);
        stdout.print(report.summary());
        stdout.println("→ " + dir);
        return Main.EXIT_OK;
    }
}
