package io.defines.plot.optimizer;

import io.defines.plot.logic.ColourScale;
import io.defines.plot.render.Exporter;
import io.defines.plot.render.Figure;
import io.defines.plot.render.Format;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYBoxAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The figures of an optimizer folder (docs/figures.md), drawn by JFreeChart: the front over energy and
 * latency and over energy and on-chip peak with the baselines marked, the budget curve (the best energy
 * at each on-chip budget, with the greedy cascades and layer by layer), and a diagram of the best
 * schedule (its stacks over the layers, with tile and overlap strategy). Units: energy mJ, latency
 * M cycles, on-chip sizes KiB.
 */
public final class OptimizerFigures {

    private static final double PJ_PER_MJ = 1e9;
    private static final double CYCLES_PER_M = 1e6;
    private static final double BITS_PER_KIB = 8192;
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
    /** The baselines as the manifest names them, with their legend text. */
    private static final Map<String, String> BASELINES = new java.util.LinkedHashMap<>();

    static {
        BASELINES.put("defines_auto_cuts_grid", "DeFiNES' cuts, best grid point");
        BASELINES.put("layer_by_layer_grid", "layer by layer, best grid point");
        BASELINES.put("greedy_cascade", "greedy cascades (Vela)");
    }

    private OptimizerFigures() {
    }

    /** Whether {@code dir} is an optimizer folder. */
    public static boolean applies(Path dir) {
        return OptimizerFolder.is(dir);
    }

    /** Writes every figure in every format into {@code target}; returns the files. */
    public static List<Path> write(Path dir, Path target, Set<Format> formats) throws IOException {
        OptimizerFolder f = OptimizerFolder.read(dir);
        List<Figure> figures = new ArrayList<>();
        figures.add(front(f, "optimizer-front-energy-latency", "latency (M cycles)", t -> t.latencyCycles() / CYCLES_PER_M));
        figures.add(front(f, "optimizer-front-energy-peak", "on-chip peak (KiB)", t -> t.peakBits() / BITS_PER_KIB));
        if (!f.budget().isEmpty()) {
            figures.add(budget(f));
        }
        if (!f.bestStacks().isEmpty()) {
            figures.add(schedule(f));
        }
        List<Path> files = new ArrayList<>();
        for (Figure fig : figures) {
            for (Format fmt : formats) {
                files.add(Exporter.write(fig, fmt, target));
            }
        }
        return files;
    }

    /** The front (energy on x) against {@code y}, the best and the baselines marked. */
    private static Figure front(OptimizerFolder f, String name, String yLabel, ToDoubleFunction<OptimizerFolder.Totals> y) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries front = new XYSeries("Pareto front (" + f.front().size() + " schedules)", false, true);
        f.front().forEach(t -> front.add(t.energyPj() / PJ_PER_MJ, y.applyAsDouble(t)));
        data.addSeries(front);
        List<String> names = new ArrayList<>();
        for (var e : BASELINES.entrySet()) {
            OptimizerFolder.Totals t = f.baselines().get(e.getKey());
            if (t != null) {
                XYSeries s = new XYSeries(e.getValue(), false, true);
                s.add(t.energyPj() / PJ_PER_MJ, y.applyAsDouble(t));
                data.addSeries(s);
                names.add(e.getKey());
            }
        }
        if (f.best() != null) {
            XYSeries s = new XYSeries("best by the objective", false, true);
            s.add(f.best().energyPj() / PJ_PER_MJ, y.applyAsDouble(f.best()));
            data.addSeries(s);
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesPaint(0, new Color(0x3B528B));
        r.setSeriesShape(0, new Ellipse2D.Double(-2, -2, 4, 4));
        Color[] marks = {new Color(0xD55E00), new Color(0x7F7F7F), new Color(0x009E73)};
        for (int i = 0; i < names.size(); i++) {
            r.setSeriesPaint(i + 1, marks[i % marks.length]);
            r.setSeriesShape(i + 1, new Rectangle2D.Double(-5, -5, 10, 10));
        }
        r.setSeriesPaint(names.size() + 1, new Color(0xE69F00));
        r.setSeriesShape(names.size() + 1, star());
        XYPlot plot = new XYPlot(data, logAxis("energy (mJ)"), logAxis(yLabel), r);
        return new ChartFigure(name, 560, 400, chart(f.title() + ": schedules on the front", plot));
    }

    /** The best energy against the on-chip budget, with the baselines at each budget. */
    private static Figure budget(OptimizerFolder f) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries best = new XYSeries("optimal schedule", false, true);
        XYSeries greedy = new XYSeries("greedy cascades (Vela)", false, true);
        XYSeries lbl = new XYSeries("layer by layer", false, true);
        for (OptimizerFolder.BudgetRow b : f.budget()) {
            double x = b.budgetBits() / BITS_PER_KIB;
            best.add(x, b.bestEnergyPj() / PJ_PER_MJ);
            if (!Double.isNaN(b.greedyEnergyPj())) {
                greedy.add(x, b.greedyEnergyPj() / PJ_PER_MJ);
            }
            if (!Double.isNaN(b.layerByLayerEnergyPj())) {
                lbl.add(x, b.layerByLayerEnergyPj() / PJ_PER_MJ);
            }
        }
        data.addSeries(best);
        data.addSeries(greedy);
        data.addSeries(lbl);
        XYStepRenderer r = new XYStepRenderer();
        r.setDefaultShapesVisible(true);
        Color[] colours = {new Color(0x3B528B), new Color(0x009E73), new Color(0x7F7F7F)};
        for (int i = 0; i < colours.length; i++) {
            r.setSeriesPaint(i, colours[i]);
            r.setSeriesStroke(i, new BasicStroke(i == 0 ? 2.2f : 1.4f));
            r.setSeriesShape(i, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        }
        XYPlot plot = new XYPlot(data, logAxis("on-chip budget (KiB)"), logAxis("best energy (mJ)"), r);
        OptimizerFolder.BudgetRow first = f.budget().get(0);
        XYTextAnnotation note = new XYTextAnnotation(String.format(java.util.Locale.ROOT, " smallest feasible: %.1f KiB",
                first.budgetBits() / BITS_PER_KIB), first.budgetBits() / BITS_PER_KIB, first.bestEnergyPj() / PJ_PER_MJ);
        note.setFont(LABEL);
        note.setTextAnchor(TextAnchor.BOTTOM_LEFT);
        plot.addAnnotation(note);
        return new ChartFigure("optimizer-budget-curve", 560, 400, chart(f.title() + ": best energy within an on-chip budget", plot));
    }

    /**
     * The best schedule: one block per stack over the layers it holds, labelled with its tile and overlap
     * strategy; below a stack's right edge, each output it keeps on chip for later stacks and where.
     */
    private static Figure schedule(OptimizerFolder f) {
        XYPlot plot = new XYPlot(new XYSeriesCollection(), new NumberAxis("layers in execution order"), new NumberAxis(), null);
        int total = f.bestStacks().stream().mapToInt(s -> s.layers().size()).sum();
        plot.getDomainAxis().setRange(0, total);
        plot.getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        plot.getRangeAxis().setRange(0, 1);
        plot.getRangeAxis().setVisible(false);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        int at = 0;
        int n = f.bestStacks().size();
        for (int i = 0; i < n; i++) {
            OptimizerFolder.StackRow s = f.bestStacks().get(i);
            Color fill = ColourScale.at(n == 1 ? 0.5 : (double) i / (n - 1));
            plot.addAnnotation(new XYBoxAnnotation(at, 0.15, at + s.layers().size(), 0.85, new BasicStroke(1f), Color.WHITE, fill));
            String layers = s.layers().size() == 1 ? "layer " + s.layers().get(0)
                    : "layers " + s.layers().get(0) + "…" + s.layers().get(s.layers().size() - 1);
            double mid = at + s.layers().size() / 2.0;
            boolean narrow = s.layers().size() * 40 < 110;
            String[] lines = {layers, "tile " + s.tile(), s.overlap()};
            for (int k = 0; k < lines.length; k++) {
                // wide stacks: three lines; narrow ones: three vertical columns side by side
                XYTextAnnotation t = narrow ? new XYTextAnnotation(lines[k], mid + (k - 1) * 0.3, 0.5)
                        : new XYTextAnnotation(lines[k], mid, 0.62 - 0.12 * k);
                t.setFont(LABEL);
                t.setPaint(ColourScale.textOn(fill));
                t.setRotationAngle(narrow ? -Math.PI / 2 : 0);
                plot.addAnnotation(t);
            }
            at += s.layers().size();
            // the outputs this stack keeps on chip for later stacks, below its right edge, read upwards
            double x = at - 0.15 * (s.onChip().size() - 1);
            for (var kept : s.onChip().entrySet()) {
                XYTextAnnotation t = new XYTextAnnotation(kept.getKey() + " → " + kept.getValue(), x, 0.12);
                t.setFont(LABEL);
                t.setTextAnchor(TextAnchor.CENTER_RIGHT);
                t.setRotationAnchor(TextAnchor.CENTER_RIGHT);
                t.setRotationAngle(-Math.PI / 2);
                plot.addAnnotation(t);
                x += 0.3;
            }
        }
        long kept = f.bestStacks().stream().mapToLong(s -> s.onChip().size()).sum();
        plot.getRangeAxis().setRange(kept == 0 ? 0 : -0.6, 1);
        String between = n == 1 ? "" : kept == 0 ? " (off chip between stacks)"
                : " (" + kept + (kept == 1 ? " tensor" : " tensors") + " kept on chip between stacks, the rest off chip)";
        return new ChartFigure("optimizer-best-schedule", Math.max(560, total * 40), kept == 0 ? 260 : 400,
                chart(f.title() + ": best schedule, " + n + (n == 1 ? " stack" : " stacks") + between, plot));
    }

    private static JFreeChart chart(String title, XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        JFreeChart c = new JFreeChart(title, TITLE, plot, plot.getDataset() != null && plot.getDataset().getSeriesCount() > 0);
        c.setBackgroundPaint(Color.WHITE);
        c.setAntiAlias(true);
        return c;
    }

    /** A log axis labelled at 1, 2, 5 × powers of ten (JFreeChart's LogarithmicAxis with plain numbers). */
    private static LogarithmicAxis logAxis(String label) {
        LogarithmicAxis a = new LogarithmicAxis(label);
        a.setStrictValuesFlag(false);
        a.setExpTickLabelsFlag(false);
        a.setLog10TickLabelsFlag(false);
        a.setAutoRangeNextLogFlag(false);
        return a;
    }

    private static Shape star() {
        java.awt.geom.Path2D.Double p = new java.awt.geom.Path2D.Double();
        for (int i = 0; i < 10; i++) {
            double r = i % 2 == 0 ? 7 : 3;
            double a = Math.PI / 2 + i * Math.PI / 5;
            if (i == 0) {
                p.moveTo(r * Math.cos(a), -r * Math.sin(a));
            } else {
                p.lineTo(r * Math.cos(a), -r * Math.sin(a));
            }
        }
        p.closePath();
        return p;
    }
}
