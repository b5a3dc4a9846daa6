package io.defines.core.mapper;

import io.defines.core.cost.Loop;
import io.defines.core.cost.OperandInfo;
import io.defines.core.hardware.HierarchyView;
import io.defines.core.hardware.Memory;
import io.defines.core.hardware.MemoryOperand;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * LOMA's bottom-up memory allocation of one loop ordering, on primitive arrays for the search's inner
 * loop (docs/single-layer-model.md, step 3): visit the memories in listing order; at each, give every
 * operand it holds the prefix of its remaining loops that, together with the other operands'
 * prefixes, fits and minimises the estimated accesses to the level above (later combinations win
 * ties; per-dimension products folded in list order in doubles); the top level of an operand takes
 * all that remains. Loops are (dimension index, factor) pairs, every operand's allocation is a list of
 * cut points into the one ordering, and nothing is allocated per candidate. The tests keep a readable
 * reference allocator and check that both agree on every ordering of the golden rows and of generated
 * workloads. Not thread-safe (scratch arrays): one instance per search.
 */
final class FastAllocator {

    private final int nOps;
    private final int nDims;
    final int[][] nodeOps;        // per visited memory: operand indices in allocation order
    final boolean[][] nodeTop;    // per visited memory and listed operand: is it the operand's top
    private final long[] nodeCapacity;
    private final String[] nodeName;
    final TensorShape[] shapes;   // per operand
    final int partial;
    final int finalPrecision;
    final boolean wholeList;

    /** Cut points of the last successful allocation: cuts[o][l] = end index (exclusive) of level l's loops. */
    final int[][] cuts;
    /** Ceilings on cut points the innermost loops of an ordering impose. */
    final CutCeilings ceilings;
    AllocationFailure lastFailure;
    /** How much of the ordering decided the last allocation, per cut point and in all ({@link DecidedPrefix}), when tracked. */
    final DecidedPrefix decided;
    /**
     * Per visited memory, over every allocation so far: the largest size (bits) compared with its
     * capacity that fitted and the smallest that did not ({@link Long#MAX_VALUE} if none). Every
     * capacity in [fittedMax, overflowMin) makes every comparison come out the same, so the same
     * allocations (see {@link CapacityRangeMemo}).
     */
    final long[] fittedMax;
    final long[] overflowMin;

    // scratch
    private final double[] prod;
    private final double[] ceilProd;
    private final long[] prFactor = new long[8];
    private final double[][] alloc;
    private boolean[][] irFrom = new boolean[0][];  // per operand: any ir loop at index >= i
    private long[] suffix = new long[0];
    private long[][] fitScratch = new long[0][];
    final long[][] sizesScratch;
    final int[] countScratch;
    private final int[] offsetScratch;
    private final int[] idxScratch;
    private final int[] choiceScratch;

    /**
     * @param trackDecisions whether to record how much of each ordering decided its allocation ({@link #decided};
     *                       the exact search's; it costs time and extra recorded fit tests, so LOMA's search does not)
     */
    FastAllocator(HierarchyView view, List<OperandInfo> operands, List<List<List<Loop>>> spatial, Map<String, Integer> dimIndex,
                  int partialPrecision, int outputPrecision, boolean precisionFromWholeList, boolean trackDecisions) {
        this.nOps = operands.size();
        this.nDims = dimIndex.size();
        this.partial = partialPrecision;
        this.finalPrecision = outputPrecision;
        this.wholeList = precisionFromWholeList;
        Map<MemoryOperand, Integer> operandOf = new HashMap<>();
        for (int o = 0; o < nOps; o++) {
            operandOf.put(operands.get(o).memoryOperand(), o);
        }
        List<int[]> nOpsList = new ArrayList<>();
        List<boolean[]> tops = new ArrayList<>();
        List<Long> caps = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Memory m : view.memoriesHolding(operands.stream().map(OperandInfo::memoryOperand).toList())) {
            int[] arr = view.operandsAt(m).stream().map(operandOf::get).filter(o -> o != null).mapToInt(Integer::intValue).toArray();
            boolean[] top = new boolean[arr.length];
            for (int x = 0; x < arr.length; x++) {
                List<Memory> chain = operands.get(arr[x]).chain();
                top[x] = chain.get(chain.size() - 1) == m;
            }
            nOpsList.add(arr);
            tops.add(top);
            caps.add(m.sizeBits());
            names.add(m.name());
        }
        nodeOps = nOpsList.toArray(new int[0][]);
        nodeTop = tops.toArray(new boolean[0][]);
        nodeCapacity = caps.stream().mapToLong(Long::longValue).toArray();
        nodeName = names.toArray(new String[0]);
        fittedMax = new long[nodeCapacity.length];
        overflowMin = new long[nodeCapacity.length];
        Arrays.fill(overflowMin, Long.MAX_VALUE);
        shapes = new TensorShape[nOps];
        cuts = new int[nOps][];
        for (int o = 0; o < nOps; o++) {
            shapes[o] = new TensorShape(operands.get(o), spatial.get(o), dimIndex);
            cuts[o] = new int[operands.get(o).levels()];
        }
        prod = new double[nDims];
        ceilProd = new double[nDims];
        decided = new DecidedPrefix(this, operands, trackDecisions);
        ceilings = new CutCeilings(shapes, nodeOps, nodeCapacity, partialPrecision, outputPrecision, nDims);
        sizesScratch = new long[nOps][];
        countScratch = new int[nOps];
        offsetScratch = new int[nOps];
        idxScratch = new int[nOps];
        choiceScratch = new int[nOps];
        alloc = new double[nOps][nDims];
    }

    /** Output precision when loops [from, n) remain unallocated: partial if any of them is a reduction loop. */
    private int precisionFor(int o, int from) {
        if (!shapes[o].output) {
            return shapes[o].precision;
        }
        return irFrom[o][from] ? partial : finalPrecision;
    }

    /** Allocates the ordering (dims[i], factors[i], innermost first); false when too small. Results in {@link #cuts}. */
    boolean allocate(int[] dims, long[] factors) {
        int n = dims.length;
        int[] start = new int[nOps];
        int[] lvl = new int[nOps];
        for (int o = 0; o < nOps; o++) {
            System.arraycopy(shapes[o].spatialBase, 0, alloc[o], 0, nDims);
            lvl[o] = 1;
        }
        prepare(dims, factors);
        decided.reset();
        for (int node = 0; node < nodeOps.length; node++) {
            int[] here = nodeOps[node];
            int k = here.length;
            long capacity = nodeCapacity[node];
            if (!candidates(node, start, dims, factors)) {
                return false;
            }
            decided.choice(node, start, n);
            int[] choice = choose(node, start);
            for (int x = 0; x < k; x++) {
                int o = here[x];
                int s0 = start[o];
                int e = s0 + choice[x];
                for (int i = s0; i < e; i++) {
                    alloc[o][dims[i]] = alloc[o][dims[i]] * factors[i];
                }
                cuts[o][lvl[o] - 1] = e;
                decided.cutSet(o, lvl[o] - 1);
                start[o] = e;
                if (lvl[o] < shapes[o].spatialDims.length) {
                    int[] sd = shapes[o].spatialDims[lvl[o]];
                    double[] ss = shapes[o].spatialSizes[lvl[o]];
                    for (int i = 0; i < sd.length; i++) {
                        alloc[o][sd[i]] = alloc[o][sd[i]] * ss[i];
                    }
                }
                if (nodeTop[node][x] && e < n) {
                    System.arraycopy(alloc[o], 0, prod, 0, nDims);
                    for (int i = e; i < n; i++) {
                        prod[dims[i]] = prod[dims[i]] * factors[i];
                    }
                    lastFailure = new AllocationFailure(nodeName[node], shapes[o].name,
                            shapes[o].elements(prod) * precisionFor(o, n), capacity, true);
                    return false;
                }
                lvl[o]++;
            }
        }
        return true;
    }

    /** Suffix products of the factors (refetch counts) and, per output operand, "a reduction loop remains". */
    private void prepare(int[] dims, long[] factors) {
        int n = dims.length;
        if (suffix.length != n + 1) {
            suffix = new long[n + 1];
            irFrom = new boolean[nOps][n + 1];
            fitScratch = new long[nOps][n + 1];
        }
        suffix[n] = 1;
        for (int i = n - 1; i >= 0; i--) {
            suffix[i] = suffix[i + 1] * factors[i];
        }
        for (int o = 0; o < nOps; o++) {
            if (shapes[o].output) {
                irFrom[o][n] = false;
                for (int i = n - 1; i >= 0; i--) {
                    irFrom[o][i] = irFrom[o][i + 1] || shapes[o].irMask[dims[i]];
                }
            }
        }
    }

    /**
     * For each operand at {@code node}: the sizes (bits) of the prefixes of its remaining loops that fit
     * ({@code sizesScratch}, {@code countScratch}, {@code offsetScratch}); false when not even the first fits.
     */
    private boolean candidates(int node, int[] start, int[] dims, long[] factors) {
        int[] here = nodeOps[node];
        int k = here.length;
        Arrays.fill(offsetScratch, 0, k, 0);
        for (int x = 0; x < k; x++) {
            int o = here[x];
            long[] fit = fitScratch[x];
            System.arraycopy(alloc[o], 0, prod, 0, nDims);
            if (nodeTop[node][x] && (!shapes[o].output || wholeList)) {
                if (!wholeRestFits(node, o, start[o], dims, factors, fit)) {
                    return false;
                }
                offsetScratch[x] = dims.length - start[o];
                sizesScratch[x] = fit;
                countScratch[x] = 1;
                continue;
            }
            int c = fittingPrefixes(node, o, start[o], dims, factors, fit);
            if (c < 0) {
                return false;
            }
            if (nodeTop[node][x]) {
                decided.top(node, start[o], c, dims.length, fit);
                offsetScratch[x] = c - 1;
                fit[0] = fit[c - 1];
                sizesScratch[x] = fit;
                countScratch[x] = 1;
            } else {
                sizesScratch[x] = fit;
                countScratch[x] = c;
            }
        }
        return true;
    }

    /**
     * Top level: all that remains must fit, else the ordering fails anyway. With a fixed precision the
     * tensor only grows with the prefix, so testing the whole rest decides it. Its size goes to
     * {@code fit[0]}; {@code prod} holds the allocated products.
     */
    private boolean wholeRestFits(int node, int o, int s0, int[] dims, long[] factors, long[] fit) {
        int n = dims.length;
        long capacity = nodeCapacity[node];
        long first = shapes[o].elements(prod) * precisionFor(o, s0);
        if (!fits(node, first)) {
            lastFailure = new AllocationFailure(nodeName[node], shapes[o].name, first, capacity, false);
            return false;
        }
        for (int i = s0; i < n; i++) {
            prod[dims[i]] = prod[dims[i]] * factors[i];
        }
        long all = shapes[o].elements(prod) * precisionFor(o, wholeList ? s0 : n);
        if (!fits(node, all)) {
            lastFailure = new AllocationFailure(nodeName[node], shapes[o].name, all, capacity, true);
            return false;
        }
        fit[0] = all;
        return true;
    }

    /**
     * The sizes (bits) of the growing prefixes of operand {@code o}'s remaining loops that fit, into
     * {@code fit}; returns their count, or −1 when not even the empty prefix fits. The tensor size is
     * updated incrementally: only the touched dim changes. {@code prod} holds the allocated products.
     */
    private int fittingPrefixes(int node, int o, int s0, int[] dims, long[] factors, long[] fit) {
        int n = dims.length;
        long capacity = nodeCapacity[node];
        TensorShape shape = shapes[o];
        int c = 0;
        long rPart = 1;
        for (int d : shape.rDims) {
            rPart *= (long) Math.ceil(prod[d]);
        }
        for (int d = 0; d < nDims; d++) {
            ceilProd[d] = Math.ceil(prod[d]);
        }
        int nRel = shape.relations();
        for (int r = 0; r < nRel; r++) {
            prFactor[r] = shape.prFactor(r, ceilProd);
        }
        for (int p = 0; p <= n - s0; p++) {
            if (p > 0) {
                int d = dims[s0 + p - 1];
                prod[d] = prod[d] * factors[s0 + p - 1];
                double ceilNew = Math.ceil(prod[d]);
                if (ceilNew != ceilProd[d]) {
                    if (shape.isR[d]) {
                        rPart = rPart / (long) ceilProd[d] * (long) ceilNew;
                    }
                    ceilProd[d] = ceilNew;
                    int r = shape.relOfDim[d];
                    if (r >= 0) {
                        prFactor[r] = shape.prFactor(r, ceilProd);
                    }
                }
            }
            long elems = rPart;
            for (int r = 0; r < nRel; r++) {
                elems *= prFactor[r];
            }
            int prec = precisionFor(o, wholeList ? s0 : s0 + p);
            long bits = elems * prec;
            if (fits(node, bits)) {
                fit[c++] = bits;
            } else {
                if (p == 0) {
                    lastFailure = new AllocationFailure(nodeName[node], shape.name, bits, capacity, false);
                    return -1;
                }
                break;
            }
        }
        return c;
    }

    /** {@code bits} ≤ the capacity of {@code node}; the comparison is recorded in {@link #fittedMax} / {@link #overflowMin}. */
    boolean fits(int node, long bits) {
        if (bits <= nodeCapacity[node]) {
            if (bits > fittedMax[node]) {
                fittedMax[node] = bits;
            }
            return true;
        }
        if (bits < overflowMin[node]) {
            overflowMin[node] = bits;
        }
        return false;
    }

    /** The combination of prefixes that fits {@code node} together with the fewest refetched bits (later wins ties). */
    private int[] choose(int node, int[] start) {
        int[] here = nodeOps[node];
        int k = here.length;
        long[][] sizes = sizesScratch;
        int[] count = countScratch;
        int[] offset = offsetScratch;
        int[] idx = idxScratch;
        int[] choice = choiceScratch;
        Arrays.fill(idx, 0, k, 0);
        Arrays.fill(choice, 0, k, 0);
        long best = Long.MAX_VALUE;
        // mixed radix, the last operand fastest; the last operand's loop is innermost and, when its
        // sizes can only grow (fixed precision), stops at the first candidate that overflows: the
        // skipped combinations do not fit, so the choice (later wins ties) is the same
        int last = k - 1;
        int lo = here[last];
        boolean lastGrows = !shapes[lo].output || wholeList;
        boolean lastTop = nodeTop[node][last];
        int lastStart = start[lo] + offset[last];
        long[] lastSizes = sizes[last];
        int lastCount = count[last];
        while (true) {
            long sum = 0;
            long accSum = 0;
            for (int x = 0; x < last; x++) {
                long sz = sizes[x][idx[x]];
                sum += sz;
                if (!nodeTop[node][x]) {
                    accSum += suffix[start[here[x]] + idx[x] + offset[x]] * sz;
                }
            }
            for (int j = 0; j < lastCount; j++) {
                long sz = lastSizes[j];
                if (!fits(node, sum + sz)) {
                    if (lastGrows) {
                        break;
                    }
                    continue;
                }
                long acc = accSum + (lastTop ? 0 : suffix[lastStart + j] * sz);
                if (acc <= best) {
                    best = acc;
                    for (int x = 0; x < last; x++) {
                        choice[x] = idx[x] + offset[x];
                    }
                    choice[last] = j + offset[last];
                }
            }
            int d = last - 1;
            while (d >= 0 && ++idx[d] == count[d]) {
                idx[d] = 0;
                d--;
            }
            if (d < 0) {
                break;
            }
        }
        return choice;
    }
}
