package io.defines.core.cost;

import static io.defines.core.cost.Directions.RD_OUT_TO_HIGH;
import static io.defines.core.cost.Directions.RD_OUT_TO_LOW;
import static io.defines.core.cost.Directions.WR_IN_BY_HIGH;
import static io.defines.core.cost.Directions.WR_IN_BY_LOW;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the per-level quantities of the model (docs/single-layer-model.md) derive from a temporal mapping and one spatial twin, per operand and
 * memory level: data per unit, access counts, access precisions, and the periodic transfer
 * pattern (period, period count, amount per period, instantaneous window) of each direction.
 */
final class MappingQuantities {

    /** Per operand: arrays indexed by arch level a = 0..n (a−1 = memory level). */
    final long[][] eu;
    final long[][] bu;
    final long[][] effb;
    final boolean[] psum; // of the output, per memory level 0..n
    /** Per operand, per memory level m, per direction: access precision, period, count, amount, window, element accesses. */
    final int[][][] prec;
    final long[][][] period;
    final long[][][] count;
    final long[][][] amount;
    final long[][][] window;
    final double[][][] elems;

    MappingQuantities(List<OperandInfo> ops, TemporalMapping tmap, SpatialMapping.Twin twin, long macs, long outputElems,
                      int partialPrecision, int finalPrecision) {
        int nOps = ops.size();
        eu = new long[nOps][];
        bu = new long[nOps][];
        effb = new long[nOps][];
        prec = new int[nOps][][];
        period = new long[nOps][][];
        count = new long[nOps][][];
        amount = new long[nOps][][];
        window = new long[nOps][][];
        elems = new double[nOps][][];
        boolean[] psumO = null;
        for (int o = 0; o < nOps; o++) {
            OperandInfo op = ops.get(o);
            int n = op.levels();
            LevelProducts lp = LevelProducts.of(op, tmap.merged().get(o), twin.placed().get(o));
            boolean[] psum = new boolean[n + 1];
            if (op.output()) {
                for (int m = 0; m < n; m++) {
                    for (int a = m + 1; a <= n; a++) {
                        psum[m] |= lp.irflag()[a];
                    }
                }
                psumO = psum;
            }
            units(o, op, tmap, lp, psum, partialPrecision, finalPrecision);
            transfers(o, op, tmap, twin, lp, psum, macs, outputElems, partialPrecision, finalPrecision);
        }
        this.psum = psumO;
    }

    /**
     * Per arch level a = 0..n of one operand, the products of its relevant (r) and irrelevant (ir) loops
     * in the two combined lists (temporal below + spatial at a; temporal at a + spatial at a), pr-decoupled,
     * whether an ir loop of size > 1 sits at a, and the running products the counts come from.
     */
    private record LevelProducts(double[] irpl, boolean[] irflag, long[] rc2, double[] ic, double[] ic2) {

        static LevelProducts of(OperandInfo op, List<List<Loop>> tst, List<List<Loop>> s) {
            int n = op.levels();
            List<List<Loop>> c1 = new ArrayList<>();
            List<List<Loop>> c2 = new ArrayList<>();
            c2.add(List.of());
            for (int a = 0; a <= n; a++) {
                List<Loop> l1 = new ArrayList<>();
                if (a > 0) {
                    l1.addAll(tst.get(a - 1));
                }
                l1.addAll(s.get(a));
                c1.add(l1);
                List<Loop> l2 = new ArrayList<>();
                if (a < n) {
                    l2.addAll(tst.get(a));
                }
                l2.addAll(s.get(a));
                c2.add(l2);
            }
            c1 = PrDecoupling.decouple(c1, op.pr(), op.prCaps());
            c2 = PrDecoupling.decouple(c2, op.pr(), op.prCaps());
            double[] irpl = new double[n + 1];
            double[] rpl2 = new double[n + 1];
            double[] irpl2 = new double[n + 1];
            boolean[] irflag = new boolean[n + 1];
            for (int a = 0; a <= n; a++) {
                irpl[a] = product(c1.get(a), op, false);
                rpl2[a] = product(c2.get(a), op, true);
                irpl2[a] = product(c2.get(a), op, false);
                for (Loop l : c1.get(a)) {
                    if (op.irReform().contains(l.dim()) && l.size() > 1) {
                        irflag[a] = true;
                    }
                }
            }
            long[] rc2 = new long[n + 1];
            double[] ic = new double[n + 1];
            double[] ic2 = new double[n + 1];
            double pr2 = 1;
            double pi = 1;
            double pi2 = 1;
            for (int a = 0; a <= n; a++) {
                pr2 = pr2 * rpl2[a];
                pi = pi * irpl[a];
                pi2 = pi2 * irpl2[a];
                rc2[a] = (long) Math.rint(pr2);
                ic[a] = pi;
                ic2[a] = pi2;
            }
            return new LevelProducts(irpl, irflag, rc2, ic, ic2);
        }

        /** Output accesses per arch level a: the product of the ir loops from a up (1 beyond the top). */
        double[] ocaal() {
            int n = irpl.length - 1;
            double[] ocaal = new double[n + 3];
            for (int a = 0; a <= n; a++) {
                double p = 1;
                for (int l = a; l <= n; l++) {
                    p = p * irpl[l];
                }
                ocaal[a] = p;
            }
            ocaal[n + 1] = 1;
            ocaal[n + 2] = 1;
            return ocaal;
        }
    }

    /** Data per unit: elements, bits and effective bits per arch level. */
    private void units(int o, OperandInfo op, TemporalMapping tmap, LevelProducts lp, boolean[] psum, int partialPrecision,
                       int finalPrecision) {
        int n = op.levels();
        eu[o] = new long[n + 1];
        bu[o] = new long[n + 1];
        effb[o] = new long[n + 1];
        for (int a = 0; a <= n; a++) {
            int p = op.output() ? (psum[a] ? partialPrecision : finalPrecision) : op.precision();
            eu[o][a] = lp.rc2()[a];
            bu[o][a] = eu[o][a] * p;
            effb[o][a] = Math.floorDiv(bu[o][a], tmap.topR()[o][a]);
        }
    }

    /** Per memory level and direction: accesses, precision and the periodic transfer pattern. */
    private void transfers(int o, OperandInfo op, TemporalMapping tmap, SpatialMapping.Twin twin, LevelProducts lp, boolean[] psum,
                           long macs, long outputElems, int partialPrecision, int finalPrecision) {
        int n = op.levels();
        long total = tmap.totalCycles();
        double[] ocaal = lp.ocaal();
        long[] cyc = new long[n + 1];
        cyc[0] = 1;
        for (int a = 1; a <= n; a++) {
            cyc[a] = tmap.cycles()[o][a - 1];
        }
        long[] boost = new long[n + 1];
        for (int a = 0; a < n; a++) {
            boost[a] = twin.memBwBoost()[o][a];
        }
        boost[n] = 1;
        prec[o] = new int[n][4];
        period[o] = new long[n][4];
        count[o] = new long[n][4];
        amount[o] = new long[n][4];
        window[o] = new long[n][4];
        elems[o] = new double[n][4];
        long[] topIr = tmap.topIr()[o];
        for (int m = 0; m < n; m++) {
            double rawLow = Math.rint(macs / lp.ic()[m]);
            double rawHigh = Math.rint(macs / lp.ic2()[m + 1]);
            long lowPeriod = cyc[m];
            long highPeriod = cyc[m + 1];
            long lowAmount = eu[o][m] * boost[m];
            long highAmount = eu[o][m + 1];
            long lowWindow = lowPeriod / topIr[m];
            long highWindow = highPeriod / topIr[m + 1];
            if (!op.output()) {
                set(o, m, RD_OUT_TO_LOW, rawLow, op.precision(), lowPeriod, total / lowPeriod, lowAmount, lowWindow);
                set(o, m, WR_IN_BY_HIGH, rawHigh, op.precision(), highPeriod, total / highPeriod, highAmount, highWindow);
                continue;
            }
            double rdLow = outputElems * (ocaal[m + 1] - 1);
            double wrHigh = outputElems * (ocaal[m + 2] - 1);
            int lowPrec = rdLow != 0 ? partialPrecision : finalPrecision;
            int highPrec = wrHigh != 0 ? partialPrecision : finalPrecision;
            set(o, m, WR_IN_BY_LOW, rawLow, lowPrec, lowPeriod, total / lowPeriod, lowAmount, lowWindow);
            set(o, m, RD_OUT_TO_HIGH, rawHigh, highPrec, highPeriod, total / highPeriod, highAmount, highWindow);
            if (psum[m]) {
                set(o, m, RD_OUT_TO_LOW, rdLow, rdLow != 0 ? partialPrecision : 0, lowPeriod, total / lowPeriod, lowAmount, lowWindow);
            } else {
                set(o, m, RD_OUT_TO_LOW, rdLow, rdLow != 0 ? partialPrecision : 0, 0, 0, 0, 0);
            }
            if (psum[m + 1]) {
                set(o, m, WR_IN_BY_HIGH, wrHigh, wrHigh != 0 ? partialPrecision : 0, highPeriod, total / highPeriod, highAmount, highWindow);
            } else {
                set(o, m, WR_IN_BY_HIGH, wrHigh, wrHigh != 0 ? partialPrecision : 0, 0, 0, 0, 0);
            }
        }
        // the top memory's traffic to the outside world is ignored
        int top = n - 1;
        for (int d : new int[] {RD_OUT_TO_HIGH, WR_IN_BY_HIGH}) {
            set(o, top, d, 0, 0, 0, 0, 0, 0);
        }
    }

    private void set(int o, int m, int d, double e, int p, long per, long cnt, long amt, long win) {
        elems[o][m][d] = e;
        prec[o][m][d] = p;
        period[o][m][d] = per;
        count[o][m][d] = cnt;
        amount[o][m][d] = amt;
        window[o][m][d] = win;
    }

    private static double product(List<Loop> loops, OperandInfo op, boolean relevant) {
        double p = 1;
        for (Loop l : loops) {
            if (relevant ? op.rReform().contains(l.dim()) : op.irReform().contains(l.dim())) {
                p = p * l.size();
            }
        }
        return p;
    }
}
