package io.defines.core.input;

import io.defines.core.workload.DimRelation;
import io.defines.core.workload.Equation;
import io.defines.core.workload.Operand;
import io.defines.core.workload.Padding;
import java.util.List;
import java.util.Map;

/**
 * The products of a layer that passed its own checks: its MAC count (the product of its loop sizes)
 * and each operand's size in bits (the product of its tensor extents times its precision) must be at
 * most {@link IntRange#PRODUCT_MAX} (2⁶²), so that the model's products and sums of them fit a long.
 * Computed in floating point, which cannot overflow here (each factor is at most 2³¹−1).
 */
final class LayerProducts {

    private static final double LIMIT = IntRange.PRODUCT_MAX;

    private LayerProducts() {
    }

    /** Reports a product above the limit at the layer's loop sizes; true when all are within it. */
    static boolean check(Problems problems, LayerDto d, String what, Equation eq, List<DimRelation> relations,
                         Map<String, Long> loopSizes, Map<String, Integer> precision, Map<String, Padding> padding,
                         Map<String, Long> prSizes) {
        Node at = d.loopSizes().given() ? d.loopSizes().node() : d.node();
        double macs = 1;
        for (long s : loopSizes.values()) {
            macs *= s;
        }
        boolean ok = true;
        if (macs > LIMIT) {
            problems.error(at, what + ": " + String.format("%.3g", macs) + " MACs (the product of the loop sizes); at most "
                    + IntRange.PRODUCT_MAX + " (2^62) are modelled", "check the loop sizes; they multiply");
            ok = false;
        }
        for (Operand op : eq.operands()) {
            double bits = precision.getOrDefault(op.name(), 0);
            for (String idx : op.indices()) {
                bits *= extent(idx, relations, loopSizes, padding, prSizes);
            }
            if (bits > LIMIT) {
                problems.error(at, what + ": operand " + op.name() + " holds " + String.format("%.3g", bits) + " bits; at most "
                        + IntRange.PRODUCT_MAX + " (2^62) are modelled", "check the loop sizes and the precision of " + op.name());
                ok = false;
            }
        }
        return ok;
    }

    /** A tensor dimension's extent, as {@link io.defines.core.workload.Layer#tensorExtent} computes it. */
    private static double extent(String dim, List<DimRelation> relations, Map<String, Long> loopSizes,
                                 Map<String, Padding> padding, Map<String, Long> prSizes) {
        DimRelation rel = relations.stream().filter(r -> r.tensorDim().equals(dim)).findFirst().orElse(null);
        if (rel == null) {
            return loopSizes.getOrDefault(dim, 1L);
        }
        if (prSizes.containsKey(dim)) {
            return prSizes.get(dim);
        }
        double extent = rel.extent((double) loopSizes.getOrDefault(rel.firstDim(), 1L), (double) loopSizes.getOrDefault(rel.secondDim(), 1L))
                - padding.getOrDefault(dim, Padding.NONE).total();
        return Math.max(1, extent);
    }
}
