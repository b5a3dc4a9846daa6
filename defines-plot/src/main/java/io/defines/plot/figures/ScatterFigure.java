package io.defines.plot.figures;

import io.defines.plot.logic.LabelPlacer;
import io.defines.plot.render.Axis;
import io.defines.plot.render.Draw;
import io.defines.plot.render.Figure;
import io.defines.results.ParetoFront;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * A Pareto chart: every point in grey, the front (both axes minimised) highlighted as a step line,
 * its points coloured and shaped by category (overlap strategy) and labelled; log axes.
 */
public final class ScatterFigure implements Figure {

    /** A point: coordinates, its category (legend entry) and its label when on the front. */
    public record Item(double x, double y, String category, String label) {
    }

    static final double LEFT = 50;
    static final double RIGHT = 12;
    static final double TOP = 24;
    static final double BOTTOM = 36;
    static final double LEGEND_H = 16;
    static final double R = 2.8;

    private final String name;
    private final String title;
    private final String xTitle;
    private final String yTitle;
    private final List<Item> items;
    private final List<String> categories;
    private final int width;
    private final int height;
    private final Axis xAxis;
    private final Axis yAxis;
    private final List<Integer> front;
    private final List<LabelPlacer.Placement> placements;
    private final int legendRows;

    public ScatterFigure(String name, String title, String xTitle, String yTitle, List<Item> items, int width, int height) {
        this.name = name;
        this.title = title;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
        this.items = List.copyOf(items);
        this.categories = items.stream().map(Item::category).distinct().toList();
        this.width = width;
        this.height = height;
        double[] xs = items.stream().mapToDouble(Item::x).toArray();
        double[] ys = items.stream().mapToDouble(Item::y).toArray();
        double xlo = Double.POSITIVE_INFINITY;
        double xhi = 0;
        double ylo = Double.POSITIVE_INFINITY;
        double yhi = 0;
        for (Item i : items) {
            if (i.x() > 0 && i.y() > 0) {
                xlo = Math.min(xlo, i.x());
                xhi = Math.max(xhi, i.x());
                ylo = Math.min(ylo, i.y());
                yhi = Math.max(yhi, i.y());
            }
        }
        if (xlo > xhi) {
            xlo = ylo = 1;
            xhi = yhi = 10;
        }
        this.legendRows = legendLayout().stream().mapToInt(e -> (int) e[1]).max().orElse(0) + 1;
        double plotBottom = height - BOTTOM - LEGEND_H * legendRows;
        this.xAxis = Axis.over(xlo, xhi, true, 0.06, LEFT, width - RIGHT);
        this.yAxis = Axis.over(ylo, yhi, true, 0.08, plotBottom, TOP);
        this.front = ParetoFront.of(xs, ys);
        // labels for the front points, placed so they neither overlap each other nor cover markers
        List<Point2D> anchors = new ArrayList<>();
        List<double[]> sizes = new ArrayList<>();
        for (int i : front) {
            anchors.add(point(items.get(i)));
            sizes.add(new double[] {Draw.width(items.get(i).label(), Draw.SMALL) + 2, Draw.height(Draw.SMALL)});
        }
        List<Point2D> markers = items.stream().filter(i -> i.x() > 0 && i.y() > 0).map(this::point).toList();
        this.placements = LabelPlacer.place(anchors, sizes, markers, R, frontLines(), plotArea());
    }

    /** The front's step line, as segments. */
    List<Line2D> frontLines() {
        List<Line2D> out = new ArrayList<>();
        for (int k = 1; k < front.size(); k++) {
            Point2D a = point(items.get(front.get(k - 1)));
            Point2D b = point(items.get(front.get(k)));
            out.add(new Line2D.Double(a.getX(), a.getY(), b.getX(), a.getY()));
            out.add(new Line2D.Double(b.getX(), a.getY(), b.getX(), b.getY()));
        }
        return out;
    }

    Rectangle2D plotArea() {
        return new Rectangle2D.Double(LEFT, TOP, width - RIGHT - LEFT, height - BOTTOM - LEGEND_H * legendRows - TOP);
    }

    static final String OTHERS = "not on the front";

    /** Legend entries (categories, then the grey "not on the front") as {x, row}, wrapped to the figure width. */
    List<double[]> legendLayout() {
        List<double[]> out = new ArrayList<>();
        double x = 12;
        int row = 0;
        List<String> entries = new ArrayList<>(categories);
        entries.add(OTHERS);
        for (String c : entries) {
            double w = 2 * R + 4 + Draw.width(c, Draw.TICK);
            if (x + w > width - 6 && x > 12) {
                x = 12;
                row++;
            }
            out.add(new double[] {x, row});
            x += w + 10;
        }
        return out;
    }

    Point2D point(Item i) {
        return new Point2D.Double(xAxis.map(i.x()), yAxis.map(i.y()));
    }

    List<LabelPlacer.Placement> placements() {
        return placements;
    }

    List<Integer> front() {
        return front;
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

    private Color colour(String category) {
        return Draw.CATEGORY[categories.indexOf(category) % Draw.CATEGORY.length];
    }

    private Shape marker(String category, double cx, double cy, double r) {
        int k = categories.indexOf(category) % 4;
        return switch (k) {
            case 0 -> new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
            case 1 -> new Rectangle2D.Double(cx - r * 0.9, cy - r * 0.9, 1.8 * r, 1.8 * r);
            case 2 -> {
                Path2D p = new Path2D.Double();
                p.moveTo(cx, cy - r * 1.15);
                p.lineTo(cx + r * 1.1, cy + r * 0.85);
                p.lineTo(cx - r * 1.1, cy + r * 0.85);
                p.closePath();
                yield p;
            }
            default -> {
                Path2D p = new Path2D.Double();
                p.moveTo(cx, cy - r * 1.2);
                p.lineTo(cx + r * 1.2, cy);
                p.lineTo(cx, cy + r * 1.2);
                p.lineTo(cx - r * 1.2, cy);
                p.closePath();
                yield p;
            }
        };
    }

    @Override
    public void draw(Graphics2D g) {
        Rectangle2D area = plotArea();
        g.setColor(Draw.AXIS);
        Draw.left(g, title, Draw.fit(title, Draw.TITLE, width - 12), 6, 12);
        // grid and ticks
        g.setStroke(Draw.THIN);
        for (double t : xAxis.ticks(7)) {
            double x = xAxis.map(t);
            g.setColor(Draw.GRID);
            g.draw(new Line2D.Double(x, area.getMinY(), x, area.getMaxY()));
            g.setColor(Draw.AXIS);
            Draw.centred(g, Axis.label(t), Draw.TICK, x, area.getMaxY() + 8);
        }
        for (double t : yAxis.ticks(7)) {
            double y = yAxis.map(t);
            g.setColor(Draw.GRID);
            g.draw(new Line2D.Double(area.getMinX(), y, area.getMaxX(), y));
            g.setColor(Draw.AXIS);
            Draw.right(g, Axis.label(t), Draw.TICK, area.getMinX() - 4, y);
        }
        g.setColor(Draw.AXIS);
        g.draw(area);
        Draw.centred(g, xTitle, Draw.LABEL, area.getCenterX(), area.getMaxY() + 21);
        Draw.vertical(g, yTitle, Draw.LABEL, 12, area.getCenterY());
        // all points in grey
        for (Item i : items) {
            if (i.x() > 0 && i.y() > 0) {
                Point2D p = point(i);
                g.setColor(Draw.MUTED);
                g.fill(marker(i.category(), p.getX(), p.getY(), R * 0.8));
            }
        }
        // the front as a step line, then its points and labels
        g.setColor(Draw.AXIS);
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {3f, 2f}, 0f));
        frontLines().forEach(g::draw);
        g.setStroke(Draw.THIN);
        for (int k = 0; k < front.size(); k++) {
            Item i = items.get(front.get(k));
            Point2D p = point(i);
            Shape m = marker(i.category(), p.getX(), p.getY(), R);
            g.setColor(colour(i.category()));
            g.fill(m);
            g.setColor(Color.BLACK);
            g.draw(m);
            Draw.label(g, placements.get(k), i.label(), new Color(255, 255, 255, 200));
        }
        // legend: one entry per category, then the grey points, below the axis title (wrapped)
        List<double[]> layout = legendLayout();
        double top = height - LEGEND_H * legendRows;
        for (int k = 0; k < layout.size(); k++) {
            double lx = layout.get(k)[0];
            double ly = top + LEGEND_H * layout.get(k)[1] + LEGEND_H / 2 - 2;
            boolean others = k == categories.size();
            String c = others ? OTHERS : categories.get(k);
            Shape m = marker(others ? (categories.isEmpty() ? "" : categories.get(0)) : c, lx + R, ly, others ? R * 0.8 : R);
            g.setColor(others ? Draw.MUTED : colour(c));
            g.fill(m);
            if (!others) {
                g.setColor(Color.BLACK);
                g.draw(m);
            }
            g.setColor(Draw.AXIS);
            Draw.left(g, c, Draw.TICK, lx + 2 * R + 4, ly);
        }
    }
}
