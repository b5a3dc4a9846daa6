package io.defines.plot.logic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The Pareto front of points in two objectives, both minimised. */
public final class Front {
    private Front() {
    }

    /**
     * Indices of the non-dominated points (no other point is ≤ in both and &lt; in one), sorted by x
     * ascending (then y); equal points are all kept. NaN coordinates are never on the front.
     */
    public static List<Integer> of(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length");
        }
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                idx.add(i);
            }
        }
        idx.sort(Comparator.<Integer>comparingDouble(i -> x[i]).thenComparingDouble(i -> y[i]).thenComparingInt(i -> i));
        List<Integer> out = new ArrayList<>();
        double bestY = Double.POSITIVE_INFINITY;
        double lastX = Double.NaN;
        double lastY = Double.NaN;
        for (int i : idx) {
            if (y[i] < bestY) {
                out.add(i);
                bestY = y[i];
                lastX = x[i];
                lastY = y[i];
            } else if (x[i] == lastX && y[i] == lastY) {
                out.add(i); // a duplicate of a front point
            }
        }
        return out;
    }
}
