package io.defines.core.mapper;

import io.defines.core.RepoPaths;
import io.defines.core.compat.CompatFlags;
import io.defines.core.cost.LayerCost;
import io.defines.core.golden.GoldenRuns;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search's array-based allocator and energy must agree bit for bit with the readable reference
 * path on every ordering: here every allocated ordering of every 4th golden row (about 80 000
 * orderings), in both modes.
 */
class FastPathCrossCheckTest {

    @Test
    void fastEnergyEqualsTheReferenceOnEveryOrdering() {
        GoldenRuns golden = new GoldenRuns(RepoPaths.root());
        LomaMapper checked = CheckingEnergy.checkedLoma();
        long orderings = 0;
        for (CompatFlags flags : List.of(CompatFlags.DEFINES_2023, CompatFlags.FIXED)) {
            List<GoldenRuns.Row> rows = golden.layerRows(6, flags);
            for (int i = 0; i < rows.size(); i += 4) {
                LayerCost c = checked.evaluate(rows.get(i).problem()); // throws on the first mismatch
                orderings += c instanceof LayerCost.Mapped m ? m.orderingsAllocated() : 0;
            }
        }
        assertThat(orderings).isGreaterThan(100_000);
    }

    @Test
    void fastAllocatorMakesTheReferenceAllocatorsDecisions() {
        GoldenRuns golden = new GoldenRuns(RepoPaths.root());
        List<GoldenRuns.Row> rows = golden.layerRows(6, CompatFlags.DEFINES_2023);
        int checked = 0;
        for (int i = 0; i < rows.size(); i += 25) {
            checked += AllocatorComparison.compareAll(rows.get(i).problem());
        }
        assertThat(checked).isGreaterThan(5_000);
    }
}
