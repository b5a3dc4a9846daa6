package io.defines.explorer.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.defines.core.hardware.Accelerator;
import io.defines.core.hardware.Memory;
import io.defines.core.input.AcceleratorReader;
import io.defines.core.input.Diagnostic;
import io.defines.core.input.InputFiles;
import io.defines.core.input.InvalidInputException;
import io.defines.core.input.MappingReader;
import io.defines.core.input.Parsed;
import io.defines.core.load.Inputs;
import io.defines.core.mapping.Mapping;
import io.defines.core.workload.Workload;
import io.defines.results.Numbers;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Model against measurements (docs/validation.md): evaluates every row, optionally calibrates,
 * writes validation.csv and summary.txt, and gives the data of the parity figures (which the CLI draws).
 */
public final class Validation {

    /** What a validation found; {@code fit} null without calibration; one {@link Parity} per metric with measured rows. */
    public record Report(List<ModelRuns.Run> runs, Calibration.Fit fit, Path calibratedAccelerator, String summary, List<Parity> parity) {
    }

    private final List<Measurement> rows;
    private final Map<Measurement, ModelRuns.Inputs> inputs = new LinkedHashMap<>();
    private final ModelRuns model = new ModelRuns();

    /** Reads every row's inputs; all problems of all files at once as an {@link InvalidInputException}. */
    public Validation(List<Measurement> rows) {
        this.rows = List.copyOf(rows);
        List<Diagnostic> problems = new ArrayList<>();
        Map<Path, Parsed<Workload>> ws = new HashMap<>();
        Map<Path, Parsed<Accelerator>> as = new HashMap<>();
        Map<List<Path>, Parsed<Mapping>> maps = new HashMap<>();
        for (Measurement m : rows) {
            Parsed<Workload> w = ws.computeIfAbsent(m.workload(), Inputs::readWorkload);
            Parsed<Accelerator> a = as.computeIfAbsent(m.accelerator(), AcceleratorReader::read);
            if (!w.ok() || !a.ok()) {
                continue;
            }
            Path mp = m.mapping() != null ? m.mapping() : InputFiles.libraryMapping(m.accelerator(), m.workload());
            if (!Files.isRegularFile(mp)) {
                problems.add(new Diagnostic(Diagnostic.Severity.ERROR, "measurements", m.line(), 1, "/mapping",
                        "row '" + m.id() + "' has no mapping, and the library rule's " + mp + " does not exist",
                        "fill the row's mapping column"));
                continue;
            }
            Parsed<Mapping> mapping = maps.computeIfAbsent(List.of(mp, m.workload(), m.accelerator()), k -> MappingReader.read(mp, w.value(), a.value()));
            if (mapping.ok()) {
                inputs.put(m, new ModelRuns.Inputs(w.value(), a.value(), mapping.value()));
            }
        }
        ws.values().forEach(w -> problems.addAll(w.errors()));
        as.values().forEach(a -> problems.addAll(a.errors()));
        maps.values().forEach(m -> problems.addAll(m.errors()));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /** Every row evaluated on its own accelerator, or on {@code replacement} for rows of {@code file}. */
    List<ModelRuns.Run> evaluate(Path file, Accelerator replacement) {
        List<ModelRuns.Run> out = new ArrayList<>();
        for (Measurement m : rows) {
            ModelRuns.Inputs in = inputs.get(m);
            Accelerator acc = replacement != null && m.accelerator().equals(file) ? replacement : in.accelerator();
            out.add(model.run(m, in, acc));
        }
        return out;
    }

    /** Every row evaluated on its own accelerator changed by {@code change}. */
    List<ModelRuns.Run> evaluate(Function<Accelerator, Accelerator> change) {
        List<ModelRuns.Run> out = new ArrayList<>();
        for (Measurement m : rows) {
            ModelRuns.Inputs in = inputs.get(m);
            out.add(model.run(m, in, change.apply(in.accelerator())));
        }
        return out;
    }

    /**
     * Runs the validation into {@code dir}: validation.csv, summary.txt; with {@code calibrate} (comma
     * list), fits those parameters and writes the calibrated accelerator.
     */
    public Report run(Path dir, String calibrate) throws IOException {
        Files.createDirectories(dir);
        List<ModelRuns.Run> before = evaluate(null, null);
        Calibration.Fit fit = null;
        Path calibratedFile = null;
        if (calibrate != null) {
            List<Path> accs = rows.stream().filter(Measurement::include).map(Measurement::accelerator).distinct().toList();
            if (accs.size() != 1) {
                throw new IllegalArgumentException("calibration fits one accelerator, but the included rows use " + accs.size()
                        + " (" + accs + "). Maybe set include=no on the rows of the others");
            }
            Path accFile = accs.get(0);
            Accelerator base = inputs.get(rows.stream().filter(m -> m.accelerator().equals(accFile)).findFirst().orElseThrow()).accelerator();
            List<Parameter> params = Parameter.parse(calibrate, base);
            Calibration cal = new Calibration(params, a -> evaluate(accFile, a));
            fit = cal.fit(base, before);
            calibratedFile = dir.resolve(InputFiles.stem(accFile) + "-calibrated.yaml");
            if (calibratedFile.toAbsolutePath().normalize().equals(accFile.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("the calibrated accelerator would overwrite its input " + accFile + ". Maybe another --out");
            }
            writeCalibrated(accFile, base, fit, params, calibratedFile);
        }
        writeCsv(dir.resolve("validation.csv"), before, fit);
        LayerLatencies.write(dir.resolve("breakdown.csv"), before);
        String summary = summary(before, fit, calibratedFile) + LayerLatencies.section(before)
                + Sensitivity.section(rows, Sensitivity.evaluate(this::evaluate));
        Files.writeString(dir.resolve("summary.txt"), summary, StandardCharsets.UTF_8);
        return new Report(before, fit, calibratedFile, summary, parity(before, fit));
    }

    static double relError(double model, double measured) {
        return model / measured - 1;
    }

    private void writeCsv(Path file, List<ModelRuns.Run> before, Calibration.Fit fit) throws IOException {
        List<String> header = new ArrayList<>(List.of("id", "workload", "accelerator", "schedule", "metric", "measured", "model", "rel_error",
                "source", "included"));
        if (fit != null) {
            header.addAll(List.of("calibrated_model", "calibrated_rel_error", "loo_rel_error"));
        }
        var csv = new com.fasterxml.jackson.dataformat.csv.CsvMapper().writer(
                com.fasterxml.jackson.dataformat.csv.CsvSchema.emptySchema().withLineSeparator("\n"));
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(csv.writeValueAsString(header));
            for (int i = 0; i < rows.size(); i++) {
                Measurement m = rows.get(i);
                ModelRuns.Run r = before.get(i);
                for (Map.Entry<Metric, Double> e : m.measured().entrySet()) {
                    double model = r.value(e.getKey());
                    List<String> cells = new ArrayList<>(List.of(m.id(), InputFiles.stem(m.workload()), InputFiles.stem(m.accelerator()), m.schedule(),
                            e.getKey().column(), num(e.getValue()), num(model), num(relError(model, e.getValue())), m.source(),
                            m.include() ? "yes" : "no"));
                    if (fit != null) {
                        double cm = fit.runs().get(i).value(e.getKey());
                        Double loo = fit.leaveOneOut().getOrDefault(m.id(), Map.of()).get(e.getKey());
                        cells.addAll(List.of(num(cm), num(relError(cm, e.getValue())), loo == null ? "" : num(loo)));
                    }
                    w.write(csv.writeValueAsString(cells));
                }
            }
        }
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    /** Per metric over included rows: count, mean and max absolute relative error. */
    private Map<Metric, double[]> stats(List<ModelRuns.Run> runs, boolean loo, Calibration.Fit fit) {
        Map<Metric, double[]> out = new LinkedHashMap<>();
        for (Metric metric : Metric.values()) {
            double n = 0;
            double sum = 0;
            double max = 0;
            for (int i = 0; i < rows.size(); i++) {
                Measurement m = rows.get(i);
                Double meas = m.measured().get(metric);
                if (meas == null || !m.include()) {
                    continue;
                }
                double err;
                if (loo) {
                    Double l = fit.leaveOneOut().getOrDefault(m.id(), Map.of()).get(metric);
                    if (l == null) {
                        continue;
                    }
                    err = Math.abs(l);
                } else {
                    err = Math.abs(relError(runs.get(i).value(metric), meas));
                }
                if (Double.isNaN(err)) {
                    continue;
                }
                n++;
                sum += err;
                max = Math.max(max, err);
            }
            if (n > 0) {
                out.put(metric, new double[] {n, sum / n, max});
            }
        }
        return out;
    }

    private String summary(List<ModelRuns.Run> before, Calibration.Fit fit, Path calibratedFile) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d measurement rows, %d included, %d measured values%n", rows.size(),
                rows.stream().filter(Measurement::include).count(), rows.stream().mapToInt(m -> m.measured().size()).sum()));
        for (ModelRuns.Run r : before) {
            if (r.result() == null) {
                sb.append("row ").append(r.m().id()).append(": infeasible: ").append(r.reason()).append('\n');
            }
        }
        sb.append("\nrelative error (model / measured − 1), included rows\n");
        sb.append(String.format(Locale.ROOT, "%-18s %3s %12s %12s%s%n", "metric", "n", "mean |err|", "max |err|",
                fit == null ? "" : String.format(Locale.ROOT, " %12s %12s %12s %12s", "calibrated", "max", "leave-1-out", "max")));
        Map<Metric, double[]> b = stats(before, false, null);
        Map<Metric, double[]> a = fit == null ? Map.of() : stats(fit.runs(), false, fit);
        Map<Metric, double[]> l = fit == null ? Map.of() : stats(null, true, fit);
        for (Map.Entry<Metric, double[]> e : b.entrySet()) {
            double[] s = e.getValue();
            sb.append(String.format(Locale.ROOT, "%-18s %3d %11.1f%% %11.1f%%", e.getKey().column(), (int) s[0], 100 * s[1], 100 * s[2]));
            if (fit != null) {
                double[] x = a.get(e.getKey());
                double[] y = l.get(e.getKey());
                sb.append(x == null ? String.format(Locale.ROOT, " %12s %12s", "–", "–")
                        : String.format(Locale.ROOT, " %11.1f%% %11.1f%%", 100 * x[1], 100 * x[2]));
                sb.append(y == null ? String.format(Locale.ROOT, " %12s %12s", "–", "–")
                        : String.format(Locale.ROOT, " %11.1f%% %11.1f%%", 100 * y[1], 100 * y[2]));
            }
            sb.append('\n');
        }
        sb.append("\nper row\n");
        for (int i = 0; i < rows.size(); i++) {
            Measurement m = rows.get(i);
            for (Map.Entry<Metric, Double> e : m.measured().entrySet()) {
                double model = before.get(i).value(e.getKey());
                sb.append(String.format(Locale.ROOT, "  %-12s %-16s measured %-12s model %-12s %+7.1f%%", m.id(), e.getKey().column(),
                        Numbers.significant(e.getValue(), 4), Numbers.significant(model, 4), 100 * relError(model, e.getValue())));
                if (fit != null) {
                    double cm = fit.runs().get(i).value(e.getKey());
                    sb.append(String.format(Locale.ROOT, "  calibrated %-12s %+7.1f%%", Numbers.significant(cm, 4), 100 * relError(cm, e.getValue())));
                }
                sb.append(m.include() ? "" : "  (not included)").append('\n');
            }
        }
        if (fit != null) {
            sb.append(String.format(Locale.ROOT, "%ncalibration (%d rounds of linearise, solve, re-evaluate)%n", fit.rounds()));
            fit.values().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-16s %s%s%n", k, Numbers.significant(v, 5),
                    k.equals("overhead") ? " cycles per layer run" : " × the input accelerator's value")));
            if (!fit.unconstrained().isEmpty()) {
                sb.append("  not constrained by any included measurement (left unchanged): ").append(String.join(", ", fit.unconstrained())).append('\n');
            }
            fit.onlyConstrainedBy().forEach((id, ps) -> sb.append("  only row ").append(id).append(" constrains ").append(String.join(", ", ps))
                    .append(": its leave-one-out prediction uses the input value\n"));
            long eqs = rows.stream().filter(Measurement::include).mapToLong(m -> m.measured().size()).sum();
            if (eqs <= fit.values().size()) {
                sb.append("  as many parameters as measured values or more: the fit is exact by construction; only the leave-one-out errors say"
                        + " anything about predictive power\n");
            }
            sb.append("  calibrated accelerator: ").append(calibratedFile).append('\n');
        }
        return sb.toString();
    }

    /** Per metric, the rows that measured it with a positive model value (the calibrated one when there is a fit). */
    private List<Parity> parity(List<ModelRuns.Run> before, Calibration.Fit fit) {
        List<Parity> out = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            List<Parity.Point> points = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                Double meas = rows.get(i).measured().get(metric);
                if (meas == null) {
                    continue;
                }
                double m0 = before.get(i).value(metric);
                double m1 = fit == null ? m0 : fit.runs().get(i).value(metric);
                if (!(m1 > 0)) {
                    continue;
                }
                points.add(new Parity.Point(meas, m1, fit == null ? Double.NaN : m0, rows.get(i).id() + (rows.get(i).include() ? "" : " (excl.)")));
            }
            if (!points.isEmpty()) {
                out.add(new Parity(metric, points));
            }
        }
        return out;
    }

    /** The input accelerator YAML with the fitted values, as a new file (comments of the input are not kept). */
    private static void writeCalibrated(Path input, Accelerator base, Calibration.Fit fit, List<Parameter> params, Path out) throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        ObjectNode root = (ObjectNode) yaml.readTree(input.toFile());
        Accelerator c = fit.accelerator();
        root.put("name", base.name() + "-calibrated");
        ObjectNode mems = (ObjectNode) root.get("memories");
        for (Memory m : c.memories()) {
            ObjectNode n = (ObjectNode) mems.get(m.name());
            n.put("r_cost", m.readEnergyPj());
            n.put("w_cost", m.writeEnergyPj());
        }
        ObjectNode arr = (ObjectNode) root.get("operational_array");
        arr.put("unit_energy", c.array().macEnergyPj());
        if (c.array().controlOverheadCycles() > 0 || arr.has("control_overhead_cycles")) {
            arr.put("control_overhead_cycles", c.array().controlOverheadCycles());
        }
        StringBuilder head = new StringBuilder("# " + base.name() + " calibrated by ./defines validate-model from " + input.getFileName() + "\n");
        fit.values().forEach((k, v) -> head.append("#   ").append(k).append(" = ").append(Numbers.significant(v, 6))
                .append(k.equals("overhead") ? " cycles per layer run\n" : " × the input's energies\n"));
        head.append("# Parameters: ").append(String.join(", ", params.stream().map(Parameter::name).toList())).append('\n');
        Files.writeString(out, head + yaml.writeValueAsString(root), StandardCharsets.UTF_8);
        Parsed<Accelerator> check = AcceleratorReader.read(out);
        if (!check.ok()) {
            throw new IllegalStateException("the calibrated accelerator does not read back: " + check.errors());
        }
    }
}
