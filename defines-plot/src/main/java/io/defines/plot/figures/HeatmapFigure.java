package io.defines.plot.figures;

import io.defines.plot.logic.ColourScale;
import io.defines.plot.render.Axis;
import io.defines.plot.render.Draw;
import io.defines.plot.render.Figure;
import io.defines.results.Numbers;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Heatmaps over tile_x × tile_y, one panel per overlap strategy (DeFiNES Fig. 12): one colour scale
 * shared by all panels (log or linear), the value written in each cell, tile sizes on the axes,
 * infeasible or missing cells grey with a dash.
 */
public final class HeatmapFigure implements Figure {

    /** One panel: its title, column and row labels (x left to right, y bottom to top) and values[row][col] (NaN = none). */
    public record Panel(String title, List<String> xLabels, List<String> yLabels, double[][] values) {
    }

    static final double CELL_W = 34;
    static final double CELL_H = 18;
    static final double PANEL_GAP = 22;
    static final double LEFT = 52;
    static final double TOP = 36;
    static final double BOTTOM = 36;
    static final double BAR_W = 10;

    private final String name;
    private final String title;
    private final String xTitle;
    private final String yTitle;
    private final String unit;
    private final List<Panel> panels;
    private final ColourScale scale;
    private final double tickWidth;
    private final int width;
    private final int height;

    public HeatmapFigure(String name, String title, String xTitle, String yTitle, String unit, List<Panel> panels, boolean log) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("no panels");
        }
        this.name = name;
        this.title = title;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
        this.unit = unit;
        this.panels = List.copyOf(panels);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Panel p : panels) {
            for (double[] row : p.values()) {
                for (double v : row) {
                    if (!Double.isNaN(v) && (!log || v > 0)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        if (lo > hi) {
            lo = 1;
            hi = 10;
        }
        this.scale = new ColourScale(lo, hi, log);
        int cols = panels.get(0).xLabels().size();
        int rows = panels.get(0).yLabels().size();
        double tickW = 0;
        for (double t : new Axis(scale.min(), scale.max(), log, 0, 1).ticks(6)) {
            tickW = Math.max(tickW, Draw.width(Axis.label(t), Draw.TICK));
        }
        this.tickWidth = tickW;
        this.width = (int) Math.ceil(LEFT + panels.size() * cols * CELL_W + (panels.size() - 1) * PANEL_GAP + 12 + BAR_W + 5 + tickW + 22);
        this.height = (int) Math.ceil(TOP + rows * CELL_H + BOTTOM);
    }

    public ColourScale scale() {
        return scale;
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

    /** The rectangle of cell (row, col) of panel p; row 0 at the bottom. */
    Rectangle2D cell(int p, int row, int col) {
        Panel panel = panels.get(p);
        int cols = panel.xLabels().size();
        int rows = panel.yLabels().size();
        double x0 = LEFT + p * (cols * CELL_W + PANEL_GAP);
        return new Rectangle2D.Double(x0 + col * CELL_W, TOP + (rows - 1 - row) * CELL_H, CELL_W, CELL_H);
    }

    /** Every text this figure writes into a cell, with its box: for the overlap test. */
    List<Rectangle2D> cellTextBoxes() {
        List<Rectangle2D> out = new ArrayList<>();
        for (int p = 0; p < panels.size(); p++) {
            Panel panel = panels.get(p);
            for (int r = 0; r < panel.yLabels().size(); r++) {
                for (int c = 0; c < panel.xLabels().size(); c++) {
                    String t = text(panel.values()[r][c]);
                    Rectangle2D cell = cell(p, r, c);
                    Font f = cellFont(t);
                    double w = Draw.width(t, f);
                    double h = Draw.height(f);
                    out.add(new Rectangle2D.Double(cell.getCenterX() - w / 2, cell.getCenterY() - h / 2, w, h));
                }
            }
        }
        return out;
    }

    /** 7.5 pt, smaller where the value would not fit its cell. */
    static Font cellFont(String text) {
        return Draw.fit(text, Draw.SMALL.deriveFont(7.5f), CELL_W - 4);
    }

    static String text(double v) {
        return Double.isNaN(v) ? "–" : Numbers.significant(v, 3);
    }

    @Override
    public void draw(Graphics2D g) {
        g.setColor(Draw.AXIS);
        Draw.left(g, title, Draw.fit(title, Draw.TITLE, width - 12), 6, 12);
        for (int p = 0; p < panels.size(); p++) {
            Panel panel = panels.get(p);
            int cols = panel.xLabels().size();
            int rows = panel.yLabels().size();
            Rectangle2D first = cell(p, rows - 1, 0);
            Rectangle2D last = cell(p, 0, cols - 1);
            g.setColor(Draw.AXIS);
            Draw.centred(g, panel.title(), Draw.PANEL_TITLE, (first.getMinX() + last.getMaxX()) / 2, TOP - 8);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    double v = panel.values()[r][c];
                    Rectangle2D cell = cell(p, r, c);
                    Color bg = Double.isNaN(v) ? new Color(0xDD, 0xDD, 0xDD) : scale.colour(v);
                    g.setColor(bg);
                    g.fill(cell);
                    g.setColor(Color.WHITE);
                    g.setStroke(Draw.THIN);
                    g.draw(cell);
                    String t = text(v);
                    g.setColor(Double.isNaN(v) ? Draw.AXIS : ColourScale.textOn(bg));
                    Draw.centred(g, t, cellFont(t), cell.getCenterX(), cell.getCenterY());
                }
            }
            g.setColor(Draw.AXIS);
            for (int c = 0; c < cols; c++) {
                Rectangle2D cell = cell(p, 0, c);
                Draw.centred(g, panel.xLabels().get(c), Draw.TICK, cell.getCenterX(), cell.getMaxY() + 8);
            }
            Draw.centred(g, xTitle, Draw.LABEL, (first.getMinX() + last.getMaxX()) / 2, last.getMaxY() + 22);
            for (int r = 0; r < rows; r++) {
                Rectangle2D cell = cell(p, r, 0);
                Draw.right(g, panel.yLabels().get(r), Draw.TICK, cell.getMinX() - 4, cell.getCenterY());
            }
            if (p == 0) {
                Draw.vertical(g, yTitle, Draw.LABEL, LEFT - 38, (first.getMinY() + last.getMaxY()) / 2);
            }
        }
        // the shared colour bar
        Panel lastPanel = panels.get(panels.size() - 1);
        Rectangle2D top = cell(panels.size() - 1, lastPanel.yLabels().size() - 1, lastPanel.xLabels().size() - 1);
        Rectangle2D bottom = cell(panels.size() - 1, 0, lastPanel.xLabels().size() - 1);
        double bx = top.getMaxX() + 12;
        double y0 = bottom.getMaxY();
        double y1 = top.getMinY();
        int steps = 64;
        for (int i = 0; i < steps; i++) {
            double a = y0 + (y1 - y0) * i / steps;
            double b = y0 + (y1 - y0) * (i + 1) / steps;
            g.setColor(ColourScale.at((i + 0.5) / steps));
            g.fill(new Rectangle2D.Double(bx, Math.min(a, b), BAR_W, Math.abs(b - a) + 0.3));
        }
        g.setColor(Draw.AXIS);
        g.setStroke(Draw.THIN);
        g.draw(new Rectangle2D.Double(bx, y1, BAR_W, y0 - y1));
        Axis axis = new Axis(scale.min(), scale.max(), scale.log(), y0, y1);
        for (double t : axis.ticks(6)) {
            double y = axis.map(t);
            g.draw(new Line2D.Double(bx + BAR_W, y, bx + BAR_W + 3, y));
            Draw.left(g, Axis.label(t), Draw.TICK, bx + BAR_W + 5, y);
        }
        Draw.vertical(g, unit, Draw.LABEL, bx + BAR_W + 5 + tickWidth + 10, (y0 + y1) / 2);
    }
}
