package io.defines.core.cost;

import io.defines.core.hardware.HierarchyView;
import io.defines.core.hardware.Memory;
import io.defines.core.hardware.MemoryOperand;
import io.defines.core.workload.DimRelation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link MemoryAllocator} on primitive arrays, for the search's inner loop: the same decisions
 * (§8.2.4 with §14 C4: per-dimension products folded in list order in doubles), but loops are
 * (dimension index, factor) pairs, every operand's allocation is a list of cut points into the one
 * ordering, and nothing is allocated per candidate. {@link MemoryAllocator} stays the readable
 * reference; a test checks that both agree on every ordering of the golden rows.
 */
final class FastAllocator {

    private final int nOps;
    private final int nDims;
    private final int[][] nodeOps;        // per visited memory: operand indices in allocation order
    private final boolean[][] nodeTop;    // per visited memory and listed operand: is it the operand's top
    private final long[] nodeCapacity;
    private final String[] nodeName;
    private final double[][] spatialBase; // per operand: dim products of S[op][0]
    private final int[][][] spatialDims;  // per operand, per level a: dims of S[op][a]
    private final double[][][] spatialSizes;
    private final int[][] rDims;          // per operand: relevant dims
    private final int[][] prFirst;
    private final int[][] prSecond;
    private final DimRelation[][] prRel;
    private final double[][] prA;
    private final double[][] prB;
    private final double[][] prCap;
    private final boolean[][] irMask;     // per operand: ir (non-reform) mask, for the output precision rule
    private final boolean[][] isR;        // per operand, per dim: a relevant (r) dim
    private final int[][] relOfDim;       // per operand, per dim: index of the pr relation using it, or -1
    private final boolean[] isOutput;
    private final int[] precision;
    private final int partial;
    private final int finalPrecision;
    private final boolean wholeList;
    private final OperandInfo[] ops;

    /** Cut points of the last successful allocation: cuts[o][l] = end index (exclusive) of level l's loops. */
    final int[][] cuts;
    MemoryAllocator.Failure lastFailure;

    // scratch
    private final double[] prod;
    private final double[] ceilProd;
    private final long[] prFactor = new long[8];
    private final double[][] alloc;
    private boolean[][] irFrom = new boolean[0][];  // per operand: any ir loop at index >= i
    private long[] suffix = new long[0];
    private long[][] fitScratch = new long[0][];
    private final long[][] sizesScratch;
    private final int[] countScratch;
    private final int[] offsetScratch;
    private final int[] idxScratch;
    private final int[] choiceScratch;

    FastAllocator(HierarchyView view, List<OperandInfo> operands, List<List<List<Loop>>> spatial, Map<String, Integer> dimIndex,
                  int partialPrecision, int outputPrecision, boolean precisionFromWholeList) {
        this.nOps = operands.size();
        this.nDims = dimIndex.size();
        this.ops = operands.toArray(new OperandInfo[0]);
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
        for (Memory m : view.memories()) {
            List<Integer> here = new ArrayList<>();
            for (MemoryOperand mo : view.operandsAt(m)) {
                Integer o = operandOf.get(mo);
                if (o != null) {
                    here.add(o);
                }
            }
            if (here.isEmpty()) {
                continue;
            }
            int[] arr = here.stream().mapToInt(Integer::intValue).toArray();
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
        spatialBase = new double[nOps][];
        spatialDims = new int[nOps][][];
        spatialSizes = new double[nOps][][];
        rDims = new int[nOps][];
        prFirst = new int[nOps][];
        prSecond = new int[nOps][];
        prRel = new DimRelation[nOps][];
        prA = new double[nOps][];
        prB = new double[nOps][];
        prCap = new double[nOps][];
        irMask = new boolean[nOps][nDims];
        isR = new boolean[nOps][nDims];
        relOfDim = new int[nOps][nDims];
        isOutput = new boolean[nOps];
        precision = new int[nOps];
        for (int o = 0; o < nOps; o++) {
            OperandInfo op = operands.get(o);
            List<List<Loop>> s = spatial.get(o);
            spatialDims[o] = new int[s.size()][];
            spatialSizes[o] = new double[s.size()][];
            for (int a = 0; a < s.size(); a++) {
                spatialDims[o][a] = s.get(a).stream().mapToInt(l -> dimIndex.get(l.dim())).toArray();
                spatialSizes[o][a] = s.get(a).stream().mapToDouble(Loop::size).toArray();
            }
            spatialBase[o] = new double[nDims];
            java.util.Arrays.fill(spatialBase[o], 1.0);
            for (int i = 0; i < spatialDims[o][0].length; i++) {
                spatialBase[o][spatialDims[o][0][i]] *= spatialSizes[o][0][i];
            }
            rDims[o] = op.r().stream().filter(dimIndex::containsKey).mapToInt(dimIndex::get).toArray();
            int np = op.pr().size();
            prFirst[o] = new int[np];
            prSecond[o] = new int[np];
            prRel[o] = new DimRelation[np];
            prA[o] = new double[np];
            prB[o] = new double[np];
            prCap[o] = new double[np];
            int k = 0;
            for (DimRelation rel : op.pr().values()) {
                prFirst[o][k] = dimIndex.getOrDefault(rel.firstDim(), -1);
                prSecond[o][k] = dimIndex.getOrDefault(rel.secondDim(), -1);
                prRel[o][k] = rel;
                prA[o][k] = rel.reducedFirst();
                prB[o][k] = rel.reducedSecond();
                prCap[o][k] = op.cap(rel.tensorDim());
                k++;
            }
            for (String d : op.ir()) {
                Integer i = dimIndex.get(d);
                if (i != null) {
                    irMask[o][i] = true;
                }
            }
            java.util.Arrays.fill(relOfDim[o], -1);
            for (int d : rDims[o]) {
                isR[o][d] = true;
            }
            for (int kk = 0; kk < np; kk++) {
                if (prFirst[o][kk] >= 0) {
                    relOfDim[o][prFirst[o][kk]] = kk;
                }
                if (prSecond[o][kk] >= 0) {
                    relOfDim[o][prSecond[o][kk]] = kk;
                }
            }
            isOutput[o] = op.output();
            precision[o] = op.precision();
        }
        cuts = new int[nOps][];
        for (int o = 0; o < nOps; o++) {
            cuts[o] = new int[operands.get(o).levels()];
        }
        prod = new double[nDims];
        ceilProd = new double[nDims];
        sizesScratch = new long[nOps][];
        countScratch = new int[nOps];
        offsetScratch = new int[nOps];
        idxScratch = new int[nOps];
        choiceScratch = new int[nOps];
        alloc = new double[nOps][nDims];
    }

    private long elements(int o, double[] p) {
        long n = 1;
        for (int d : rDims[o]) {
            n *= (long) Math.ceil(p[d]);
        }
        for (int k = 0; k < prRel[o].length; k++) {
            double a = prFirst[o][k] < 0 ? 1 : Math.ceil(p[prFirst[o][k]]);
            double b = prSecond[o][k] < 0 ? 1 : Math.ceil(p[prSecond[o][k]]);
            n *= (long) Math.min(DimRelation.extent(a, b, prA[o][k], prB[o][k]), prCap[o][k]);
        }
        return n;
    }

    /** Output precision when loops [from, n) remain unallocated: partial if any of them is a reduction loop. */
    private long prFactorOf(int o, int r) {
        double a = prFirst[o][r] < 0 ? 1 : ceilProd[prFirst[o][r]];
        double b = prSecond[o][r] < 0 ? 1 : ceilProd[prSecond[o][r]];
        return (long) Math.min(DimRelation.extent(a, b, prA[o][r], prB[o][r]), prCap[o][r]);
    }

    private int precisionFor(int o, int from) {
        if (!isOutput[o]) {
            return precision[o];
        }
        return irFrom[o][from] ? partial : finalPrecision;
    }

    /** Allocates the ordering (dims[i], factors[i], innermost first); false when too small. Results in {@link #cuts}. */
    boolean allocate(int[] dims, long[] factors) {
        int n = dims.length;
        int[] start = new int[nOps];
        int[] lvl = new int[nOps];
        for (int o = 0; o < nOps; o++) {
            System.arraycopy(spatialBase[o], 0, alloc[o], 0, nDims);
            lvl[o] = 1;
        }
        if (suffix.length != n + 1) {
            suffix = new long[n + 1];
            irFrom = new boolean[nOps][n + 1];
            fitScratch = new long[nOps][n + 1];
        }
        // suffix products of the factors (refetch counts) and, per operand, "a reduction loop remains"
        suffix[n] = 1;
        for (int i = n - 1; i >= 0; i--) {
            suffix[i] = suffix[i + 1] * factors[i];
        }
        for (int o = 0; o < nOps; o++) {
            if (isOutput[o]) {
                irFrom[o][n] = false;
                for (int i = n - 1; i >= 0; i--) {
                    irFrom[o][i] = irFrom[o][i + 1] || irMask[o][dims[i]];
                }
            }
        }
        for (int node = 0; node < nodeOps.length; node++) {
            int[] here = nodeOps[node];
            int k = here.length;
            long capacity = nodeCapacity[node];
            if (!candidates(node, start, dims, factors)) {
                return false;
            }
            int[] choice = choose(node, start);
            for (int x = 0; x < k; x++) {
                int o = here[x];
                int s0 = start[o];
                int e = s0 + choice[x];
                for (int i = s0; i < e; i++) {
                    alloc[o][dims[i]] = alloc[o][dims[i]] * factors[i];
                }
                cuts[o][lvl[o] - 1] = e;
                start[o] = e;
                if (lvl[o] < spatialDims[o].length) {
                    int[] sd = spatialDims[o][lvl[o]];
                    double[] ss = spatialSizes[o][lvl[o]];
                    for (int i = 0; i < sd.length; i++) {
                        alloc[o][sd[i]] = alloc[o][sd[i]] * ss[i];
                    }
                }
                if (nodeTop[node][x] && e < n) {
                    System.arraycopy(alloc[o], 0, prod, 0, nDims);
                    for (int i = e; i < n; i++) {
                        prod[dims[i]] = prod[dims[i]] * factors[i];
                    }
                    lastFailure = new MemoryAllocator.Failure(nodeName[node], ops[o].name(),
                            elements(o, prod) * precisionFor(o, n), capacity, true);
                    return false;
                }
                lvl[o]++;
            }
        }
        return true;
    }
    /**
     * For each operand at {@code node}: the sizes (bits) of the prefixes of its remaining loops that fit
     * ({@code sizesScratch}, {@code countScratch}, {@code offsetScratch}); false when not even the first fits.
     */
    private boolean candidates(int node, int[] start, int[] dims, long[] factors) {
        int n = dims.length;
        int[] here = nodeOps[node];
        int k = here.length;
        long capacity = nodeCapacity[node];
        long[][] sizes = sizesScratch;
        int[] count = countScratch;
        int[] offset = offsetScratch;
        java.util.Arrays.fill(offset, 0, k, 0);
        for (int x = 0; x < k; x++) {
            int o = here[x];
            int s0 = start[o];
            long[] fit = fitScratch[x];
            int c = 0;
            System.arraycopy(alloc[o], 0, prod, 0, nDims);
            if (nodeTop[node][x] && (!isOutput[o] || wholeList)) {
                // Top level: all that remains must fit, else the ordering fails anyway. With a fixed
                // precision the tensor only grows with the prefix, so testing the whole rest decides it.
                long first = elements(o, prod) * precisionFor(o, s0);
                if (first > capacity) {
                    lastFailure = new MemoryAllocator.Failure(nodeName[node], ops[o].name(), first, capacity, false);
                    return false;
                }
                for (int i = s0; i < n; i++) {
                    prod[dims[i]] = prod[dims[i]] * factors[i];
                }
                long all = elements(o, prod) * precisionFor(o, wholeList ? s0 : n);
                if (all > capacity) {
                    lastFailure = new MemoryAllocator.Failure(nodeName[node], ops[o].name(), all, capacity, true);
                    return false;
                }
                fit[0] = all;
                offset[x] = n - s0;
                sizes[x] = fit;
                count[x] = 1;
                continue;
            }
            // tensor size of the growing prefix, updated incrementally: only the touched dim changes
            long rPart = 1;
            for (int d : rDims[o]) {
                rPart *= (long) Math.ceil(prod[d]);
            }
            for (int d = 0; d < nDims; d++) {
                ceilProd[d] = Math.ceil(prod[d]);
            }
            int nRel = prRel[o].length;
            for (int r = 0; r < nRel; r++) {
                prFactor[r] = prFactorOf(o, r);
            }
            for (int p = 0; p <= n - s0; p++) {
                if (p > 0) {
                    int d = dims[s0 + p - 1];
                    prod[d] = prod[d] * factors[s0 + p - 1];
                    double ceilNew = Math.ceil(prod[d]);
                    if (ceilNew != ceilProd[d]) {
                        if (isR[o][d]) {
                            rPart = rPart / (long) ceilProd[d] * (long) ceilNew;
                        }
                        ceilProd[d] = ceilNew;
                        int r = relOfDim[o][d];
                        if (r >= 0) {
                            prFactor[r] = prFactorOf(o, r);
                        }
                    }
                }
                long elems = rPart;
                for (int r = 0; r < nRel; r++) {
                    elems *= prFactor[r];
                }
                int prec = precisionFor(o, wholeList ? s0 : s0 + p);
                long bits = elems * prec;
                if (bits <= capacity) {
                    fit[c++] = bits;
                } else {
                    if (p == 0) {
                        lastFailure = new MemoryAllocator.Failure(nodeName[node], ops[o].name(), bits, capacity, false);
                        return false;
                    }
                    break;
                }
            }
            if (nodeTop[node][x]) {
                offset[x] = c - 1;
                fit[0] = fit[c - 1];
                sizes[x] = fit;
                count[x] = 1;
            } else {
                sizes[x] = fit;
                count[x] = c;
            }
        }
        return true;
    }

    /** The combination of prefixes that fits {@code node} together with the fewest refetched bits (later wins ties). */
    private int[] choose(int node, int[] start) {
        int[] here = nodeOps[node];
        int k = here.length;
        long capacity = nodeCapacity[node];
        long[][] sizes = sizesScratch;
        int[] count = countScratch;
        int[] offset = offsetScratch;
        int[] idx = idxScratch;
        int[] choice = choiceScratch;
        java.util.Arrays.fill(idx, 0, k, 0);
        java.util.Arrays.fill(choice, 0, k, 0);
        long best = Long.MAX_VALUE;
        // mixed radix, the last operand fastest; the last operand's loop is innermost and, when its
        // sizes can only grow (fixed precision), stops at the first candidate that overflows: the
        // skipped combinations do not fit, so the choice (later wins ties) is the same
        int last = k - 1;
        int lo = here[last];
        boolean lastGrows = !isOutput[lo] || wholeList;
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
                if (sum + sz > capacity) {
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
