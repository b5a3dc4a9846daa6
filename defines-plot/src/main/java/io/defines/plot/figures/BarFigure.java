package io.defines.plot.figures;

import io.defines.plot.render.Axis;
import io.defines.plot.render.Draw;
import io.defines.plot.render.Figure;
import io.defines.results.Numbers;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Bars over categories: stacked (series add up, linear axis from 0) or grouped (one bar per series
 * side by side, linear or log axis). Category labels may have two lines ("\n"); the legend sits on
 * the right, one line per series, in stacking order (the top of the stack first).
 */
public final class BarFigure implements Figure {

    public enum Mode { STACKED, GROUPED }

    /** A series: name, colour and one value per category (NaN or ≤ 0 on a log axis = no bar). */
    public record Series(String name, Color colour, double[] values) {
    }

    static final double LEFT = 50;
    static final double TOP = 26;
    static final double BOTTOM = 40;

    private final String name;
    private final String title;
    private final String yTitle;
    private final List<String> categories;
    private final List<Series> series;
    private final Mode mode;
    private final boolean log;
    private final int width;
    private final int height;
    private final double legendWidth;
    private final Axis yAxis;

    public BarFigure(String name, String title, String yTitle, List<String> categories, List<Series> series, Mode mode, boolean log,
                     int plotWidth, int height) {
        if (mode == Mode.STACKED && log) {
            throw new IllegalArgumentException("stacked bars need a linear axis");
        }
        this.name = name;
        this.title = title;
        this.yTitle = yTitle;
        this.categories = List.copyOf(categories);
        this.series = List.copyOf(series);
        this.mode = mode;
        this.log = log;
        double lw = 0;
        for (Series s : series) {
            lw = Math.max(lw, Draw.width(s.name(), Draw.TICK));
        }
        this.legendWidth = lw + 24;
        this.width = (int) Math.ceil(LEFT + plotWidth + legendWidth + 10);
        this.height = Math.max(height, (int) Math.ceil(TOP + 11 * series.size() + 12 + BOTTOM / 2));
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (int c = 0; c < categories.size(); c++) {
            double sum = 0;
            for (Series s : series) {
                double v = s.values()[c];
                if (Double.isNaN(v) || (log && v <= 0)) {
                    continue;
                }
                sum += v;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            if (mode == Mode.STACKED) {
                hi = Math.max(hi, sum);
            }
        }
        if (!(hi > 0)) {
            hi = 1;
            lo = 0.1;
        }
        double plotBottom = this.height - BOTTOM;
        if (log) {
            double a = Math.floor(Math.log10(lo));
            double b = Math.log10(hi) + 0.08 * (Math.log10(hi) - a + 1e-9);
            yAxis = new Axis(Math.pow(10, a), Math.pow(10, b), true, plotBottom, TOP);
        } else {
            yAxis = new Axis(0, hi * 1.1, false, plotBottom, TOP);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    Rectangle2D plotArea() {
        return new Rectangle2D.Double(LEFT, TOP, width - legendWidth - 10 - LEFT, height - BOTTOM - TOP);
    }

    /** The bar rectangles drawn, for tests: per category and series (null = no bar). */
    List<Rectangle2D[]> bars() {
        Rectangle2D area = plotArea();
        double slot = area.getWidth() / categories.size();
        double barW = mode == Mode.STACKED ? slot * 0.6 : slot * 0.8 / series.size();
        List<Rectangle2D[]> out = new ArrayList<>();
        for (int c = 0; c < categories.size(); c++) {
            Rectangle2D[] row = new Rectangle2D[series.size()];
            double x0 = area.getMinX() + c * slot + (slot - (mode == Mode.STACKED ? barW : barW * series.size())) / 2;
            double acc = 0;
            for (int s = 0; s < series.size(); s++) {
                double v = series.get(s).values()[c];
                if (Double.isNaN(v) || v <= 0) {
                    continue;
                }
                if (mode == Mode.STACKED) {
                    double y0 = yAxis.map(acc);
                    double y1 = yAxis.map(acc + v);
                    row[s] = new Rectangle2D.Double(x0, y1, barW, y0 - y1);
                    acc += v;
                } else {
                    double base = log ? yAxis.min() : 0;
                    double y0 = yAxis.map(base);
                    double y1 = yAxis.map(v);
                    row[s] = new Rectangle2D.Double(x0 + s * barW, y1, barW * 0.92, y0 - y1);
                }
            }
            out.add(row);
        }
        return out;
    }

    @Override
    public void draw(Graphics2D g) {
        Rectangle2D area = plotArea();
        g.setColor(Draw.AXIS);
        Draw.left(g, title, Draw.fit(title, Draw.TITLE, width - 12), 6, 12);
        g.setStroke(Draw.THIN);
        for (double t : yAxis.ticks(7)) {
            double y = yAxis.map(t);
            g.setColor(Draw.GRID);
            g.draw(new Line2D.Double(area.getMinX(), y, area.getMaxX(), y));
            g.setColor(Draw.AXIS);
            Draw.right(g, Axis.label(t), Draw.TICK, area.getMinX() - 4, y);
        }
        List<Rectangle2D[]> bars = bars();
        for (Rectangle2D[] row : bars) {
            for (int s = 0; s < row.length; s++) {
                if (row[s] != null) {
                    g.setColor(series.get(s).colour());
                    g.fill(row[s]);
                    g.setColor(Color.WHITE);
                    g.draw(row[s]);
                }
            }
        }
        if (mode == Mode.STACKED) { // the total above each stack
            g.setColor(Draw.AXIS);
            for (int c = 0; c < categories.size(); c++) {
                double top = Double.POSITIVE_INFINITY;
                double sum = 0;
                double cx = 0;
                for (int s = 0; s < series.size(); s++) {
                    Rectangle2D r = bars.get(c)[s];
                    if (r != null) {
                        top = Math.min(top, r.getMinY());
                        cx = r.getCenterX();
                        sum += series.get(s).values()[c];
                    }
                }
                if (sum > 0) {
                    Draw.centred(g, Numbers.significant(sum, 3), Draw.TICK, cx, top - 7);
                }
            }
        }
        g.setColor(Draw.AXIS);
        g.draw(new Line2D.Double(area.getMinX(), area.getMaxY(), area.getMaxX(), area.getMaxY()));
        g.draw(new Line2D.Double(area.getMinX(), area.getMinY(), area.getMinX(), area.getMaxY()));
        double slot = area.getWidth() / categories.size();
        for (int c = 0; c < categories.size(); c++) {
            String[] lines = categories.get(c).split("\n");
            double cx = area.getMinX() + (c + 0.5) * slot;
            for (int l = 0; l < lines.length; l++) {
                Draw.centred(g, lines[l], Draw.fit(lines[l], Draw.TICK, slot - 4), cx, area.getMaxY() + 9 + l * 10);
            }
        }
        Draw.vertical(g, yTitle, Draw.LABEL, 12, area.getCenterY());
        // legend, top of the stack first
        double lx = area.getMaxX() + 10;
        double ly = area.getMinY() + 6;
        List<Integer> order = new ArrayList<>();
        for (int s = 0; s < series.size(); s++) {
            order.add(mode == Mode.STACKED ? series.size() - 1 - s : s);
        }
        for (int s : order) {
            g.setColor(series.get(s).colour());
            g.fill(new Rectangle2D.Double(lx, ly - 3.5, 8, 8));
            g.setColor(Draw.AXIS);
            Draw.left(g, series.get(s).name(), Draw.TICK, lx + 11, ly + 0.5);
            ly += 11;
        }
    }
}
