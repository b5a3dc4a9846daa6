package io.defines.plot.logic;

import java.awt.geom.Line2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Places text labels next to their anchor points so that no two labels overlap, no label covers a
 * marker, and every label stays inside the bounds. Greedy, in the given order: each label takes the
 * first free candidate of 8 positions around its anchor (right, left, above, below, then the
 * diagonals), at growing distances, avoiding given lines too; when none is free, the candidate with the
 * least overlap. A label
 * placed away from its anchor should get a leader line ({@link Placement#needsLeader()}).
 */
public final class LabelPlacer {
    private LabelPlacer() {
    }

    /** Where a label went; {@code overlapArea} &gt; 0 only when no free position existed. */
    public record Placement(Rectangle2D box, Point2D anchor, boolean needsLeader, double overlapArea) {
    }

    /**
     * @param anchors label anchors (the labelled markers)
     * @param sizes label width and height, one per anchor
     * @param markers every drawn marker (labels must not cover them), as centres
     * @param markerRadius half the marker size
     * @param bounds where labels may go
     */
    public static List<Placement> place(List<Point2D> anchors, List<double[]> sizes, List<Point2D> markers, double markerRadius,
                                        Rectangle2D bounds) {
        return place(anchors, sizes, markers, markerRadius, List.of(), bounds);
    }

    /** As above, and labels avoid crossing {@code lines} (e.g. the front's step line). */
    public static List<Placement> place(List<Point2D> anchors, List<double[]> sizes, List<Point2D> markers, double markerRadius,
                                        List<Line2D> lines, Rectangle2D bounds) {
        List<Rectangle2D> taken = new ArrayList<>();
        List<Rectangle2D> obstacles = new ArrayList<>();
        for (Point2D m : markers) {
            obstacles.add(new Rectangle2D.Double(m.getX() - markerRadius, m.getY() - markerRadius, 2 * markerRadius, 2 * markerRadius));
        }
        List<Placement> out = new ArrayList<>();
        double gap = markerRadius + 2;
        for (int i = 0; i < anchors.size(); i++) {
            Point2D a = anchors.get(i);
            double w = sizes.get(i)[0];
            double h = sizes.get(i)[1];
            Rectangle2D best = null;
            double bestOverlap = Double.POSITIVE_INFINITY;
            boolean bestFar = false;
            search:
            for (int ring = 1; ring <= 6; ring++) {
                double d = gap + (ring - 1) * (h + 2);
                for (Rectangle2D c : candidates(a, w, h, d)) {
                    if (!bounds.contains(c)) {
                        continue;
                    }
                    double overlap = 0;
                    for (Rectangle2D t : taken) {
                        overlap += area(c.createIntersection(t));
                    }
                    for (Rectangle2D o : obstacles) {
                        overlap += area(c.createIntersection(o));
                    }
                    for (Line2D l : lines) {
                        if (l.intersects(c)) {
                            overlap += 0.25 * area(c); // crossing a line is worse than touching a marker's corner
                        }
                    }
                    if (overlap < bestOverlap) {
                        bestOverlap = overlap;
                        best = c;
                        bestFar = ring > 1;
                        if (overlap == 0) {
                            break search;
                        }
                    }
                }
            }
            if (best == null) { // larger than the bounds: clamp into them
                best = new Rectangle2D.Double(Math.max(bounds.getMinX(), Math.min(a.getX() + gap, bounds.getMaxX() - w)),
                        Math.max(bounds.getMinY(), Math.min(a.getY() - h / 2, bounds.getMaxY() - h)), w, h);
                bestOverlap = 0;
                for (Rectangle2D t : taken) {
                    bestOverlap += area(best.createIntersection(t));
                }
                bestFar = true;
            }
            taken.add(best);
            out.add(new Placement(best, a, bestFar, bestOverlap));
        }
        return out;
    }

    private static List<Rectangle2D> candidates(Point2D a, double w, double h, double d) {
        double x = a.getX();
        double y = a.getY();
        return List.of(
                new Rectangle2D.Double(x + d, y - h / 2, w, h),          // right
                new Rectangle2D.Double(x - d - w, y - h / 2, w, h),      // left
                new Rectangle2D.Double(x - w / 2, y - d - h, w, h),      // above
                new Rectangle2D.Double(x - w / 2, y + d, w, h),          // below
                new Rectangle2D.Double(x + d * 0.7, y - d * 0.7 - h, w, h),
                new Rectangle2D.Double(x - d * 0.7 - w, y - d * 0.7 - h, w, h),
                new Rectangle2D.Double(x + d * 0.7, y + d * 0.7, w, h),
                new Rectangle2D.Double(x - d * 0.7 - w, y + d * 0.7, w, h));
    }

    private static double area(Rectangle2D r) {
        return r.getWidth() > 0 && r.getHeight() > 0 ? r.getWidth() * r.getHeight() : 0;
    }
}
