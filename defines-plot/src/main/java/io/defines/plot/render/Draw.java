package io.defines.plot.render;

import io.defines.plot.logic.LabelPlacer;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;

/**
 * Fonts, colours and text helpers shared by the figures (sizes in points). Figures are sized for print:
 * Pareto charts and bar charts for one column (≈ 250 pt) at 70–80 %, heatmaps for the full text width
 * (≈ 500 pt, LaTeX figure*), so that no text ends up below about 5.5 pt.
 */
public final class Draw {
    private Draw() {
    }

    public static final String FAMILY = Font.SANS_SERIF;
    public static final Font TITLE = new Font(FAMILY, Font.BOLD, 10);
    public static final Font PANEL_TITLE = new Font(FAMILY, Font.BOLD, 9);
    public static final Font LABEL = new Font(FAMILY, Font.PLAIN, 9);
    public static final Font TICK = new Font(FAMILY, Font.PLAIN, 8);
    public static final Font SMALL = new Font(FAMILY, Font.PLAIN, 7);
    public static final Color AXIS = new Color(0x33, 0x33, 0x33);
    public static final Color GRID = new Color(0xE4, 0xE4, 0xE4);
    public static final Color MUTED = new Color(0xB8, 0xB8, 0xB8);
    public static final BasicStroke THIN = new BasicStroke(0.6f);
    public static final BasicStroke NORMAL = new BasicStroke(1f);

    /** Okabe–Ito: eight colours distinguishable by colour-blind readers, for categories (strategies, operands). */
    public static final Color[] CATEGORY = {new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xD55E00),
            new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xF0E442), new Color(0x000000)};

    private static final FontRenderContext FRC = new FontRenderContext(new AffineTransform(), true, true);

    /** Width and height of {@code text} in {@code font}, independent of the Graphics2D (same on PNG, SVG, PDF). */
    public static Rectangle2D bounds(String text, Font font) {
        return font.getStringBounds(text, FRC);
    }

    public static double width(String text, Font font) {
        return bounds(text, font).getWidth();
    }

    public static double height(Font font) {
        return font.getLineMetrics("Mg", FRC).getHeight();
    }

    /** Draws {@code text} with its centre at (cx, cy). */
    public static void centred(Graphics2D g, String text, Font font, double cx, double cy) {
        g.setFont(font);
        var lm = font.getLineMetrics(text, FRC);
        double w = width(text, font);
        g.drawString(text, (float) (cx - w / 2), (float) (cy + (lm.getAscent() - lm.getDescent()) / 2));
    }

    /** Draws {@code text} right-aligned at x, vertically centred at cy. */
    public static void right(Graphics2D g, String text, Font font, double x, double cy) {
        g.setFont(font);
        var lm = font.getLineMetrics(text, FRC);
        g.drawString(text, (float) (x - width(text, font)), (float) (cy + (lm.getAscent() - lm.getDescent()) / 2));
    }

    /** Draws {@code text} left-aligned at x, vertically centred at cy. */
    public static void left(Graphics2D g, String text, Font font, double x, double cy) {
        g.setFont(font);
        var lm = font.getLineMetrics(text, FRC);
        g.drawString(text, (float) x, (float) (cy + (lm.getAscent() - lm.getDescent()) / 2));
    }

    /** Draws {@code text} rotated 90° counter-clockwise, centred at (cx, cy): a vertical axis title. */
    public static void vertical(Graphics2D g, String text, Font font, double cx, double cy) {
        AffineTransform old = g.getTransform();
        g.translate(cx, cy);
        g.rotate(-Math.PI / 2);
        centred(g, text, font, 0, 0);
        g.setTransform(old);
    }

    /** A placed label: a grey leader from its anchor when it had to move away, an optional backing, the text. */
    public static void label(Graphics2D g, LabelPlacer.Placement pl, String text, Color backing) {
        Rectangle2D box = pl.box();
        if (pl.needsLeader()) {
            g.setColor(MUTED);
            double ax = pl.anchor().getX();
            double ay = pl.anchor().getY();
            g.draw(new Line2D.Double(ax, ay, Math.max(box.getMinX(), Math.min(ax, box.getMaxX())),
                    Math.max(box.getMinY(), Math.min(ay, box.getMaxY()))));
        }
        if (backing != null) {
            g.setColor(backing);
            g.fill(box);
        }
        g.setColor(AXIS);
        left(g, text, SMALL, box.getMinX() + 1, box.getCenterY());
    }

    /** The largest font size ≤ {@code font}'s (and ≥ 5 pt) at which {@code text} fits {@code maxWidth}. */
    public static Font fit(String text, Font font, double maxWidth) {
        Font f = font;
        while (width(text, f) > maxWidth && f.getSize2D() > 5) {
            f = f.deriveFont(f.getSize2D() - 0.5f);
        }
        return f;
    }
}
