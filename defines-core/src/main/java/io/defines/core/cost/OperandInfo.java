package io.defines.core.cost;

import io.defines.core.hardware.Memory;
import io.defines.core.hardware.MemoryOperand;
import io.defines.core.workload.DimRelation;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Operand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the cost model needs to know about one layer operand (defines-model §2.1.3): its memory
 * operand and truncated chain, its relevant (r) and irrelevant (ir) loop dimensions, its partially
 * relevant dims (pr, e.g. IX over OX and FX) and the "reform" lists that add IX_r / IX_ir.
 * Dimensions of size 1 in the workload's layer are in neither list (DeFiNES drops them at parse).
 */
public record OperandInfo(String name, boolean output, MemoryOperand memoryOperand, List<Memory> chain,
                   Set<String> r, Set<String> ir, Map<String, DimRelation> pr,
                   Set<String> rReform, Set<String> irReform, int precision, Map<String, Double> prCaps) {

    /** Cap of a partially relevant dim (∞ when none). */
    public double cap(String tensorDim) {
        return prCaps.getOrDefault(tensorDim, Double.POSITIVE_INFINITY);
    }

    static OperandInfo of(Layer workloadLayer, Operand op, boolean output, MemoryOperand memOp, List<Memory> chain,
                          Map<String, Long> caps) {
        Set<String> dims = workloadLayer.loopSizes().keySet();
        Set<String> inRelation = new LinkedHashSet<>();
        for (DimRelation rel : workloadLayer.relations()) {
            inRelation.add(rel.firstDim());
            inRelation.add(rel.secondDim());
        }
        Map<String, DimRelation> pr = new LinkedHashMap<>();
        for (String idx : op.indices()) {
            workloadLayer.relation(idx).ifPresent(rel -> pr.put(idx, rel));
        }
        boolean hasPr = !pr.isEmpty();
        Set<String> r = new LinkedHashSet<>();
        Set<String> ir = new LinkedHashSet<>();
        for (String idx : op.indices()) {
            if (dims.contains(idx) && workloadLayer.loopSize(idx) != 1 && !(hasPr && inRelation.contains(idx))) {
                r.add(idx);
            }
        }
        for (String d : dims) {
            if (!op.indices().contains(d) && workloadLayer.loopSize(d) != 1 && !(hasPr && inRelation.contains(d))) {
                ir.add(d);
            }
        }
        Set<String> rReform = new LinkedHashSet<>(r);
        Set<String> irReform = new LinkedHashSet<>(ir);
        // DeFiNES: the pr dims of ALL relations are used when the operand has pr dims
        Map<String, DimRelation> allPr = new LinkedHashMap<>();
        if (hasPr) {
            for (DimRelation rel : workloadLayer.relations()) {
                allPr.put(rel.tensorDim(), rel);
                rReform.add(rel.tensorDim() + "_r");
                irReform.add(rel.tensorDim() + "_ir");
            }
        }
        int precision = output ? workloadLayer.precision(op.name()) : workloadLayer.precision(op.name());
        Map<String, Double> prCaps = new LinkedHashMap<>();
        if (!output) {
            for (String idx : op.indices()) {
                if (caps.containsKey(idx) && allPr.containsKey(idx)) {
                    prCaps.put(idx, (double) caps.get(idx));
                }
            }
        }
        return new OperandInfo(op.name(), output, memOp, List.copyOf(chain), Set.copyOf(r), Set.copyOf(ir),
                allPr, Set.copyOf(rReform), Set.copyOf(irReform), precision, Map.copyOf(prCaps));
    }

    /** Levels of the truncated chain. */
    public int levels() {
        return chain.size();
    }

    /** Elements of this operand's tensor for the given per-dimension loop products (§2.1.4: ceil, then r × pr). */
    public long tensorElements(Map<String, Double> dimProducts) {
        long n = 1;
        for (String d : r) {
            n *= (long) Math.ceil(dimProducts.getOrDefault(d, 1.0));
        }
        for (DimRelation rel : pr.values()) {
            double a = Math.ceil(dimProducts.getOrDefault(rel.firstDim(), 1.0));
            double b = Math.ceil(dimProducts.getOrDefault(rel.secondDim(), 1.0));
            n *= (long) Math.min(rel.extent(a, b), cap(rel.tensorDim()));
        }
        return n;
    }

    static List<String> names(List<OperandInfo> ops) {
        List<String> out = new ArrayList<>();
        ops.forEach(o -> out.add(o.name()));
        return out;
    }
}
