package io.defines.core.cost;

import io.defines.core.workload.DimRelation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * DeFiNES' pr decoupling (§8.3.2): a loop over OX (or FX) of an operand that indexes IX = s·OX + d·FX
 * becomes (IX_r, ΔD) followed by (IX_ir, ΔR), where D is the number of distinct IX indices covered by
 * the loops so far (cumulative over the levels, bottom-up) and R = (OX·FX)/D the reuse.
 */
final class PrDecoupling {

    /** "IX" → {"IX_r", "IX_ir"}: shared strings, so their hash codes are computed once. */
    private static final ConcurrentHashMap<String, String[]> NAMES = new ConcurrentHashMap<>();

    private PrDecoupling() {
    }

    static List<List<Loop>> decouple(List<List<Loop>> levels, Map<String, DimRelation> pr) {
        return decouple(levels, pr, Map.of());
    }

    /** As {@link #decouple(List, Map)}, with the distinct-index count D capped per tensor dim (padding). */
    static List<List<Loop>> decouple(List<List<Loop>> levels, Map<String, DimRelation> pr, Map<String, Double> caps) {
        if (pr.isEmpty()) {
            return levels;
        }
        Map<String, DimRelation> byLoopDim = new HashMap<>();
        for (DimRelation rel : pr.values()) {
            byLoopDim.put(rel.firstDim(), rel);
            byLoopDim.put(rel.secondDim(), rel);
        }
        Map<String, double[]> cum = new HashMap<>(); // tensor dim -> {first, second, Dprev, Rprev}
        for (DimRelation rel : pr.values()) {
            cum.put(rel.tensorDim(), new double[] {1.0, 1.0, 1.0, 1.0});
        }
        List<List<Loop>> out = new ArrayList<>(levels.size());
        for (List<Loop> level : levels) {
            List<Loop> l = new ArrayList<>(level.size() + 4);
            for (Loop loop : level) {
                DimRelation rel = byLoopDim.get(loop.dim());
                if (rel == null) {
                    l.add(loop);
                    continue;
                }
                double[] c = cum.get(rel.tensorDim());
                if (loop.dim().equals(rel.firstDim())) {
                    c[0] = c[0] * loop.size();
                } else {
                    c[1] = c[1] * loop.size();
                }
                double d = Math.min(rel.extent(c[0], c[1]), caps.getOrDefault(rel.tensorDim(), Double.POSITIVE_INFINITY));
                double r = (c[0] * c[1]) / d;
                String[] names = NAMES.computeIfAbsent(rel.tensorDim(), t -> new String[] {t + "_r", t + "_ir"});
                l.add(new Loop(names[0], d / c[2]));
                l.add(new Loop(names[1], r / c[3]));
                c[2] = d;
                c[3] = r;
            }
            out.add(l);
        }
        return out;
    }
}
