package io.defines.core.cost;

import io.defines.core.compat.CompatFlags;
import io.defines.core.hardware.HierarchyView;
import io.defines.core.hardware.MemoryOperand;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Operand;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything about a {@link SingleLayerProblem} that does not depend on the loop ordering: its operands,
 * the spatial mapping, MAC and output-element counts and the partial/final output precisions. What a
 * mapper searches over and what {@link CostEvaluation} costs.
 */
public record PreparedProblem(SingleLayerProblem problem, List<OperandInfo> operands, Map<MemoryOperand, Integer> byMemoryOperand,
                       SpatialMapping spatial, long macs, long outputElements, int partialPrecision, int finalPrecision) {

    /** The problem prepared, its mapping entry's bypass applied to its hierarchy view ({@link SingleLayerProblem#withBypass}). */
    public static PreparedProblem of(SingleLayerProblem problem) {
        SingleLayerProblem p = problem.withBypass();
        Layer layer = p.layer();
        HierarchyView view = p.hierarchy();
        Map<String, MemoryOperand> links = p.mapping().memoryOperandLinks();
        List<Operand> eqOps = layer.equation().operands();
        List<MemoryOperand> mem = new ArrayList<>();
        for (Operand op : eqOps) {
            MemoryOperand m = links.get(op.name());
            if (m == null) {
                throw new IllegalArgumentException("mapping entry '" + p.mapping().name() + "' links no memory operand to " + op.name());
            }
            mem.add(m);
        }
        // element-wise add: both inputs on I1 -> the second is relinked to I2, which aliases I1's chain (§6.5)
        if (eqOps.size() == 3 && mem.get(1) == MemoryOperand.I1 && mem.get(2) == MemoryOperand.I1) {
            if (!view.i2AliasesI1()) {
                throw new IllegalArgumentException("layer " + layer.id() + " reads two activations (I1, I1): its hierarchy view must alias I2 onto I1");
            }
            mem.set(2, MemoryOperand.I2);
        }
        List<OperandInfo> ops = new ArrayList<>();
        Map<MemoryOperand, Integer> byMem = new EnumMap<>(MemoryOperand.class);
        for (int i = 0; i < eqOps.size(); i++) {
            MemoryOperand m = mem.get(i);
            if (byMem.put(m, i) != null) {
                throw new IllegalArgumentException("two operands of layer " + layer.id() + " are linked to memory operand " + m);
            }
            if (view.chain(m).isEmpty()) {
                throw new IllegalArgumentException("memory operand " + m + " has no level in this hierarchy view");
            }
            ops.add(OperandInfo.of(layer, eqOps.get(i), i == 0, m, view.chain(m), p.inputExtentCaps()));
        }
        SpatialMapping sm = new SpatialMapping(p.mapping(), p.tileLoopSizes(), view.accelerator().array(), ops);
        long macs = 1;
        for (long s : p.tileLoopSizes().values()) {
            macs *= s;
        }
        long outElems = 1;
        for (String d : layer.equation().output().indices()) {
            outElems *= p.tileLoopSizes().getOrDefault(d, 1L);
        }
        return new PreparedProblem(p, List.copyOf(ops), byMem, sm, macs, outElems, layer.precision(layer.equation().output().name()),
                layer.outputPrecision());
    }

    public HierarchyView view() {
        return problem.hierarchy();
    }

    public CompatFlags flags() {
        return problem.flags();
    }

    Integer operandIndex(MemoryOperand m) {
        return byMemoryOperand.get(m);
    }

    int outputIndex() {
        return 0;
    }

    /** Energy (pJ) of one MAC of the array. */
    public double macEnergyPj() {
        return view().accelerator().array().macEnergyPj();
    }

    long macUnits() {
        return view().accelerator().array().totalUnits();
    }
}
