package io.defines.results;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.results.ResultSchema.Columns;
import io.defines.results.ResultSchema.Details;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The file contract as users and scripts see it: column order, detail keys, the columns per memory. */
class ResultSchemaTest {

    @Test
    void baseColumnsInFileOrder() {
        assertThat(Columns.BASE).containsExactly("point_id", "point_key", "workload", "accelerator", "mapping", "tile_x", "tile_y",
                "overlap", "lpf_limit", "compat", "cuts", "status", "reason", "energy_pj", "latency_cycles", "edp", "mac_count",
                "mac_energy_pj", "dram_access_bits", "onchip_peak_bits");
        assertThat(Columns.BASE.get(Columns.RESULT_FROM)).isEqualTo(Columns.STATUS);
    }

    @Test
    void oneEnergyColumnPerMemoryThenTheTiming() {
        List<String> columns = Columns.of(List.of("sram", "dram"));
        assertThat(columns.subList(0, Columns.BASE.size())).isEqualTo(Columns.BASE);
        assertThat(columns.subList(Columns.BASE.size(), columns.size())).containsExactly("energy_sram_pj", "energy_dram_pj", "eval_ms");
        assertThat(Columns.pareto(columns)).isEqualTo(columns.subList(0, columns.size() - 1)).doesNotContain(Columns.EVAL_MS);
    }

    @Test
    void detailTotalsAreNamedAsTheirColumns() {
        assertThat(List.of(Details.ENERGY_PJ, Details.LATENCY_CYCLES, Details.MAC_COUNT, Details.MAC_ENERGY_PJ, Details.DRAM_ACCESS_BITS,
                Details.ONCHIP_PEAK_BITS)).allSatisfy(k -> assertThat(Columns.BASE).contains(k));
        assertThat(Details.LATENCY_PARTS).containsExactly("compute", "control", "stalls", "onloading", "data_copies", "exposed_transfers",
                "offloading", "hidden_transfers");
    }
}
