package io.defines.core.cost;

import io.defines.core.hardware.ArrayDimension;
import io.defines.core.hardware.OperationalArray;
import io.defines.core.mapping.MappingEntry;
import io.defines.core.mapping.SpatialUnroll;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * The spatial mapping of one layer tile (defines-model §8.1): the user's unrollings clipped to the
 * tile (possibly fractional), placed per operand below the memory levels that serve their array
 * dimension, and the derived per-level unit counts, unique-unit counts and bandwidth boosts.
 * {@link #fractional} feeds energy and utilisation; {@link #integer} (every unroll ceiled) feeds the
 * stall and loading parts of latency.
 */
public final class SpatialMapping {

    /** One clipped user unrolling: array dim, layer dim, fractional size u and the clipped integer u0. */
    public record Unroll(String arrayDim, String dim, double size, long clippedInt) {
    }

    /** Per-operand placement and derived quantities of one twin. */
    public record Twin(List<List<List<Loop>>> placed, long[][] unitCount, double[][] unitUnique, long[][] memBwBoost) {
    }

    final List<Unroll> unrolls;
    public final Twin fractional;
    public final Twin integer;
    /** Spatial loops of the first input operand, flattened level by level (LOMA's spatial_loop_dim_size). */
    public final List<Unroll> lomaSpatialLoops;

    SpatialMapping(MappingEntry entry, Map<String, Long> tileSizes, OperationalArray array, List<OperandInfo> operands) {
        this.unrolls = clip(entry, tileSizes, array);
        this.fractional = derive(place(operands, false), operands);
        this.integer = derive(place(operands, true), operands);
        OperandInfo firstInput = operands.get(1);
        List<Unroll> flat = new ArrayList<>();
        List<List<Unroll>> perLevel = placeUnrolls(firstInput);
        perLevel.forEach(flat::addAll);
        this.lomaSpatialLoops = List.copyOf(flat);
    }

    /** §8.1 step 1 (C8: always from the file's integer factors). */
    private static List<Unroll> clip(MappingEntry entry, Map<String, Long> tileSizes, OperationalArray array) {
        List<Unroll> out = new ArrayList<>();
        for (ArrayDimension ad : array.dimensions()) {
            List<SpatialUnroll> list = entry.spatialMapping().get(ad.name());
            if (list == null) {
                continue;
            }
            for (SpatialUnroll su : list) {
                if (!tileSizes.containsKey(su.layerDim())) {
                    continue; // unrolling a dimension the layer does not have: a factor of 1, nothing to place
                }
                long l = tileSizes.get(su.layerDim());
                long u = Math.min(ad.size(), su.factor());
                u = Math.min(l, u);
                double q = Math.ceil((double) l / (double) u);
                out.add(new Unroll(ad.name(), su.layerDim(), l / q, u));
            }
        }
        return List.copyOf(out);
    }

    /** §8.1 step 2: the unrolls below each level of the operand's chain, plus one list above the top. */
    private List<List<Unroll>> placeUnrolls(OperandInfo op) {
        List<List<Unroll>> levels = new ArrayList<>();
        List<Unroll> remaining = new ArrayList<>(unrolls);
        for (var memory : op.chain()) {
            List<Unroll> here = new ArrayList<>();
            for (var it = remaining.iterator(); it.hasNext();) {
                Unroll u = it.next();
                if (memory.servedDimensions().contains(u.arrayDim())) {
                    here.add(u);
                    it.remove();
                }
            }
            levels.add(here);
        }
        levels.add(remaining);
        return levels;
    }

    private List<List<List<Loop>>> place(List<OperandInfo> operands, boolean ceil) {
        List<List<List<Loop>>> out = new ArrayList<>();
        for (OperandInfo op : operands) {
            List<List<Loop>> levels = new ArrayList<>();
            for (List<Unroll> l : placeUnrolls(op)) {
                List<Loop> loops = new ArrayList<>();
                for (Unroll u : l) {
                    loops.add(new Loop(u.dim(), ceil ? Math.ceil(u.size()) : u.size()));
                }
                levels.add(loops);
            }
            out.add(levels);
        }
        return out;
    }

    /** §8.1 step 3 on the pr-decoupled placement (C9: left folds, one rounding function for all). */
    private static Twin derive(List<List<List<Loop>>> placed, List<OperandInfo> operands) {
        int nOps = operands.size();
        double[][] tot = new double[nOps][];
        double[][] unique = new double[nOps][];
        long[][] boost = new long[nOps][];
        for (int o = 0; o < nOps; o++) {
            OperandInfo op = operands.get(o);
            List<List<Loop>> ref = PrDecoupling.decouple(placed.get(o), op.pr(), op.prCaps());
            int levels = ref.size(); // n + 1
            double[] unrollR = new double[levels];
            double[] unrollTot = new double[levels];
            for (int a = 0; a < levels; a++) {
                double r = 1;
                double t = 1;
                for (Loop l : ref.get(a)) {
                    if (op.rReform().contains(l.dim())) {
                        r = r * l.size();
                    }
                    t = t * l.size();
                }
                unrollR[a] = r;
                unrollTot[a] = t;
            }
            tot[o] = new double[levels];
            unique[o] = new double[levels];
            for (int a = 0; a < levels; a++) {
                double pt = 1;
                double pu = 1;
                for (int l = a; l < levels; l++) {
                    pt = pt * unrollTot[l];
                    pu = pu * unrollR[l];
                }
                tot[o][a] = pt;
                unique[o][a] = pu;
            }
            boost[o] = new long[levels - 1];
            for (int a = 0; a < levels - 1; a++) {
                boost[o][a] = (long) (unique[o][a] / unique[o][a + 1]);
            }
        }
        DoubleUnaryOperator rounding = Math::rint;
        for (DoubleUnaryOperator f : List.<DoubleUnaryOperator>of(Math::rint, Math::ceil, Math::floor)) {
            boolean agree = true;
            for (int o = 1; o < nOps; o++) {
                agree &= f.applyAsDouble(tot[o][0]) == f.applyAsDouble(tot[0][0]);
            }
            if (agree) {
                rounding = f;
                break;
            }
        }
        long[][] count = new long[nOps][];
        for (int o = 0; o < nOps; o++) {
            count[o] = new long[tot[o].length];
            for (int a = 0; a < tot[o].length; a++) {
                count[o][a] = (long) rounding.applyAsDouble(tot[o][a]);
            }
        }
        return new Twin(placed, count, unique, boost);
    }
}
