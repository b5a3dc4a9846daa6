package io.defines.core.mapper;

import io.defines.core.cost.LayerCost;
import io.defines.core.cost.LayerCostModel;
import io.defines.core.cost.SingleLayerProblem;
import io.defines.core.hardware.ArrayDimension;
import io.defines.core.mapping.MappingEntry;
import io.defines.core.mapping.SpatialUnroll;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * ZigZag's {@code spatial_mapping_hint} searched (docs/input-formats.md): for a mapping entry with a
 * hint and no explicit {@code spatial_mapping}, every spatial mapping the hint allows is costed by the
 * decorated model and the lowest energy wins (the first in enumeration order on a tie). Each array
 * dimension, in the accelerator's order, unrolls one of its hinted layer dimensions by the largest
 * divisor of what is left of it that fits the array dimension (a dimension the layer lacks or has
 * used up is not an option; an array dimension with no option stays unused). The winner's result
 * carries its spatial mapping. Problems with an explicit spatial mapping, or without a hint, go to the
 * decorated model unchanged.
 */
public final class SpatialHintSearch implements LayerCostModel {

    private final LayerCostModel inner;

    public SpatialHintSearch(LayerCostModel inner) {
        this.inner = Objects.requireNonNull(inner);
    }

    @Override
    public LayerCost evaluate(SingleLayerProblem problem) {
        MappingEntry e = problem.mapping();
        if (!e.spatialMapping().isEmpty() || e.spatialMappingHint().isEmpty()) {
            return inner.evaluate(problem);
        }
        LayerCost best = null;
        LayerCost firstInfeasible = null;
        for (Map<String, List<SpatialUnroll>> candidate : candidates(e.spatialMappingHint(), problem)) {
            MappingEntry explicit = new MappingEntry(e.name(), candidate, e.spatialMappingHint(), e.temporalOrdering(), e.memoryOperandLinks());
            LayerCost c = inner.evaluate(new SingleLayerProblem(problem.layer(), problem.tileLoopSizes(), explicit, problem.hierarchy(),
                    problem.lpfLimit(), problem.flags(), problem.inputExtentCaps()));
            if (c instanceof LayerCost.Mapped m) {
                if (!(best instanceof LayerCost.Mapped b) || m.energyPj() < b.energyPj()) {
                    best = m;
                }
            } else if (firstInfeasible == null) {
                firstInfeasible = c;
            }
        }
        return best != null ? best : firstInfeasible;
    }

    /** The spatial mappings {@code hint} allows for the problem's layer on its accelerator's array, in enumeration order. */
    static List<Map<String, List<SpatialUnroll>>> candidates(Map<String, List<String>> hint, SingleLayerProblem problem) {
        List<Map<String, List<SpatialUnroll>>> out = new ArrayList<>();
        List<ArrayDimension> dims = problem.hierarchy().accelerator().array().dimensions();
        extend(out, new LinkedHashMap<>(), new LinkedHashMap<>(problem.layer().loopSizes()), hint, dims, 0);
        return out;
    }

    private static void extend(List<Map<String, List<SpatialUnroll>>> out, Map<String, List<SpatialUnroll>> chosen, Map<String, Long> left,
                               Map<String, List<String>> hint, List<ArrayDimension> dims, int at) {
        if (at == dims.size()) {
            out.add(new LinkedHashMap<>(chosen));
            return;
        }
        ArrayDimension d = dims.get(at);
        boolean any = false;
        for (String layerDim : hint.getOrDefault(d.name(), List.of())) {
            long size = left.getOrDefault(layerDim, 1L);
            long factor = largestDivisorAtMost(size, d.size());
            if (factor <= 1) {
                continue;
            }
            any = true;
            chosen.put(d.name(), List.of(new SpatialUnroll(layerDim, (int) factor)));
            left.put(layerDim, size / factor);
            extend(out, chosen, left, hint, dims, at + 1);
            left.put(layerDim, size);
            chosen.remove(d.name());
        }
        if (!any) {
            extend(out, chosen, left, hint, dims, at + 1);
        }
    }

    static long largestDivisorAtMost(long n, long limit) {
        for (long f = Math.min(n, limit); f > 1; f--) {
            if (n % f == 0) {
                return f;
            }
        }
        return 1;
    }
}
