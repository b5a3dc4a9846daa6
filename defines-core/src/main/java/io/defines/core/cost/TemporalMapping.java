package io.defines.core.cost;

import java.util.ArrayList;
import java.util.List;

/**
 * An allocated temporal mapping after DeFiNES' stationarity merge-down (§8.3.1): per operand and
 * level the loops (innermost first), the cumulative cycles and the top-r / top-ir products.
 */
record TemporalMapping(List<List<List<Loop>>> allocated, List<List<List<Loop>>> merged, long[][] cycles,
                       long[][] topR, long[][] topIr, long totalCycles) {

    static TemporalMapping of(List<List<List<Loop>>> allocated, List<OperandInfo> ops) {
        List<List<List<Loop>>> merged = new ArrayList<>();
        for (List<List<Loop>> levels : allocated) {
            List<List<Loop>> copy = new ArrayList<>();
            levels.forEach(l -> copy.add(new ArrayList<>(l)));
            merged.add(copy);
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int o = 0; o < ops.size(); o++) {
                List<List<Loop>> t = merged.get(o);
                for (int l = 1; l < t.size(); l++) {
                    List<Loop> level = t.get(l);
                    while (!level.isEmpty() && ops.get(o).ir().contains(level.get(0).dim())) {
                        t.get(l - 1).add(level.remove(0));
                        changed = true;
                    }
                }
            }
        }
        int nOps = ops.size();
        long[][] cycles = new long[nOps][];
        long[][] topR = new long[nOps][];
        long[][] topIr = new long[nOps][];
        long total = 1;
        for (int o = 0; o < nOps; o++) {
            List<List<Loop>> t = merged.get(o);
            int n = t.size();
            cycles[o] = new long[n];
            topR[o] = new long[n + 1];
            topIr[o] = new long[n + 1];
            topR[o][0] = 1;
            topIr[o][0] = 1;
            long c = 1;
            for (int l = 0; l < n; l++) {
                for (Loop loop : t.get(l)) {
                    c *= (long) loop.size();
                }
                cycles[o][l] = c;
                topR[o][l + 1] = outermostProduct(t.get(l), ops.get(o), true);
                topIr[o][l + 1] = outermostProduct(t.get(l), ops.get(o), false);
            }
            total = c;
        }
        return new TemporalMapping(allocated, merged, cycles, topR, topIr, total);
    }

    private static long outermostProduct(List<Loop> level, OperandInfo op, boolean relevant) {
        long p = 1;
        for (int i = level.size() - 1; i >= 0; i--) {
            String d = level.get(i).dim();
            if (relevant ? op.r().contains(d) : op.ir().contains(d)) {
                p *= (long) level.get(i).size();
            } else {
                break;
            }
        }
        return p;
    }
}
