package io.defines.core.cost;

import static io.defines.core.cost.Directions.RD_OUT_TO_HIGH;
import static io.defines.core.cost.Directions.RD_OUT_TO_LOW;
import static io.defines.core.cost.Directions.WR_IN_BY_HIGH;
import static io.defines.core.cost.Directions.WR_IN_BY_LOW;

import io.defines.core.compat.Quirk;
import io.defines.core.hardware.DataDirection;
import io.defines.core.hardware.HierarchyView;
import io.defines.core.hardware.Memory;
import io.defines.core.hardware.MemoryOperand;
import io.defines.core.hardware.Port;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The latency of one temporal mapping (docs/single-layer-model.md, step 5), in four steps: double-buffer
 * flags from the fractional utilisations; allowed and real cycles per link (integer twin); the stall
 * or slack of each physical port with the union of the allowed windows; on- and off-loading.
 */
final class LatencyEvaluation {

    private LatencyEvaluation() {
    }

    /**
     * The latency parts, in cycles; {@code offChipLoading} and {@code offChipOffloading} are the parts of
     * on- and off-loading owed to transfers from and to the off-chip memory (the top of the accelerator's
     * output chain): on-loading minus the on-loading with those transfers free, and the off-loading
     * term of the pair whose upper level is the off-chip memory.
     */
    record Latency(long idealCycle, long temporalCycles, long ssComb, long loading, long offloading, long offChipLoading,
                   long offChipOffloading) {
    }

    /** Per operand, per memory level, per direction: the cycles a transfer may take and the cycles it takes. */
    private record LinkCycles(long[][][] allowed, long[][][] real) {
        long activeReal(MappingQuantities qi, int o, int m, int d) {
            return qi.count[o][m][d] != 0 ? real[o][m][d] : 0;
        }
    }

    static Latency latency(PreparedProblem p, TemporalMapping tmap, MappingQuantities qf, MappingQuantities qi) {
        LinkCycles links = linkCycles(p, qi, doubleBuffered(p, qf));
        long total = tmap.totalCycles();
        long ssComb = stallsAndSlack(p, qi, links, total);
        Memory offChip = p.view().accelerator().offChipMemory();
        long load = onloading(p, qi, links, null);
        long onChipLoad = onloading(p, qi, links, offChip);
        long offload = offloading(p, qi, links);
        long ideal = (long) Math.ceil((double) p.macs() / p.macUnits());
        return new Latency(ideal, total, ssComb, load, offload, load - onChipLoad, offChipOffloading(p, qi, links, offChip));
    }

    /** The off-loading term of the output's top pair when its upper level is the off-chip memory (as {@link #offloading} counts it). */
    private static long offChipOffloading(PreparedProblem p, MappingQuantities qi, LinkCycles links, Memory offChip) {
        int oIdx = p.outputIndex();
        OperandInfo out = p.operands().get(oIdx);
        int nO = out.levels();
        return nO >= 2 && out.chain().get(nO - 1) == offChip ? pairOffloading(qi, links, oIdx, nO - 2) : 0;
    }

    /** The time to move the output from level {@code m} up into level {@code m + 1}: the slower of the two sides. */
    private static long pairOffloading(MappingQuantities qi, LinkCycles links, int oIdx, int m) {
        return Math.max(links.activeReal(qi, oIdx, m, RD_OUT_TO_HIGH), links.activeReal(qi, oIdx, m + 1, WR_IN_BY_LOW));
    }

    /** Step 1: double-buffer flags per operand and arch level from the fractional utilisations. */
    private static boolean[][] doubleBuffered(PreparedProblem p, MappingQuantities qf) {
        List<OperandInfo> ops = p.operands();
        int nOps = ops.size();
        double[][] ind = new double[nOps][];
        double[][] sh = new double[nOps][];
        for (int o = 0; o < nOps; o++) {
            int n = ops.get(o).levels();
            ind[o] = new double[n];
            sh[o] = new double[n];
            for (int m = 0; m < n; m++) {
                ind[o][m] = (double) qf.effb[o][m + 1] / ops.get(o).chain().get(m).sizeBits();
                sh[o][m] = ind[o][m];
            }
        }
        List<Map<MemoryOperand, Integer>> groups = p.view().sharingGroups();
        for (Map<MemoryOperand, Integer> g : groups) {
            double sum = 0;
            for (var e : g.entrySet()) {
                Integer o = p.operandIndex(e.getKey());
                if (o != null) {
                    sum += ind[o][e.getValue()];
                }
            }
            for (var e : g.entrySet()) {
                Integer o = p.operandIndex(e.getKey());
                if (o != null) {
                    sh[o][e.getValue()] = sum;
                }
            }
        }
        boolean[][] db = new boolean[nOps][];
        for (int o = 0; o < nOps; o++) {
            int n = ops.get(o).levels();
            db[o] = new boolean[n + 1];
            for (int m = 0; m < n; m++) {
                if (sh[o][m] <= 0.5) {
                    db[o][m + 1] = true;
                } else if (ind[o][m] <= 1 - sh[o][m]) {
                    db[o][m + 1] = true;
                    addToSharers(p, groups, ops.get(o).memoryOperand(), m, ind[o][m], sh);
                }
            }
        }
        return db;
    }

    /** A level that double-buffers takes {@code share} of its memory from every operand sharing it. */
    private static void addToSharers(PreparedProblem p, List<Map<MemoryOperand, Integer>> groups, MemoryOperand mo, int m,
                                     double share, double[][] sh) {
        for (Map<MemoryOperand, Integer> g : groups) {
            if (g.get(mo) != null && g.get(mo) == m) {
                for (var e : g.entrySet()) {
                    Integer o2 = p.operandIndex(e.getKey());
                    if (o2 != null) {
                        sh[o2][e.getValue()] += share;
                    }
                }
            }
        }
    }

    /** Step 2: allowed and real cycles per link (integer twin). */
    private static LinkCycles linkCycles(PreparedProblem p, MappingQuantities qi, boolean[][] db) {
        List<OperandInfo> ops = p.operands();
        int nOps = ops.size();
        long[][][] allowed = new long[nOps][][];
        long[][][] real = new long[nOps][][];
        for (int o = 0; o < nOps; o++) {
            int n = ops.get(o).levels();
            allowed[o] = new long[n][4];
            real[o] = new long[n][4];
            for (int m = 0; m < n; m++) {
                Memory mem = ops.get(o).chain().get(m);
                for (int d = 0; d < 4; d++) {
                    boolean flag = Directions.isLowSide(d) ? db[o][m] : db[o][m + 1];
                    allowed[o][m][d] = flag ? qi.period[o][m][d] : qi.window[o][m][d];
                    double bw = Directions.isWrite(d) ? mem.writeBandwidthBits() : mem.readBandwidthBits();
                    real[o][m][d] = (long) Math.ceil(((double) qi.amount[o][m][d] * qi.prec[o][m][d]) / bw);
                }
            }
        }
        return new LinkCycles(allowed, real);
    }

    /** Step 3: the largest stall/slack over the physical ports. */
    private static long stallsAndSlack(PreparedProblem p, MappingQuantities qi, LinkCycles links, long total) {
        HierarchyView view = p.view();
        long ssComb = 0;
        for (Memory mem : view.memories()) {
            for (Port port : mem.ports()) {
                List<long[]> acts = new ArrayList<>(); // {real, allowed, period, count}
                for (HierarchyView.Served s : view.served(mem, port)) {
                    Integer o = p.operandIndex(s.operand());
                    if (o == null) {
                        continue;
                    }
                    int d = Directions.of(s.direction());
                    long cnt = qi.count[o][s.level()][d];
                    if (cnt != 0) {
                        acts.add(new long[] {links.real()[o][s.level()][d], links.allowed()[o][s.level()][d],
                            qi.period[o][s.level()][d], cnt});
                    }
                }
                if (!acts.isEmpty()) {
                    ssComb = Math.max(ssComb, portStall(acts, total));
                }
            }
        }
        return ssComb;
    }

    /** Stall (> 0) or slack of one port serving {@code acts} ({real, allowed, period, count} each). */
    private static long portStall(List<long[]> acts, long total) {
        if (acts.size() == 1) {
            long[] a = acts.get(0);
            return (a[0] - a[1]) * (a[3] - 1);
        }
        long pos = 0;
        long neg = 0;
        long muw = 0;
        for (long[] a : acts) {
            long ss = (a[0] - a[1]) * (a[3] - 1);
            if (ss > 0) {
                pos += ss;
            } else {
                neg += ss;
            }
            muw += a[1] * (a[3] - 1);
        }
        return pos + Math.max(0, neg + muw - muwUnion(acts, total));
    }

    /** Step 4a: on-loading of the inputs; with {@code free} non-null, transfers to or from that memory take no time. */
    private static long onloading(PreparedProblem p, MappingQuantities qi, LinkCycles links, Memory free) {
        List<OperandInfo> ops = p.operands();
        List<long[]> parts = new ArrayList<>(); // per input operand: {shared, half, indiv}
        for (int o = 0; o < ops.size(); o++) {
            OperandInfo op = ops.get(o);
            if (op.output()) {
                continue;
            }
            long shared = 0;
            long half = 0;
            long indiv = 0;
            for (int m = 0; m + 1 < op.levels(); m++) {
                long x = op.chain().get(m + 1) == free ? 0
                        : Math.max(links.activeReal(qi, o, m, WR_IN_BY_HIGH), links.activeReal(qi, o, m + 1, RD_OUT_TO_LOW));
                boolean s1 = portShared(p.view(), op.chain().get(m), op.memoryOperand(), DataDirection.FROM_HIGH);
                boolean s2 = portShared(p.view(), op.chain().get(m + 1), op.memoryOperand(), DataDirection.TO_LOW);
                if (!s1 && !s2) {
                    indiv += x;
                } else if (s1 && s2) {
                    shared += x;
                } else if (p.flags().has(Quirk.ONLOADING_HALF_SHARED_ASSIGNED)) {
                    half = x;
                } else {
                    half += x;
                }
            }
            parts.add(new long[] {shared, half, indiv});
        }
        if (parts.size() == 1) {
            long[] a = parts.get(0);
            return p.flags().has(Quirk.ONLOADING_SINGLE_INPUT_INDIVIDUAL_ONLY) ? a[2] : a[0] + a[1] + a[2];
        } else if (parts.size() >= 2) {
            long[] a = parts.get(0);
            long[] b = parts.get(1);
            return Math.min(a[0] + Math.max(b[0] + b[1] + b[2], a[1] + a[2]), b[0] + Math.max(a[0] + a[1] + a[2], b[1] + b[2]));
        }
        return 0;
    }

    /** Step 4b: off-loading of the output. */
    private static long offloading(PreparedProblem p, MappingQuantities qi, LinkCycles links) {
        long offload = 0;
        int oIdx = p.outputIndex();
        OperandInfo out = p.operands().get(oIdx);
        int nO = out.levels();
        if (nO >= 2) {
            for (int m = nO - 2; m >= 0; m--) {
                long x = pairOffloading(qi, links, oIdx, m);
                if (m == nO - 2) {
                    offload += x;
                } else if (!p.flags().has(Quirk.OFFLOADING_SHARING_NEVER_DETECTED) && pairsSharePort(out, m)) {
                    offload += x;
                } else {
                    offload += out.chain().get(m + 1).latencyCycles();
                }
            }
        }
        return offload;
    }

    /** Whether the port carrying {@code op} in {@code dir} at {@code memory} also serves both I1 and I2. */
    private static boolean portShared(HierarchyView view, Memory memory, MemoryOperand op, DataDirection dir) {
        MemoryOperand source = view.i2AliasesI1() && op == MemoryOperand.I2 ? MemoryOperand.I1 : op;
        for (Port port : memory.ports()) {
            if (port.serves(source, dir)) {
                boolean i1 = false;
                boolean i2 = false;
                for (HierarchyView.Served s : view.served(memory, port)) {
                    i1 |= s.operand() == MemoryOperand.I1;
                    i2 |= s.operand() == MemoryOperand.I2;
                }
                return i1 && i2;
            }
        }
        return false;
    }

    /** The intended off-loading test: the pair (m, m+1) uses a port of the pair above (m+1, m+2). */
    private static boolean pairsSharePort(OperandInfo out, int m) {
        Memory mid = out.chain().get(m + 1);
        Port up = mid.port(out.memoryOperand(), DataDirection.TO_HIGH).orElse(null);
        Port down = mid.port(out.memoryOperand(), DataDirection.FROM_LOW).orElse(null);
        return up != null && up == down;
    }

    /** The union of the allowed windows (MUW) of all activities of a port, in signed 64-bit arithmetic (docs/deviations.md). */
    static long muwUnion(List<long[]> acts, long total) {
        for (long[] a : acts) {
            if (a[1] == a[2]) {
                return a[2] * a[3];
            }
        }
        long pMax = 0;
        for (long[] a : acts) {
            pMax = Math.max(pMax, a[2]);
        }
        // union of [k·P, k·P + allowed) over all activities on [0, pMax), by sweeping intervals
        List<long[]> intervals = new ArrayList<>();
        for (long[] a : acts) {
            long per = a[2];
            long allowed = Math.min(a[1], per);
            if (allowed <= 0) {
                continue;
            }
            for (long start = 0; start < pMax; start += per) {
                intervals.add(new long[] {start, Math.min(pMax, start + allowed)});
            }
        }
        intervals.sort((x, y) -> Long.compare(x[0], y[0]));
        long marked = 0;
        long curStart = -1;
        long curEnd = -1;
        for (long[] iv : intervals) {
            if (iv[0] > curEnd) {
                marked += curEnd - curStart;
                curStart = iv[0];
                curEnd = iv[1];
            } else {
                curEnd = Math.max(curEnd, iv[1]);
            }
        }
        marked += curEnd - curStart;
        return marked * (total / pMax);
    }
}
