package io.defines.core.mapper;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.RepoPaths;
import io.defines.core.compat.CompatFlags;
import io.defines.core.cost.LayerCost;
import io.defines.core.cost.SingleLayerProblem;
import io.defines.core.golden.GoldenRuns;
import io.defines.core.hardware.Accelerator;
import io.defines.core.hardware.HierarchyView;
import io.defines.core.hardware.Memory;
import io.defines.core.mapping.Mapping;
import io.defines.core.testdomain.GeneratedNetworks;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Workload;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The memo that reuses a LOMA search across memory capacities returns, for every problem, exactly
 * what a fresh search returns: the layers of seeded generated networks on the library's accelerators,
 * each asked at a series of capacities (random parts of one or two on-chip memories taken, some tiny,
 * some most of the memory, some repeated), in a random order, through one memo.
 */
class CapacityRangeMemoTest {

    private static final GoldenRuns LIB = new GoldenRuns(RepoPaths.root());

    @Test
    void reusedSearchesGiveTheFreshSearchesResult() {
        LomaMapper fresh = new LomaMapper();
        CapacityRangeMemo memo = new CapacityRangeMemo(10_000);
        int mapped = 0;
        int infeasible = 0;
        for (long seed = 1; seed <= 30; seed++) {
            Random r = new Random(seed);
            GeneratedNetworks.OnLibrary g = GeneratedNetworks.onLibrary(seed, r, LIB);
            Workload w = g.workload();
            String accName = g.acceleratorName();
            Accelerator acc = g.accelerator();
            Mapping mapping = g.mapping();
            List<Memory> onChip = acc.memories().subList(0, acc.memories().size() - 1);
            for (Layer layer : w.layers()) {
                Map<String, Long> tile = GeneratedNetworks.randomTile(layer, r);
                CompatFlags flags = r.nextBoolean() ? CompatFlags.DEFINES_2023 : CompatFlags.FIXED;
                for (int ask = 0; ask < 12; ask++) {
                    Map<String, Long> taken = new LinkedHashMap<>();
                    for (int k = 0; k < 1 + r.nextInt(2); k++) {
                        Memory m = onChip.get(r.nextInt(onChip.size()));
                        double part = r.nextInt(3) == 0 ? r.nextDouble() * 0.9 : r.nextDouble() * 0.02;
                        taken.put(m.name(), (long) (m.sizeBits() * part));
                    }
                    SingleLayerProblem p = new SingleLayerProblem(layer, tile, mapping.entryFor(layer).orElseThrow(),
                            HierarchyView.full(acc.withCapacityTaken(taken)), 5, flags);
                    LayerCost expected = fresh.evaluate(p);
                    LayerCost got = memo.evaluate(p);
                    assertThat(got).as("seed %d %s layer %s tile %s taken %s", seed, accName, layer.id(), tile, taken)
                            .usingRecursiveComparison().isEqualTo(expected);
                    if (expected instanceof LayerCost.Mapped) {
                        mapped++;
                    } else {
                        infeasible++;
                    }
                }
            }
        }
        System.out.println("capacity-range memo: " + mapped + " mapped, " + infeasible + " infeasible, "
                + memo.reused() + " reused, " + memo.searched() + " searched");
        assertThat(memo.reused()).as("answers from a search at other capacities").isGreaterThan(mapped / 4);
        assertThat(memo.searched()).as("searches at capacities no earlier search covers").isGreaterThan(mapped / 10);
        assertThat(infeasible).as("capacities too small for the tile").isPositive();
    }
}
