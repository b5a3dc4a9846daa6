package io.defines.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Pareto fronts: the non-dominated points, every objective minimised. Used for pareto.csv (by a
 * sweep, a merge and a Spark run) and for the front drawn in the Pareto charts.
 */
public final class ParetoFront {
    private ParetoFront() {
    }

    /**
     * Indices (ascending) of the points no other point dominates: a dominates b when a is ≤ b in every
     * objective and &lt; in at least one. Equal points are all kept. Two objectives take the sorted
     * scan of {@link #of(double[], double[])} (O(n log n)); more take O(n²).
     */
    public static List<Integer> of(List<double[]> points) {
        if (!points.isEmpty() && points.get(0).length == 2) {
            double[] x = new double[points.size()];
            double[] y = new double[points.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = points.get(i)[0];
                y[i] = points.get(i)[1];
            }
            List<Integer> out = new ArrayList<>(of(x, y));
            out.sort(Comparator.naturalOrder());
            return out;
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            boolean dominated = false;
            for (int j = 0; j < points.size() && !dominated; j++) {
                dominated = j != i && dominates(points.get(j), points.get(i));
            }
            if (!dominated) {
                out.add(i);
            }
        }
        return out;
    }

    /** Whether {@code a} is at most {@code b} in every objective and below it in one (objectives minimised). */
    public static boolean dominates(double[] a, double[] b) {
        boolean strictly = false;
        for (int k = 0; k < a.length; k++) {
            if (a[k] > b[k]) {
                return false;
            }
            strictly |= a[k] < b[k];
        }
        return strictly;
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
