package io.defines.explorer.cli;

import io.defines.plot.Plotter;
import io.defines.plot.optimizer.OptimizerFigures;
import io.defines.plot.render.Format;
import io.defines.results.ResultFolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code defines plot}: the paper figures of a sweep folder, from its result files only. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Draw the figures of a sweep folder (points.csv, details.jsonl) or an optimizer folder (front.csv, budget.csv,",
                "best.yaml) into DIR/figures/ (docs/figures.md).",
                "Heatmaps, Pareto charts, MAC counts and tile types cover every point; energy and latency breakdowns,",
                "memory accesses and top memory levels are drawn for the selected points."})
final class PlotCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "A sweep's output folder.")
    Path dir;

    @Option(names = "--formats", split = ",", paramLabel = "FORMAT", description = "png, svg, pdf (default: all three).")
    List<String> formats;

    @Option(names = "--select", split = ",", paramLabel = "POINT_ID",
            description = "Point ids for the per-point figures (default: the lowest-energy point of each overlap strategy).")
    List<Integer> select;

    @Option(names = "--out", paramLabel = "FIGURES_DIR", description = "Where the figures go (default: DIR/figures).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        Set<Format> fmts;
        try {
            fmts = Format.parseAll(formats);
        } catch (IllegalArgumentException e) {
            return Main.usageError(err, "plot", e.getMessage());
        }
        System.setProperty("java.awt.headless", "true");
        if (OptimizerFigures.applies(dir)) {
            Path target = out != null ? out : dir.resolve("figures");
            long t0 = System.nanoTime();
            List<Path> files = OptimizerFigures.write(dir, target, fmts);
            stdout.printf("%d files (%d figures × %d formats) of an optimizer folder in %.1f s → %s%n", files.size(), files.size() / fmts.size(),
                    fmts.size(), (System.nanoTime() - t0) / 1e9, target);
            return Main.EXIT_OK;
        }
        ResultFolder results;
        try {
            results = ResultFolder.read(dir);
        } catch (NoSuchFileException e) {
            err.println("defines plot: " + e.getFile() + ": " + (e.getReason() == null ? "not found" : e.getReason()));
            err.println("  Maybe ./defines plot results/case-study-1 (a folder written by ./defines sweep)");
            return Main.EXIT_INVALID;
        } catch (IOException e) {
            err.println("defines plot: " + e.getMessage());
            err.println("  Maybe the sweep is still running or was written by another version; run ./defines sweep again on it");
            return Main.EXIT_INVALID;
        }
        Plotter plotter = new Plotter(results, select == null ? List.of() : new ArrayList<>(select));
        Path target = out != null ? out : dir.resolve("figures");
        long t0 = System.nanoTime();
        List<Path> files = plotter.write(target, fmts);
        plotter.notes().forEach(n -> err.println("note: " + n));
        stdout.printf("%d files (%d figures × %d formats) in %.1f s → %s%n", files.size(), files.size() / fmts.size(), fmts.size(),
                (System.nanoTime() - t0) / 1e9, target);
        stdout.println("per-point figures for points " + plotter.selected());
        return Main.EXIT_OK;
    }
}
