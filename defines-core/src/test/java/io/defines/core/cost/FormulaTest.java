package io.defines.core.cost;

import io.defines.core.RepoPaths;
import io.defines.core.compat.CompatFlags;
import io.defines.core.golden.GoldenRuns;
import io.defines.core.hardware.Accelerator;
import io.defines.core.hardware.HierarchyView;
import io.defines.core.hardware.MemoryOperand;
import io.defines.core.mapper.LomaMapper;
import io.defines.core.mapper.LoopArrays;
import io.defines.core.mapping.MappingEntry;
import io.defines.core.workload.Layer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Hand-checked cases for the formula groups of defines-model §8 not pinned by the §11.1 example. */
class FormulaTest {

    static final GoldenRuns GOLDEN = new GoldenRuns(RepoPaths.root());

    @Test
    void mergeDownMovesInnermostReductionLoopsToTheLevelBelow() {
        // ordering (innermost first): K, C, FX, OX, C, K ; dims 0=K 1=C 2=FX 3=OX; output's ir = {C, FX}
        int[] dims = {0, 1, 2, 3, 1, 0};
        boolean[] ir = {false, true, true, false};
        // levels [K][C FX OX][C K]: level 1 starts with C, FX (ir) -> join level 0; level 2 starts with C -> joins level 1
        assertThat(LoopArrays.mergeDown(new int[] {1, 4, 6}, dims, ir)).containsExactly(3, 5, 6);
        // a level emptied by the merge lets the next level's ir loops cascade down
        assertThat(LoopArrays.mergeDown(new int[] {1, 3, 6}, new int[] {0, 1, 2, 1, 2, 0}, ir)).containsExactly(5, 5, 6);
    }

    @Test
    void muwUnionMarksTheAllowedWindowsOfEveryPeriod() {
        // activities {real, allowed, period, count}; total cycles 64
        long[] a = {1, 2, 4, 16};
        long[] b = {1, 3, 8, 8};
        // on [0, 8): A marks 0,1 and 4,5; B marks 0,1,2 -> 5 cycles, times 64/8 periods
        assertThat(LatencyEvaluation.muwUnion(List.of(a, b), 64)).isEqualTo(40);
        // an activity allowed its whole period covers everything: period x count
        assertThat(LatencyEvaluation.muwUnion(List.of(a, new long[] {1, 8, 8, 8}), 64)).isEqualTo(64);
    }

    private static PreparedProblem fsrcnnPointwise(long k, CompatFlags flags) {
        Layer pw1 = GOLDEN.workload("fsrcnn").layer(1).orElseThrow();
        MappingEntry entry = GOLDEN.mapping("meta-prototype", "fsrcnn").entryFor(pw1).orElseThrow();
        Map<String, Long> tile = new LinkedHashMap<>(pw1.loopSizes());
        tile.put("K", k);
        tile.put("OX", 8L);
        tile.put("OY", 8L);
        return PreparedProblem.of(new SingleLayerProblem(pw1, tile, entry,
                HierarchyView.full(GOLDEN.accelerator("meta-prototype-df")), 6, flags));
    }

    @Test
    void temporalLoopCountCarriesTheIntegerQuotientUnlessReproducingDefines() {
        // K = 75 unrolled by 12: u = 75/7 = 10.714285714285714; DeFiNES recomputes ceil(75/u) = 8 (§9.13)
        assertThat(LomaMapper.temporalLoops(fsrcnnPointwise(75, CompatFlags.DEFINES_2023))).containsEntry("K", 8L);
        assertThat(LomaMapper.temporalLoops(fsrcnnPointwise(75, CompatFlags.FIXED))).containsEntry("K", 7L);
        // power-of-two unrolling: no difference; exact division removes the loop
        assertThat(LomaMapper.temporalLoops(fsrcnnPointwise(12, CompatFlags.DEFINES_2023))).doesNotContainKey("K");
    }

    @Test
    void aTopLevelTooSmallForTheTileIsAResultWithAReason() {
        Accelerator acc = GOLDEN.accelerator("meta-prototype-df");
        Layer conv7 = GOLDEN.workload("fsrcnn").layer(7).orElseThrow();
        MappingEntry entry = GOLDEN.mapping("meta-prototype", "fsrcnn").entryFor(conv7).orElseThrow();
        // outputs forced to stay in sram_64KB (O's level 1): the whole 960x540x16 map cannot fit
        HierarchyView view = new HierarchyView(acc, Map.of(MemoryOperand.O, 2), false);
        LayerCost c = new LomaMapper().evaluate(SingleLayerProblem.wholeLayer(conv7, entry, view, 6, CompatFlags.FIXED));
        assertThat(c).isInstanceOf(LayerCost.Infeasible.class);
        LayerCost.Infeasible inf = (LayerCost.Infeasible) c;
        assertThat(inf.memory()).isEqualTo("sram_64KB");
        assertThat(inf.capacityBits()).isEqualTo(524_288);
        assertThat(inf.demandBits()).isGreaterThan(inf.capacityBits());
        assertThat(inf.reason()).contains("sram_64KB").contains("bits >");
        assertThat(inf.orderingsEnumerated()).isPositive();
    }

    @Test
    void breakdownsSumToTheTotal() {
        for (GoldenRuns.Row row : GOLDEN.layerRows(6, CompatFlags.DEFINES_2023).subList(0, 120)) {
            LayerCost.Mapped m = (LayerCost.Mapped) new LomaMapper().evaluate(row.problem());
            double sum = m.macEnergyPj();
            for (double[] levels : m.energyPerLevelPj().values()) {
                for (double e : levels) {
                    sum += e;
                }
            }
            assertThat(sum).as(row.toString()).isCloseTo(m.energyPj(), within(1e-9 * m.energyPj()));
            for (var e : m.energyPerLevelPj().entrySet()) {
                double[][] dirs = m.energyPerDirectionPj().get(e.getKey());
                for (int lvl = 0; lvl < e.getValue().length; lvl++) {
                    double d = dirs[lvl][0] + dirs[lvl][1] + dirs[lvl][2] + dirs[lvl][3];
                    assertThat(d).isCloseTo(e.getValue()[lvl], within(1e-9 * Math.max(1, e.getValue()[lvl])));
                }
            }
            assertThat(m.memoryEnergyPj() + m.macEnergyPj()).isEqualTo(m.energyPj());
            assertThat(m.latencyTotal2()).isGreaterThanOrEqualTo(m.latencyTotal1()).isGreaterThanOrEqualTo(m.latencyTotal0())
                    .isGreaterThanOrEqualTo(m.temporalCycles()).isGreaterThanOrEqualTo(m.idealCycles());
            assertThat(m.spatialUtilization()).isBetween(0.0, 1.0);
        }
    }
}
