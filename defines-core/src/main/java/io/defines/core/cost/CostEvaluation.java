package io.defines.core.cost;

import static io.defines.core.cost.Directions.RD_OUT_TO_HIGH;
import static io.defines.core.cost.Directions.RD_OUT_TO_LOW;
import static io.defines.core.cost.Directions.WR_IN_BY_HIGH;
import static io.defines.core.cost.Directions.WR_IN_BY_LOW;

import io.defines.core.hardware.AccessCost;
import io.defines.core.hardware.Memory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference cost of one temporal mapping of a prepared problem: energy (access counts per
 * direction, word accesses with the port granularity of {@link AccessCost}, per-level energy) and
 * latency ({@link LatencyEvaluation}). The only producer of the numbers a {@link LayerCost.Mapped}
 * reports; a mapper searches, then hands its winner here. See docs/single-layer-model.md.
 */
public final class CostEvaluation {

    private CostEvaluation() {
    }

    /**
     * The reported cost of one allocated temporal mapping: energy and latency breakdowns, the temporal
     * mapping as allocated and the spatial mapping, with the search's counts.
     *
     * @param allocated per operand, per level of its chain, the temporal loops (innermost first) as
     *                  allocated, before the stationarity merge-down
     */
    public static LayerCost.Mapped evaluate(PreparedProblem p, List<List<List<Loop>>> allocated, long orderingsEnumerated,
                                            long orderingsAllocated, long energyEvaluations, boolean provenOptimal) {
        List<OperandInfo> ops = p.operands();
        TemporalMapping tmap = TemporalMapping.of(allocated, ops);
        MappingQuantities qf = quantities(p, tmap, p.spatial().fractional);
        Energy energy = energy(p, qf);
        LatencyEvaluation.Latency lat = LatencyEvaluation.latency(p, tmap, qf, quantities(p, tmap, p.spatial().integer));
        Map<String, double[]> perLevel = new LinkedHashMap<>();
        Map<String, double[][]> words = new LinkedHashMap<>();
        Map<String, double[][]> perDirection = new LinkedHashMap<>();
        Map<String, List<String>> names = new LinkedHashMap<>();
        Map<String, List<List<Loop>>> tmOut = new LinkedHashMap<>();
        Map<String, List<List<Loop>>> smOut = new LinkedHashMap<>();
        for (int o = 0; o < ops.size(); o++) {
            OperandInfo op = ops.get(o);
            perLevel.put(op.name(), energy.perLevel()[o]);
            words.put(op.name(), energy.words()[o]);
            perDirection.put(op.name(), energy.perDirection()[o]);
            names.put(op.name(), op.chain().stream().map(Memory::name).toList());
            tmOut.put(op.name(), copy(tmap.allocated().get(o)));
            smOut.put(op.name(), copy(p.spatial().fractional.placed().get(o)));
        }
        return new LayerCost.Mapped(energy.total(), energy.mac(), energy.memory(), perLevel, words, perDirection, names,
                lat.idealCycle(), lat.temporalCycles(), lat.ssComb(), lat.loading(), lat.offloading(), lat.offChipLoading(),
                lat.offChipOffloading(), tmOut, smOut,
                orderingsEnumerated, orderingsAllocated, energyEvaluations, provenOptimal);
    }

    /**
     * The total energy (pJ) of one allocated temporal mapping (as in {@link #evaluate}), without the
     * breakdowns and the latency: what a mapper compares orderings by, computed the reference way.
     */
    public static double energyPj(PreparedProblem p, List<List<List<Loop>>> allocated) {
        return energy(p, quantities(p, TemporalMapping.of(allocated, p.operands()), p.spatial().fractional)).total();
    }

    private static MappingQuantities quantities(PreparedProblem p, TemporalMapping tmap, SpatialMapping.Twin twin) {
        return new MappingQuantities(p.operands(), tmap, twin, p.macs(), p.outputElements(), p.partialPrecision(), p.finalPrecision());
    }

    private static List<List<Loop>> copy(List<List<Loop>> levels) {
        List<List<Loop>> out = new ArrayList<>();
        levels.forEach(l -> out.add(List.copyOf(l)));
        return List.copyOf(out);
    }

    /** Energy per operand and level (grouped as {@link AccessCost#levelEnergyPj}), word accesses, and the total. */
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
}
