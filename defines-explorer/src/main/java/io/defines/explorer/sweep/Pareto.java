package io.defines.explorer.sweep;

import java.util.ArrayList;
import java.util.List;

/** Non-dominated filtering (all objectives minimised). */
public final class Pareto {
    private Pareto() {
    }

    /**
     * Indices (ascending) of the points no other point dominates: a dominates b when a is ≤ b in every
     * objective and &lt; in at least one. Equal points are all kept. O(n²), fine for sweeps of thousands.
     */
    public static List<Integer> front(List<double[]> points) {
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

    static boolean dominates(double[] a, double[] b) {
        boolean strictly = false;
        for (int k = 0; k < a.length; k++) {
            if (a[k] > b[k]) {
                return false;
            }
            strictly |= a[k] < b[k];
        }
        return strictly;
    }
}
