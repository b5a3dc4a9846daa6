package io.defines.core.cost;

import java.util.List;
import java.util.Map;

/**
 * The result of one single-layer search: either the minimum-energy mapping with its energy and
 * latency breakdowns, or a reason why no temporal mapping fits the memories.
 */
public sealed interface LayerCost permits LayerCost.Mapped, LayerCost.Infeasible {

    /** Orderings enumerated by the search. */
    long orderingsEnumerated();

    /**
     * The winning mapping. Energies in pJ, latencies in cycles.
     *
     * @param energyPerLevelPj layer operand → energy per memory level of its truncated chain, innermost first
     * @param wordAccesses layer operand → per level [rd_out_to_low, wr_in_by_low, rd_out_to_high, wr_in_by_high] word accesses
     * @param energyPerDirectionPj layer operand → per level the energy of those four directions (they sum to the level's energy)
     * @param memoryNames layer operand → the memories of its truncated chain
     * @param temporalMapping layer operand → per level the loops (innermost first) as allocated, before merge-down
     * @param spatialMapping layer operand → per level the (possibly fractional) unrollings below it, plus one above the top
     * @param offChipOnloadingCycles the part of {@code onloadingCycles} that goes away when transfers to and from the
     *                               off-chip memory (the top of the accelerator's output chain) take no time
     * @param offChipOffloadingCycles the part of {@code offloadingCycles} spent writing into the off-chip memory
     * @param orderingsAllocated orderings whose allocation fitted the memories
     * @param energyEvaluations orderings whose energy was computed (all allocated orderings)
     * @param provenOptimal the winner is proven to have the lowest energy over every ordering of the temporal loops'
     *                      prime factors (LOMA: when its LPF limit merged none; the exact mapper: when its search ended
     *                      within its budget)
     */
    record Mapped(double energyPj, double macEnergyPj, double memoryEnergyPj,
                  Map<String, double[]> energyPerLevelPj, Map<String, double[][]> wordAccesses,
                  Map<String, double[][]> energyPerDirectionPj,
                  Map<String, List<String>> memoryNames,
                  long idealCycles, long temporalCycles, long stallCycles, long onloadingCycles, long offloadingCycles,
                  long offChipOnloadingCycles, long offChipOffloadingCycles,
                  Map<String, List<List<Loop>>> temporalMapping, Map<String, List<List<Loop>>> spatialMapping,
                  long orderingsEnumerated, long orderingsAllocated, long energyEvaluations, boolean provenOptimal) implements LayerCost {

        /** DeFiNES' latency_total0: temporal cycles plus stalls. */
        public long latencyTotal0() {
            return temporalCycles + stallCycles;
        }

        /** DeFiNES' latency_total1 (the paper's latency): plus on-loading. */
        public long latencyTotal1() {
            return latencyTotal0() + onloadingCycles;
        }

        /** DeFiNES' latency_total2: plus off-loading. */
        public long latencyTotal2() {
            return latencyTotal1() + offloadingCycles;
        }

        /** ideal cycles / temporal cycles: how well the spatial unrolling uses the array. */
        public double spatialUtilization() {
            return (double) idealCycles / temporalCycles;
        }

        public double utilization() {
            return (double) idealCycles / latencyTotal2();
        }
    }

    /**
     * No ordering could be allocated: {@code memory} cannot hold even the innermost data of
     * {@code operand} ({@code demandBits} > {@code capacityBits}), or its top level cannot hold the tile.
     */
    record Infeasible(String reason, String memory, String operand, long demandBits, long capacityBits,
                      long orderingsEnumerated) implements LayerCost {

        /** Infeasible for {@code reason} alone (no memory overflowed, nothing enumerated). */
        public static Infeasible because(String reason) {
            return new Infeasible(reason, null, null, 0, 0, 0);
        }
    }
}
