package io.defines.core.cost;

import io.defines.core.compat.Quirk;
import static io.defines.core.cost.Directions.RD_OUT_TO_HIGH;
import static io.defines.core.cost.Directions.RD_OUT_TO_LOW;
import static io.defines.core.cost.Directions.WR_IN_BY_HIGH;
import static io.defines.core.cost.Directions.WR_IN_BY_LOW;

import io.defines.core.hardware.AccessCost;
import io.defines.core.hardware.DataDirection;
import io.defines.core.hardware.HierarchyView;
import io.defines.core.hardware.Memory;
import io.defines.core.hardware.MemoryOperand;
import io.defines.core.hardware.Port;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Energy (§8.5) and latency (§8.6) of one temporal mapping of a prepared problem. */
final class CostEvaluation {

    private CostEvaluation() {
    }

    /** Energy per operand and level (§14 C3 grouping), word accesses, and the total. */
    record Energy(double total, double mac, double memory, double[][] perLevel, double[][][] words, double[][][] perDirection) {
    }

    static Energy energy(PreparedProblem p, MappingQuantities q) {
        List<OperandInfo> ops = p.operands();
        SpatialMapping.Twin f = p.spatial().fractional;
        double mem = 0;
        double[][] perLevel = new double[ops.size()][];
        double[][][] words = new double[ops.size()][][];
        double[][][] perDirection = new double[ops.size()][][];
        for (int o = 0; o < ops.size(); o++) {
            OperandInfo op = ops.get(o);
            int n = op.levels();
            perLevel[o] = new double[n];
            words[o] = new double[n][4];
            perDirection[o] = new double[n][4];
            for (int m = 0; m < n; m++) {
                Memory mem0 = op.chain().get(m);
                Memory below = m > 0 ? op.chain().get(m - 1) : null;
                long units = f.unitCount()[o][m + 1];
                for (int d = 0; d < 4; d++) {
                    boolean write = Directions.isWrite(d);
                    double bwMax = AccessCost.widthBits(mem0, write);
                    double bwMin = AccessCost.granularityBits(mem0, write);
                    long e = q.amount[o][m][d];
                    int prec = q.prec[o][m][d];
                    long cnt = q.count[o][m][d];
                    double w;
                    if (Directions.isLowSide(d)) {
                        if (e == 0 || prec == 0) {
                            w = 0;
                        } else {
                            double epc;
                            double cycles;
                            if (m > 0) {
                                double otherBw = write ? below.readBandwidthBits() : below.writeBandwidthBits();
                                double other = otherBw * (f.unitUnique()[o][m] / f.unitUnique()[o][m + 1]);
                                epc = Math.min(Math.min(other / prec, bwMax / prec), e);
                                cycles = Math.ceil(e / epc);
                            } else {
                                epc = e;
                                cycles = 1;
                            }
                            w = AccessCost.words(epc * prec, bwMin, bwMax) * cnt * cycles * units;
                        }
                    } else {
                        w = e == 0 ? 0 : AccessCost.words((double) e * prec, bwMin, bwMax) * cnt * units;
                    }
                    words[o][m][d] = w;
                }
                double r = mem0.readEnergyPj();
                double wc = mem0.writeEnergyPj();
                double lvl = AccessCost.levelEnergyPj(r, wc, words[o][m][RD_OUT_TO_HIGH], words[o][m][RD_OUT_TO_LOW],
                        words[o][m][WR_IN_BY_HIGH], words[o][m][WR_IN_BY_LOW]);
                perLevel[o][m] = lvl;
                for (int d = 0; d < 4; d++) {
                    perDirection[o][m][d] = (Directions.isWrite(d) ? wc : r) * words[o][m][d];
                }
                mem = mem + lvl;
            }
        }
        double mac = p.macEnergyPj() * p.macs();
        return new Energy(mem + mac, mac, mem, perLevel, words, perDirection);
    }

    /** The latency parts of §8.6. */
    record Latency(long idealCycle, long temporalCycles, long ssComb, long loading, long offloading) {
        long total0() {
            return temporalCycles + ssComb;
        }

        long total1() {
            return total0() + loading;
        }

        long total2() {
            return total1() + offloading;
        }
    }

    static Latency latency(PreparedProblem p, TemporalMapping tmap, MappingQuantities qf, MappingQuantities qi) {
        List<OperandInfo> ops = p.operands();
        HierarchyView view = p.view();
        int nOps = ops.size();
        // step 1: double-buffer flags from the fractional utilisations (§14 C1)
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
        List<Map<MemoryOperand, Integer>> groups = view.sharingGroups();
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
                    MemoryOperand mo = ops.get(o).memoryOperand();
                    for (Map<MemoryOperand, Integer> g : groups) {
                        if (g.get(mo) != null && g.get(mo) == m) {
                            for (var e : g.entrySet()) {
                                Integer o2 = p.operandIndex(e.getKey());
                                if (o2 != null) {
                                    sh[o2][e.getValue()] += ind[o][m];
                                }
                            }
                        }
                    }
                }
            }
        }
        // step 2: allowed and real cycles per link (integer twin)
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
        // step 3: stall/slack per physical port
        long total = tmap.totalCycles();
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
                        acts.add(new long[] {real[o][s.level()][d], allowed[o][s.level()][d], qi.period[o][s.level()][d], cnt});
                    }
                }
                if (acts.isEmpty()) {
                    continue;
                }
                long ssPort;
                if (acts.size() == 1) {
                    long[] a = acts.get(0);
                    ssPort = (a[0] - a[1]) * (a[3] - 1);
                } else {
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
                    ssPort = pos + Math.max(0, neg + muw - muwUnion(acts, total));
                }
                ssComb = Math.max(ssComb, ssPort);
            }
        }
        // step 4: on-loading (inputs) and off-loading (output)
        double indiv1 = 0;
        long load = 0;
        List<long[]> parts = new ArrayList<>(); // per input operand: {shared, half, indiv}
        for (int o = 0; o < nOps; o++) {
            OperandInfo op = ops.get(o);
            if (op.output()) {
                continue;
            }
            long shared = 0;
            long half = 0;
            long indiv = 0;
            for (int m = 0; m + 1 < op.levels(); m++) {
                long x = Math.max(activeReal(qi, real, o, m, WR_IN_BY_HIGH), activeReal(qi, real, o, m + 1, RD_OUT_TO_LOW));
                boolean s1 = portShared(view, op.chain().get(m), op.memoryOperand(), DataDirection.FROM_HIGH);
                boolean s2 = portShared(view, op.chain().get(m + 1), op.memoryOperand(), DataDirection.TO_LOW);
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
            load = p.flags().has(Quirk.ONLOADING_SINGLE_INPUT_INDIVIDUAL_ONLY) ? a[2] : a[0] + a[1] + a[2];
        } else if (parts.size() >= 2) {
            long[] a = parts.get(0);
            long[] b = parts.get(1);
            load = Math.min(a[0] + Math.max(b[0] + b[1] + b[2], a[1] + a[2]), b[0] + Math.max(a[0] + a[1] + a[2], b[1] + b[2]));
        }
        long offload = 0;
        int oIdx = p.outputIndex();
        OperandInfo out = ops.get(oIdx);
        int nO = out.levels();
        if (nO >= 2) {
            for (int m = nO - 2; m >= 0; m--) {
                long x = Math.max(activeReal(qi, real, oIdx, m, RD_OUT_TO_HIGH), activeReal(qi, real, oIdx, m + 1, WR_IN_BY_LOW));
                if (m == nO - 2) {
                    offload += x;
                } else if (!p.flags().has(Quirk.OFFLOADING_SHARING_NEVER_DETECTED) && pairsSharePort(out, m)) {
                    offload += x;
                } else {
                    offload += out.chain().get(m + 1).latencyCycles();
                }
            }
        }
        long ideal = (long) Math.ceil((double) p.macs() / p.macUnits());
        return new Latency(ideal, total, ssComb, load, offload);
    }

    private static long activeReal(MappingQuantities qi, long[][][] real, int o, int m, int d) {
        return qi.count[o][m][d] != 0 ? real[o][m][d] : 0;
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

    /** Intended §9.9 test: the pair (m, m+1) uses a port of the pair above (m+1, m+2). */
    private static boolean pairsSharePort(OperandInfo out, int m) {
        Memory mid = out.chain().get(m + 1);
        Port up = mid.port(out.memoryOperand(), DataDirection.TO_HIGH).orElse(null);
        Port down = mid.port(out.memoryOperand(), DataDirection.FROM_LOW).orElse(null);
        return up != null && up == down;
    }

    /** MUW_union of §8.6 step 3 (§14 C5), in signed 64-bit arithmetic. */
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
