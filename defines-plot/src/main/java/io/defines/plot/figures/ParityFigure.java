package io.defines.plot.figures;

import io.defines.plot.logic.LabelPlacer;
import io.defines.plot.render.Axis;
import io.defines.plot.render.Draw;
import io.defines.plot.render.Figure;
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
 * Measured vs modelled, log-log: the 1:1 line, a ±{@code band} relative band around it, one labelled
 * point per measurement (filled: the model as given or calibrated; hollow grey: before calibration,
 * when given).
 */
public final class ParityFigure implements Figure {

    /** A point: measured, modelled, modelled before calibration (NaN = none), label. */
    public record Item(double measured, double model, double modelBefore, String label) {
    }

    static final double LEFT = 52;
    static final double RIGHT = 12;
    static final double TOP = 24;
    static final double BOTTOM = 52;
    static final double R = 3;
    private static final Color BAND = new Color(0xE8, 0xF1, 0xFA);

    private final String name;
    private final String title;
    private final String unit;
    private final List<Item> items;
    private final double band;
    private final int size;
    private final int height;
    private final Axis x;
    private final Axis y;
    private final List<LabelPlacer.Placement> placements;

    public ParityFigure(String name, String title, String unit, List<Item> items, double band, int size) {
        this.name = name;
        this.title = title;
        this.unit = unit;
        this.items = List.copyOf(items);
        this.band = band;
        this.size = size;
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (Item i : items) {
            for (double v : new double[] {i.measured(), i.model(), i.modelBefore()}) {
                if (v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!(lo <= hi)) {
            lo = 1;
            hi = 10;
        }
        // square: both axes over the same range, padded a little beyond the band
        double a = Math.log10(lo / (1 + band)) - 0.08;
        double b = Math.log10(hi * (1 + band)) + 0.08;
        this.x = new Axis(Math.pow(10, a), Math.pow(10, b), true, LEFT, size - RIGHT);
        double plot = size - RIGHT - LEFT;
        this.height = (int) Math.ceil(TOP + plot + BOTTOM);
        this.y = new Axis(Math.pow(10, a), Math.pow(10, b), true, TOP + plot, TOP);
        List<Point2D> anchors = new ArrayList<>();
        List<double[]> sizes = new ArrayList<>();
        List<Point2D> markers = new ArrayList<>();
        for (Item i : items) {
            Point2D p = new Point2D.Double(x.map(i.measured()), y.map(i.model()));
            anchors.add(p);
            markers.add(p);
            if (i.modelBefore() > 0) {
                markers.add(new Point2D.Double(x.map(i.measured()), y.map(i.modelBefore())));
            }
            sizes.add(new double[] {Draw.width(i.label(), Draw.SMALL) + 2, Draw.height(Draw.SMALL)});
        }
        this.placements = LabelPlacer.place(anchors, sizes, markers, R, List.of(diagonal()), plotArea());
    }

    Rectangle2D plotArea() {
        return new Rectangle2D.Double(LEFT, TOP, size - RIGHT - LEFT, size - RIGHT - LEFT);
    }

    private Line2D diagonal() {
        return new Line2D.Double(x.map(x.min()), y.map(x.min()), x.map(x.max()), y.map(x.max()));
    }

    List<LabelPlacer.Placement> placements() {
        return placements;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int width() {
        return size;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public void draw(Graphics2D g) {
        Rectangle2D area = plotArea();
        g.setColor(Draw.AXIS);
        Draw.left(g, title, Draw.fit(title, Draw.TITLE, size - 12), 6, 12);
        // ±band around the 1:1 line
        Path2D bandShape = new Path2D.Double();
        bandShape.moveTo(x.map(x.min()), y.map(x.min() * (1 + band)));
        bandShape.lineTo(x.map(x.max()), y.map(x.max() * (1 + band)));
        bandShape.lineTo(x.map(x.max()), y.map(x.max() / (1 + band)));
        bandShape.lineTo(x.map(x.min()), y.map(x.min() / (1 + band)));
        bandShape.closePath();
        Shape clip = g.getClip();
        g.clip(area);
        g.setColor(BAND);
        g.fill(bandShape);
        g.setColor(Draw.AXIS);
        g.setStroke(Draw.THIN);
        g.draw(diagonal());
        g.setClip(clip);
        g.setStroke(Draw.THIN);
        for (double t : x.ticks(6)) {
            double px = x.map(t);
            double py = y.map(t);
            g.setColor(Draw.GRID);
            g.draw(new Line2D.Double(px, area.getMinY(), px, area.getMaxY()));
            g.draw(new Line2D.Double(area.getMinX(), py, area.getMaxX(), py));
            g.setColor(Draw.AXIS);
            Draw.centred(g, Axis.label(t), Draw.TICK, px, area.getMaxY() + 8);
            Draw.right(g, Axis.label(t), Draw.TICK, area.getMinX() - 4, py);
        }
        g.setColor(Draw.AXIS);
        g.draw(area);
        Draw.centred(g, "measured " + unit, Draw.LABEL, area.getCenterX(), area.getMaxY() + 21);
        Draw.vertical(g, "model " + unit, Draw.LABEL, 12, area.getCenterY());
        for (int k = 0; k < items.size(); k++) {
            Item i = items.get(k);
            double px = x.map(i.measured());
            if (i.modelBefore() > 0) {
                double pb = y.map(i.modelBefore());
                g.setColor(Draw.MUTED);
                g.draw(new Line2D.Double(px, pb, px, y.map(i.model())));
                g.draw(new Ellipse2D.Double(px - R, pb - R, 2 * R, 2 * R));
            }
            double py = y.map(i.model());
            g.setColor(Draw.CATEGORY[0]);
            g.fill(new Ellipse2D.Double(px - R, py - R, 2 * R, 2 * R));
            Draw.label(g, placements.get(k), i.label(), null);
        }
        // legend
        double ly = height - 10;
        g.setColor(BAND);
        g.fill(new Rectangle2D.Double(12, ly - 4, 14, 8));
        g.setColor(Draw.AXIS);
        String bandText = "±" + Math.round(band * 100) + " %";
        Draw.left(g, bandText, Draw.TICK, 30, ly);
        double lx = 30 + Draw.width(bandText, Draw.TICK) + 12;
        g.setColor(Draw.CATEGORY[0]);
        g.fill(new Ellipse2D.Double(lx, ly - R, 2 * R, 2 * R));
        g.setColor(Draw.AXIS);
        boolean before = items.stream().anyMatch(i -> i.modelBefore() > 0);
        String now = before ? "calibrated" : "model";
        Draw.left(g, now, Draw.TICK, lx + 2 * R + 4, ly);
        if (before) {
            lx += 2 * R + 4 + Draw.width(now, Draw.TICK) + 12;
            g.setColor(Draw.MUTED);
            g.draw(new Ellipse2D.Double(lx, ly - R, 2 * R, 2 * R));
            g.setColor(Draw.AXIS);
            Draw.left(g, "before calibration", Draw.TICK, lx + 2 * R + 4, ly);
        }
    }
}
