package io.defines.core.cost;

import io.defines.core.RepoPaths;
import io.defines.core.compat.CompatFlags;
import io.defines.core.golden.GoldenRuns;
import io.defines.core.hardware.Accelerator;
import io.defines.core.hardware.HierarchyView;
import io.defines.core.hardware.MemoryOperand;
import io.defines.core.mapper.LomaMapper;
import io.defines.core.mapping.MappingEntry;
import io.defines.core.workload.Layer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * defines-model §11.1, checked by hand there: FSRCNN on Meta_prototype_DF, 60×72 fully-recompute,
 * layer 4, first-row tile: K=12, C=12, OX=64, OY=40, FX=FY=3; O = [rf_2B, sram_64KB],
 * W = [rf_1B, sram_32KB], I = [sram_64KB].
 */
class WorkedExampleTest {

    static final GoldenRuns GOLDEN = new GoldenRuns(RepoPaths.root());

    static LayerCost.Mapped evaluate(CompatFlags flags) {
        Accelerator acc = GOLDEN.accelerator("meta-prototype-df");
        Layer layer = GOLDEN.workload("fsrcnn").layer(4).orElseThrow();
        MappingEntry entry = GOLDEN.mapping("meta-prototype", "fsrcnn").entryFor(layer).orElseThrow();
        Map<String, Long> tile = new LinkedHashMap<>();
        tile.put("K", 12L);
        tile.put("C", 12L);
        tile.put("OX", 64L);
        tile.put("OY", 40L);
        tile.put("FX", 3L);
        tile.put("FY", 3L);
        HierarchyView view = new HierarchyView(acc, Map.of(MemoryOperand.O, 2, MemoryOperand.I2, 2, MemoryOperand.I1, 1), false);
        return (LayerCost.Mapped) new LomaMapper().evaluate(new SingleLayerProblem(layer, tile, entry, view, 6, flags));
    }

    @Test
    void energyAndLatencyOfTheHandCheckedExample() {
        LayerCost.Mapped m = evaluate(CompatFlags.DEFINES_2023);
        assertThat(m.orderingsEnumerated()).isEqualTo(360);
        assertThat(m.macEnergyPj()).isEqualTo(0.04 * 3_317_760, within(1e-9));
        assertThat(m.energyPj()).isEqualTo(389_078.4, within(1e-6));
        // per operand and level, as computed by hand in §11.1
        assertThat(m.energyPerLevelPj().get("O")).containsExactly(new double[] {66_969.6, 14_784}, within(1e-6));
        assertThat(m.energyPerLevelPj().get("W")).containsExactly(new double[] {4_147.2, 55_728}, within(1e-6));
        assertThat(m.energyPerLevelPj().get("I")).containsExactly(new double[] {114_739.2}, within(1e-6));
        assertThat(m.wordAccesses().get("W")[1][Directions.RD_OUT_TO_LOW]).isEqualTo(3_240);
        assertThat(m.wordAccesses().get("I")[0][Directions.RD_OUT_TO_LOW]).isEqualTo(4_320);
        // O@sram_64KB: 192 partial sums per 54-cycle period, other side 16·192/8, epc 64 in 3 cycles -> 8·(64/512)·160·3
        assertThat(m.wordAccesses().get("O")[1][Directions.WR_IN_BY_LOW]).isEqualTo(480);
        // O@rf_2B: final outputs (8 b) up to sram_64KB: ceil(8/16)·160 periods·192 instances
        assertThat(m.wordAccesses().get("O")[0][Directions.RD_OUT_TO_HIGH]).isEqualTo(30_720);
        assertThat(m.wordAccesses().get("O")[0][Directions.WR_IN_BY_LOW]).isEqualTo(1_658_880);
        assertThat(m.temporalCycles()).isEqualTo(8_640);
        assertThat(m.stallCycles()).isZero();
        assertThat(m.onloadingCycles()).isEqualTo(1);
        assertThat(m.offloadingCycles()).isEqualTo(3);
        assertThat(m.latencyTotal1()).isEqualTo(8_641);
        assertThat(m.latencyTotal2()).isEqualTo(8_644);
        // winning allocation (innermost first): O [C6 FY3 FX3][OY10 OX4 OX4], W [][all], I [all]
        assertThat(GoldenSingleLayerParityTest.text(m.temporalMapping().get("O"))).isEqualTo("[C6 FY3 FX3 ][OY10 OX4 OX4 ]");
        assertThat(m.temporalMapping().get("W").get(0)).isEmpty();
        assertThat(m.temporalMapping().get("I")).hasSize(1);
        assertThat(m.temporalMapping().get("I").get(0)).hasSize(6);
    }
}
