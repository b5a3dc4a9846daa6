package io.defines.core.mapper;

import io.defines.core.cost.Loop;
import io.defines.core.cost.OperandInfo;
import io.defines.core.hardware.HierarchyView;
import io.defines.core.hardware.Memory;
import io.defines.core.hardware.MemoryOperand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The readable reference of {@link FastAllocator}: LOMA's bottom-up memory allocation of one loop
 * ordering (docs/single-layer-model.md, step 3) on lists of loops. Visit the memories in listing order;
 * at each, give every operand it holds the prefix of its remaining loops that, together with the
 * other operands' prefixes, fits and minimises the estimated accesses to the level above (later
 * combinations win ties; per-dimension products folded in list order); the top level of an operand
 * takes all that remains. Returns per operand the loops of each of its levels, or null ("too small").
 */
final class ReferenceAllocator {

    private final HierarchyView view;
    private final List<OperandInfo> operands;
    private final List<List<List<Loop>>> spatial; // fractional placement per operand
    private final int outputPrecision;
    private final int partialPrecision;
    private final boolean precisionFromWholeList;
    private final Map<MemoryOperand, Integer> operandOf = new HashMap<>();

    AllocationFailure lastFailure;

    /** One allocation in progress: per operand the loops not yet allocated, those allocated, the levels so far. */
    private record State(List<List<Loop>> unalloc, List<List<Loop>> alloc, int[] lvl, List<List<List<Loop>>> tm) {
    }

    /** The candidate prefixes of the operands at one memory: sizes (bits), estimated accesses, index offsets. */
    private record Candidates(long[][] sizes, long[][] acc, int[] offset) {
    }

    ReferenceAllocator(HierarchyView view, List<OperandInfo> operands, List<List<List<Loop>>> spatial,
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
    }

    /** Allocates {@code ordering} (innermost first); null when some memory is too small. */
    List<List<List<Loop>>> allocate(List<Loop> ordering) {
        State st = new State(new ArrayList<>(), new ArrayList<>(), new int[operands.size()], new ArrayList<>());
        for (int o = 0; o < operands.size(); o++) {
            st.unalloc().add(new ArrayList<>(ordering));
            st.alloc().add(new ArrayList<>(spatial.get(o).get(0)));
            st.lvl()[o] = 1;
            st.tm().add(new ArrayList<>());
        }
        for (Memory node : view.memories()) {
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
            Candidates c = candidates(node, ops, st);
            if (c == null || !take(node, ops, choose(c, node.sizeBits()), st)) {
                return null;
            }
        }
        return st.tm();
    }

    /** Per operand at {@code node}: the prefixes that fit alone (only the largest at its top level); null when none does. */
    private Candidates candidates(Memory node, List<Integer> ops, State st) {
        long capacity = node.sizeBits();
        int k = ops.size();
        Candidates c = new Candidates(new long[k][], new long[k][], new int[k]);
        for (int x = 0; x < k; x++) {
            OperandInfo op = operands.get(ops.get(x));
            List<Loop> un = st.unalloc().get(ops.get(x));
            List<Long> fit = new ArrayList<>();
            for (int p = 0; p <= un.size(); p++) {
                long bits = op.tensorElements(dimProducts(st.alloc().get(ops.get(x)), un, p)) * precision(op, un, p);
                if (bits <= capacity) {
                    fit.add(bits);
                } else {
                    if (p == 0) {
                        lastFailure = new AllocationFailure(node.name(), op.name(), bits, capacity, false);
                        return null;
                    }
                    break;
                }
            }
            boolean top = view.isTop(node, op.memoryOperand());
            if (top) {
                c.offset()[x] = fit.size() - 1;
                c.sizes()[x] = new long[] {fit.get(fit.size() - 1)};
            } else {
                c.sizes()[x] = fit.stream().mapToLong(Long::longValue).toArray();
            }
            c.acc()[x] = new long[c.sizes()[x].length];
            for (int i = 0; i < c.sizes()[x].length && !top; i++) {
                long refetch = 1;
                for (int p = i + c.offset()[x]; p < un.size(); p++) {
                    refetch *= (long) un.get(p).size();
                }
                c.acc()[x][i] = refetch * c.sizes()[x][i];
            }
        }
        return c;
    }

    /** Mixed-radix enumeration of the combinations, the last operand fastest; the fewest accesses that fit, later wins ties. */
    private static int[] choose(Candidates c, long capacity) {
        int k = c.sizes().length;
        int[] idx = new int[k];
        int[] choice = new int[k];
        long best = Long.MAX_VALUE;
        while (true) {
            long sum = 0;
            long accSum = 0;
            for (int x = 0; x < k; x++) {
                sum += c.sizes()[x][idx[x]];
                accSum += c.acc()[x][idx[x]];
            }
            if (sum <= capacity && accSum <= best) {
                best = accSum;
                for (int x = 0; x < k; x++) {
                    choice[x] = idx[x] + c.offset()[x];
                }
            }
            int d = k - 1;
            while (d >= 0 && ++idx[d] == c.sizes()[d].length) {
                idx[d] = 0;
                d--;
            }
            if (d < 0) {
                return choice;
            }
        }
    }

    /** Gives each operand its chosen prefix; false when an operand's top level is left with loops it cannot take. */
    private boolean take(Memory node, List<Integer> ops, int[] choice, State st) {
        for (int x = 0; x < ops.size(); x++) {
            int o = ops.get(x);
            List<Loop> un = st.unalloc().get(o);
            List<Loop> taken = new ArrayList<>(un.subList(0, choice[x]));
            un.subList(0, choice[x]).clear();
            st.alloc().get(o).addAll(taken);
            st.tm().get(o).add(taken);
            if (st.lvl()[o] < spatial.get(o).size()) {
                st.alloc().get(o).addAll(spatial.get(o).get(st.lvl()[o]));
            }
            if (view.isTop(node, operands.get(o).memoryOperand()) && !un.isEmpty()) {
                OperandInfo op = operands.get(o);
                List<Loop> all = new ArrayList<>(st.alloc().get(o));
                all.addAll(un);
                long need = op.tensorElements(dimProducts(all, List.of(), 0)) * precision(op, List.of(), 0);
                lastFailure = new AllocationFailure(node.name(), op.name(), need, node.sizeBits(), true);
                return false;
            }
            st.lvl()[o]++;
        }
        return true;
    }

    /** Per-dimension products of alloc ++ un[:p], folded in list order from 1. */
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
