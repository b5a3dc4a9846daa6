package io.defines.core.cost;

import io.defines.core.hardware.HierarchyView;
import io.defines.core.hardware.Memory;
import io.defines.core.hardware.MemoryOperand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * LOMA's bottom-up memory allocation of one loop ordering (defines-model §8.2.4 with §14 C4): visit
 * the memories in listing order; at each, give every operand it holds the prefix of its remaining
 * loops that, together with the other operands' prefixes, fits and minimises the estimated
 * accesses to the level above (later combinations win ties); the top level of an operand takes all
 * that remains. Returns per operand the loops of each of its levels, or null ("too small").
 */
final class MemoryAllocator {

    private final HierarchyView view;
    private final List<OperandInfo> operands;
    private final List<List<List<Loop>>> spatial; // fractional placement per operand
    private final int outputPrecision;
    private final int partialPrecision;
    private final boolean precisionFromWholeList;
    private final Map<MemoryOperand, Integer> operandOf = new HashMap<>();
    private final List<Memory> nodes;

    /** Why the last allocation failed: memory, operand, bits needed, capacity. */
    record Failure(String memory, String operand, long demandBits, long capacityBits, boolean topTooSmall) {
    }

    Failure lastFailure;

    MemoryAllocator(HierarchyView view, List<OperandInfo> operands, List<List<List<Loop>>> spatial,
                    int partialPrecision, int outputPrecision, boolean precisionFromWholeList) {
        this.view = view;
        this.operands = operands;
        this.spatial = spatial;
        this.partialPrecision = partialPrecision;
        this.outputPrecision = outputPrecision;
        this.precisionFromWholeList = precisionFromWholeList;
        for (int o = 0; o < operands.size(); o++) {
            operandOf.put(operands.get(o).memoryOperand(), o);
        }
        this.nodes = view.memories();
    }

    /** Allocates {@code ordering} (innermost first); null when some memory is too small. */
    List<List<List<Loop>>> allocate(List<Loop> ordering) {
        int nOps = operands.size();
        List<List<Loop>> unalloc = new ArrayList<>();
        List<List<Loop>> alloc = new ArrayList<>();
        int[] lvl = new int[nOps];
        List<List<List<Loop>>> tm = new ArrayList<>();
        for (int o = 0; o < nOps; o++) {
            unalloc.add(new ArrayList<>(ordering));
            alloc.add(new ArrayList<>(spatial.get(o).get(0)));
            lvl[o] = 1;
            tm.add(new ArrayList<>());
        }
        for (Memory node : nodes) {
            List<Integer> ops = new ArrayList<>();
            for (MemoryOperand m : view.operandsAt(node)) {
                Integer o = operandOf.get(m);
                if (o != null) {
                    ops.add(o);
                }
            }
            if (ops.isEmpty()) {
                continue;
            }
            long capacity = node.sizeBits();
            int k = ops.size();
            long[][] sizes = new long[k][];
            long[][] acc = new long[k][];
            int[] offset = new int[k];
            for (int x = 0; x < k; x++) {
                int o = ops.get(x);
                OperandInfo op = operands.get(o);
                List<Loop> un = unalloc.get(o);
                List<Long> fit = new ArrayList<>();
                for (int p = 0; p <= un.size(); p++) {
                    long bits = op.tensorElements(dimProducts(alloc.get(o), un, p)) * precision(op, un, p);
                    if (bits <= capacity) {
                        fit.add(bits);
                    } else {
                        if (p == 0) {
                            lastFailure = new Failure(node.name(), op.name(), bits, capacity, false);
                            return null;
                        }
                        break;
                    }
                }
                boolean top = view.isTop(node, op.memoryOperand());
                if (top) {
                    offset[x] = fit.size() - 1;
                    sizes[x] = new long[] {fit.get(fit.size() - 1)};
                } else {
                    sizes[x] = fit.stream().mapToLong(Long::longValue).toArray();
                }
                acc[x] = new long[sizes[x].length];
                for (int i = 0; i < sizes[x].length; i++) {
                    if (top) {
                        acc[x][i] = 0;
                    } else {
                        long refetch = 1;
                        for (int p = i + offset[x]; p < un.size(); p++) {
                            refetch *= (long) un.get(p).size();
                        }
                        acc[x][i] = refetch * sizes[x][i];
                    }
                }
            }
            // mixed-radix enumeration, the last operand varies fastest; later wins ties (<=)
            int[] idx = new int[k];
            int[] choice = new int[k];
            long best = Long.MAX_VALUE;
            while (true) {
                long sum = 0;
                long accSum = 0;
                for (int x = 0; x < k; x++) {
                    sum += sizes[x][idx[x]];
                    accSum += acc[x][idx[x]];
                }
                if (sum <= capacity && accSum <= best) {
                    best = accSum;
                    for (int x = 0; x < k; x++) {
                        choice[x] = idx[x] + offset[x];
                    }
                }
                int d = k - 1;
                while (d >= 0 && ++idx[d] == sizes[d].length) {
                    idx[d] = 0;
                    d--;
                }
                if (d < 0) {
                    break;
                }
            }
            for (int x = 0; x < k; x++) {
                int o = ops.get(x);
                List<Loop> un = unalloc.get(o);
                List<Loop> taken = new ArrayList<>(un.subList(0, choice[x]));
                un.subList(0, choice[x]).clear();
                alloc.get(o).addAll(taken);
                tm.get(o).add(taken);
                if (lvl[o] < spatial.get(o).size()) {
                    alloc.get(o).addAll(spatial.get(o).get(lvl[o]));
                }
                if (view.isTop(node, operands.get(o).memoryOperand()) && !un.isEmpty()) {
                    OperandInfo op = operands.get(o);
                    List<Loop> all = new ArrayList<>(alloc.get(o));
                    all.addAll(un);
                    long need = op.tensorElements(dimProducts(all, List.of(), 0)) * precision(op, List.of(), 0);
                    lastFailure = new Failure(node.name(), op.name(), need, capacity, true);
                    return null;
                }
                lvl[o]++;
            }
        }
        return tm;
    }

    /** Per-dimension products of alloc ++ un[:p], folded in list order from 1 (C4). */
    private static Map<String, Double> dimProducts(List<Loop> alloc, List<Loop> un, int p) {
        Map<String, Double> prod = new HashMap<>();
        for (Loop l : alloc) {
            prod.merge(l.dim(), l.size(), (a, b) -> a * b);
        }
        for (int i = 0; i < p; i++) {
            Loop l = un.get(i);
            prod.merge(l.dim(), l.size(), (a, b) -> a * b);
        }
        return prod;
    }

    private int precision(OperandInfo op, List<Loop> un, int prefix) {
        if (!op.output()) {
            return op.precision();
        }
        int from = precisionFromWholeList ? 0 : prefix;
        for (int i = from; i < un.size(); i++) {
            if (op.ir().contains(un.get(i).dim())) {
                return partialPrecision;
            }
        }
        return outputPrecision;
    }
}
