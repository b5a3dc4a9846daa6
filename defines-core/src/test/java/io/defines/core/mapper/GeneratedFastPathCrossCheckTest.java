package io.defines.core.mapper;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.RepoPaths;
import io.defines.core.compat.CompatFlags;
import io.defines.core.cost.LayerCost;
import io.defines.core.cost.SingleLayerProblem;
import io.defines.core.golden.GoldenRuns;
import io.defines.core.hardware.Accelerator;
import io.defines.core.hardware.HierarchyView;
import io.defines.core.hardware.MemoryOperand;
import io.defines.core.mapping.Mapping;
import io.defines.core.testdomain.GeneratedNetworks;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Workload;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The search's fast path against the test references over generated problems, not only the golden
 * rows: every layer of seeded {@link GeneratedNetworks} chains on each of the library's depth-first
 * accelerators, with random unroll factors (clipped and fractional unrollings), tiles, truncated
 * hierarchy views, input-extent caps, LPF limits and both compatibility modes. On every ordering the
 * fast energy must equal the reference bit for bit and the fast allocator must make the reference
 * allocator's decisions; the checked search must pick the same winner as the bounded one.
 */
class GeneratedFastPathCrossCheckTest {

    private static final GoldenRuns LIB = new GoldenRuns(RepoPaths.root());

    /** One generated problem and how it was drawn. */
    private record Case(String description, SingleLayerProblem problem) {
    }

    @Test
    void fastPathEqualsTheReferencesOnGeneratedProblems() {
        LomaMapper checked = CheckingEnergy.checkedLoma();
        LomaMapper bounded = new LomaMapper();
        long allocated = 0;
        int mapped = 0;
        int infeasible = 0;
        for (Case c : cases()) {
            try {
                LayerCost fast = bounded.evaluate(c.problem());
                LayerCost check = checked.evaluate(c.problem()); // throws on the first mismatching energy
                assertSameResult(fast, check);
                AllocatorComparison.compareAll(c.problem()); // throws on the first differing decision
                if (fast instanceof LayerCost.Mapped m) {
                    allocated += m.orderingsAllocated();
                    mapped++;
                } else {
                    infeasible++;
                }
            } catch (AssertionError e) {
                throw new AssertionError(c.description() + ": " + e.getMessage(), e);
            }
        }
        System.out.println("generated cross-check: " + mapped + " mapped, " + infeasible + " infeasible, " + allocated + " orderings");
        assertThat(allocated).as("orderings checked").isGreaterThan(20_000);
        assertThat(mapped).isGreaterThan(100);
        assertThat(infeasible).as("problems whose truncated hierarchy is too small").isPositive();
    }

    private static void assertSameResult(LayerCost fast, LayerCost checked) {
        assertThat(checked.getClass()).isEqualTo(fast.getClass());
        if (fast instanceof LayerCost.Mapped a && checked instanceof LayerCost.Mapped b) {
            assertThat(b.energyPj()).isEqualTo(a.energyPj());
            assertThat(b.temporalMapping()).isEqualTo(a.temporalMapping());
            assertThat(b.latencyTotal2()).isEqualTo(a.latencyTotal2());
            assertThat(b.orderingsAllocated()).isEqualTo(a.orderingsAllocated());
            assertThat(b.energyEvaluations()).isEqualTo(a.energyEvaluations());
        } else {
            assertThat(checked).isEqualTo(fast);
        }
    }

    private static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (long seed = 1; seed <= 60; seed++) {
            Random r = new Random(seed);
            GeneratedNetworks.OnLibrary g = GeneratedNetworks.onLibrary(seed, r, LIB);
            Workload w = g.workload();
            String accName = g.acceleratorName();
            Accelerator acc = g.accelerator();
            Mapping mapping = g.mapping();
            for (Layer layer : w.layers()) {
                CompatFlags flags = r.nextBoolean() ? CompatFlags.DEFINES_2023 : CompatFlags.FIXED;
                int lpf = 4 + r.nextInt(3);
                SingleLayerProblem p = new SingleLayerProblem(layer, tile(layer, r), mapping.entryFor(layer).orElseThrow(),
                        view(acc, r), lpf, flags, caps(layer, r));
                out.add(new Case("seed " + seed + " " + accName + " layer " + layer.id() + " " + p.tileLoopSizes() + " "
                        + p.hierarchy().levelCounts() + " caps " + p.inputExtentCaps() + " LPF " + lpf
                        + (flags == CompatFlags.FIXED ? " fixed" : " defines2023"), p));
            }
        }
        return out;
    }

    /** Output tiles of the layer: random OX and OY extents, sometimes a part of K. */
    private static Map<String, Long> tile(Layer layer, Random r) {
        Map<String, Long> tile = new LinkedHashMap<>();
        tile.put("OX", 1 + (long) r.nextInt((int) layer.loopSize("OX")));
        tile.put("OY", 1 + (long) r.nextInt((int) layer.loopSize("OY")));
        if (r.nextInt(4) == 0) {
            tile.put("K", 1 + (long) r.nextInt((int) layer.loopSize("K")));
        }
        return tile;
    }

    /** The whole hierarchy, or each operand's chain cut at a random level (mostly near the top). */
    private static HierarchyView view(Accelerator acc, Random r) {
        if (r.nextBoolean()) {
            return HierarchyView.full(acc);
        }
        Map<MemoryOperand, Integer> counts = new EnumMap<>(MemoryOperand.class);
        for (MemoryOperand op : List.of(MemoryOperand.I1, MemoryOperand.I2, MemoryOperand.O)) {
            int full = acc.chain(op).size();
            counts.put(op, full - r.nextInt(r.nextBoolean() ? full : Math.min(2, full)));
        }
        return new HierarchyView(acc, counts, false);
    }

    /** Sometimes a cap on the input extent IX, as at a padded border tile. */
    private static Map<String, Long> caps(Layer layer, Random r) {
        if (r.nextInt(4) != 0) {
            return Map.of();
        }
        return Map.of("IX", 1 + (long) r.nextInt((int) layer.loopSize("OX") + (int) layer.loopSize("FX")));
    }
}
