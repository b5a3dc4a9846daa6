package io.defines.core.mapper;

import io.defines.core.compat.Quirk;
import io.defines.core.cost.Loop;
import io.defines.core.cost.PreparedProblem;
import io.defines.core.cost.SingleLayerProblem;
import io.defines.core.mapper.loma.LoopPrimeFactors;
import io.defines.core.mapper.loma.Lpf;
import io.defines.core.mapper.loma.MultisetPermutations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test support: runs {@link FastAllocator} and {@link ReferenceAllocator} on every ordering of a problem and compares. */
final class AllocatorComparison {

    private AllocatorComparison() {
    }

    /** Returns the number of orderings compared; throws on the first difference. */
    static int compareAll(SingleLayerProblem problem) {
        PreparedProblem p = PreparedProblem.of(problem);
        Map<String, Integer> dimIndex = new LinkedHashMap<>();
        problem.tileLoopSizes().keySet().forEach(d -> dimIndex.put(d, dimIndex.size()));
        boolean whole = problem.flags().has(Quirk.ALLOCATOR_PRECISION_FROM_WHOLE_LIST);
        ReferenceAllocator ref = new ReferenceAllocator(p.view(), p.operands(), p.spatial().fractional.placed(), p.partialPrecision(),
                p.finalPrecision(), whole);
        FastAllocator fast = new FastAllocator(p.view(), p.operands(), p.spatial().fractional.placed(), dimIndex, p.partialPrecision(),
                p.finalPrecision(), whole, true);
        List<Lpf> lpfs = LoopPrimeFactors.of(LomaMapper.temporalLoops(p), problem.lpfLimit());
        MultisetPermutations perms = new MultisetPermutations(lpfs);
        int[] count = {0};
        perms.forEach(ranks -> {
            List<Loop> ordering = new ArrayList<>();
            int[] dims = new int[ranks.length];
            long[] factors = new long[ranks.length];
            for (int i = 0; i < ranks.length; i++) {
                Lpf l = perms.lpf(ranks[i]);
                ordering.add(new Loop(l.dim(), l.factor()));
                dims[i] = dimIndex.get(l.dim());
                factors[i] = l.factor();
            }
            List<List<List<Loop>>> tm = ref.allocate(ordering);
            boolean ok = fast.allocate(dims, factors);
            if ((tm != null) != ok) {
                throw new AssertionError("allocators disagree on feasibility of " + ordering);
            }
            if (tm == null) {
                compareFailures(ordering, ref.lastFailure, fast.lastFailure);
            }
            if (tm != null) {
                for (int o = 0; o < tm.size(); o++) {
                    int end = 0;
                    for (int l = 0; l < tm.get(o).size(); l++) {
                        end += tm.get(o).get(l).size();
                        if (fast.cuts[o][l] != end) {
                            throw new AssertionError("allocators disagree on " + ordering + " operand " + o + " level " + l);
                        }
                    }
                }
            }
            count[0]++;
            return true;
        });
        return count[0];
    }

    /**
     * Both allocators blame the same memory, operand and kind of failure. The demands may differ: when
     * the output's precision is taken from the whole remaining list, the reference prices the rest of a
     * top level at the final precision, the fast allocator at the precision it tested. (Neither demand
     * need exceed the capacity: a top level shared by several operands can fail although the operand's
     * whole tile alone would fit.)
     */
    private static void compareFailures(List<Loop> ordering, AllocationFailure ref, AllocationFailure fast) {
        if (!ref.memory().equals(fast.memory()) || !ref.operand().equals(fast.operand()) || ref.topTooSmall() != fast.topTooSmall()
                || ref.capacityBits() != fast.capacityBits()) {
            throw new AssertionError("allocators disagree on why " + ordering + " fails: " + ref + " vs " + fast);
        }
    }
}
