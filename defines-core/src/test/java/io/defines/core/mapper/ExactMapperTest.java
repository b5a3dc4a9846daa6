package io.defines.core.mapper;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.RepoPaths;
import io.defines.core.compat.CompatFlags;
import io.defines.core.cost.LayerCost;
import io.defines.core.cost.Loop;
import io.defines.core.cost.PreparedProblem;
import io.defines.core.cost.SingleLayerProblem;
import io.defines.core.golden.GoldenRuns;
import io.defines.core.hardware.HierarchyView;
import io.defines.core.mapping.Mapping;
import io.defines.core.mapping.MappingEntry;
import io.defines.core.mapping.TemporalLoop;
import io.defines.core.testdomain.GeneratedNetworks;
import io.defines.core.workload.Layer;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The exact mapper against exhaustive enumeration: LOMA with no LPF limit visits every ordering of the
 * prime factors (the exact mapper's whole space, each allocated the same way), so its minimum is the
 * true optimum; the exact mapper, which skips orderings it proves cannot win, must reach the same
 * energy on every problem — layers of seeded generated networks at random tiles on each of the
 * library's accelerators, both modes, spaces small enough to enumerate (≤ 10 prime factors).
 */
class ExactMapperTest {

    private static final GoldenRuns LIB = new GoldenRuns(RepoPaths.root());

    @Test
    void exactEnergyEqualsTheExhaustiveMinimum() {
        LomaMapper exhaustive = new LomaMapper();
        // bounds on every space, not only the large ones where they pay off
        ExactMapper exact = new ExactMapper(FastEnergy::new, ExactMapper.DEFAULT_BUDGET, 0);
        int compared = 0;
        int infeasible = 0;
        int belowPrimeSpace = 0;
        long enumerated = 0;
        long evaluated = 0;
        Set<String> accelerators = new HashSet<>();
        for (long seed = 1; compared < 400 && seed < 2_000; seed++) {
            Random r = new Random(seed);
            GeneratedNetworks.OnLibrary g = GeneratedNetworks.onLibrary(seed, r, LIB);
            Mapping mapping = g.mapping();
            for (Layer layer : g.workload().layers()) {
                Map<String, Long> tile = GeneratedNetworks.randomTile(layer, r);
                CompatFlags flags = r.nextBoolean() ? CompatFlags.DEFINES_2023 : CompatFlags.FIXED;
                SingleLayerProblem p = new SingleLayerProblem(layer, tile, mapping.entryFor(layer).orElseThrow(),
                        HierarchyView.full(g.accelerator()), Integer.MAX_VALUE, flags);
                BigInteger space = ExactMapper.spaceSize(p);
                if (space.compareTo(BigInteger.valueOf(300_000)) > 0 || primeCount(p) > 10) {
                    continue;
                }
                LayerCost all = exhaustive.evaluate(p);
                LayerCost got = exact.evaluate(p);
                String what = "seed " + seed + " " + g.acceleratorName() + " layer " + layer.id() + " tile " + tile + " " + flags;
                if (all instanceof LayerCost.Mapped m) {
                    assertThat(got).as(what).isInstanceOf(LayerCost.Mapped.class);
                    assertThat(((LayerCost.Mapped) got).provenOptimal()).as(what).isTrue();
                    // the exact mapper starts from LOMA's winner at LPF 6, which can beat every prime ordering
                    double expected = Math.min(m.energyPj(), lomaAt(p, ExactMapper.SEED_LPF));
                    if (expected < m.energyPj()) {
                        belowPrimeSpace++;
                    }
                    assertThat(((LayerCost.Mapped) got).energyPj()).as(what).isCloseTo(expected,
                            org.assertj.core.data.Percentage.withPercentage(1e-10));
                    compared++;
                    enumerated += all.orderingsEnumerated();
                    evaluated += got.orderingsEnumerated();
                    accelerators.add(g.acceleratorName());
                } else {
                    assertThat(got).as(what).isInstanceOf(LayerCost.Infeasible.class);
                    infeasible++;
                }
            }
        }
        System.out.printf("exact mapper vs exhaustive: %d problems equal (%d of them below every prime ordering: LOMA's LPF-6 winner), %d infeasible"
                        + " in both; %,d orderings enumerated, %,d evaluated by the exact mapper%n", compared, belowPrimeSpace, infeasible, enumerated, evaluated);
        assertThat(compared).isGreaterThanOrEqualTo(300);
        assertThat(accelerators).containsExactlyInAnyOrderElementsOf(GeneratedNetworks.LIBRARY_ACCELERATORS);
        assertThat(evaluated).as("orderings the exact mapper evaluates").isLessThan(enumerated);
    }

    /**
     * The bound itself, checked directly: for random orderings of generated problems, the settled energy
     * of every innermost part never exceeds the energy of any ordering starting with the same loops
     * (random completions, each allocated and costed in full) — in both modes, fractional unrollings
     * and stride-2 windows included.
     */
    @Test
    void theBoundNeverExceedsAnOrderingWithTheSameInnermostLoops() {
        long checks = 0;
        for (long seed = 1; seed <= 150; seed++) {
            Random r = new Random(seed);
            GeneratedNetworks.OnLibrary g = GeneratedNetworks.onLibrary(seed, r, LIB);
            for (Layer layer : g.workload().layers()) {
                Map<String, Long> tile = GeneratedNetworks.randomTile(layer, r);
                SingleLayerProblem problem = new SingleLayerProblem(layer, tile, g.mapping().entryFor(layer).orElseThrow(),
                        HierarchyView.full(g.accelerator()), Integer.MAX_VALUE, r.nextBoolean() ? CompatFlags.DEFINES_2023 : CompatFlags.FIXED);
                PreparedProblem p = PreparedProblem.of(problem);
                TemporalOrder order = TemporalOrder.of(List.of(), LomaMapper.temporalLoops(p), problem.tileLoopSizes().keySet());
                List<io.defines.core.mapper.loma.Lpf> primes = io.defines.core.mapper.loma.LoopPrimeFactors.of(order.free(), Integer.MAX_VALUE);
                OrderingSearch leaf = new OrderingSearch(p, order, primes.size(), FastEnergy::new, true);
                OrderingSearch other = new OrderingSearch(p, order, primes.size(), FastEnergy::new, true);
                FastEnergy energy = new FastEnergy(p, leaf.dimIndex);
                for (int trial = 0; trial < 4; trial++) {
                    List<io.defines.core.mapper.loma.Lpf> perm = new java.util.ArrayList<>(primes);
                    java.util.Collections.shuffle(perm, r);
                    set(leaf, perm);
                    if (!leaf.evaluateCurrent()) {
                        continue;
                    }
                    for (int k = 0; k <= perm.size(); k++) {
                        double bound = leaf.knownEnergy(k);
                        for (int c = 0; c < 6; c++) {
                            List<io.defines.core.mapper.loma.Lpf> rest = new java.util.ArrayList<>(perm.subList(k, perm.size()));
                            java.util.Collections.shuffle(rest, r);
                            List<io.defines.core.mapper.loma.Lpf> completion = new java.util.ArrayList<>(perm.subList(0, k));
                            completion.addAll(rest);
                            set(other, completion);
                            if (!other.evaluateCurrent()) {
                                continue;
                            }
                            double e = energy.energy(other.dims, other.factors, other.allocator.cuts, Double.POSITIVE_INFINITY);
                            assertThat(bound).as("seed %d layer %s tile %s k %d: %s vs %s", seed, layer.id(), tile, k, perm, completion)
                                    .isLessThanOrEqualTo(e * (1 + 1e-12));
                            checks++;
                        }
                    }
                }
            }
        }
        System.out.printf("exact mapper bound: %,d (prefix, completion) pairs checked%n", checks);
        assertThat(checks).isGreaterThan(10_000);
    }

    private static void set(OrderingSearch s, List<io.defines.core.mapper.loma.Lpf> order) {
        for (int i = 0; i < order.size(); i++) {
            s.setFree(i, s.dimIndex.get(order.get(i).dim()), order.get(i).factor());
        }
    }

    /**
     * With a partial temporal_ordering (one dimension whole innermost, another whole outermost, the rest
     * searched) the exact mapper still reaches the exhaustive minimum of the constrained space, and its
     * winner keeps the fixed loops where they are listed.
     */
    @Test
    void constrainedOrderingsKeepTheirLoopsAndTheOptimum() {
        LomaMapper exhaustive = new LomaMapper();
        ExactMapper exact = new ExactMapper(FastEnergy::new, ExactMapper.DEFAULT_BUDGET, 0);
        int compared = 0;
        for (long seed = 1; compared < 60 && seed < 1_000; seed++) {
            Random r = new Random(seed);
            GeneratedNetworks.OnLibrary g = GeneratedNetworks.onLibrary(seed, r, LIB);
            for (Layer layer : g.workload().layers()) {
                Map<String, Long> tile = GeneratedNetworks.randomTile(layer, r);
                MappingEntry e = g.mapping().entryFor(layer).orElseThrow();
                SingleLayerProblem free = new SingleLayerProblem(layer, tile, e, HierarchyView.full(g.accelerator()), Integer.MAX_VALUE,
                        CompatFlags.FIXED);
                List<String> dims = LomaMapper.temporalLoops(PreparedProblem.of(free)).entrySet().stream()
                        .filter(x -> x.getValue() > 1).map(Map.Entry::getKey).toList();
                if (dims.size() < 3 || primeCount(free) > 11) {
                    continue;
                }
                String inner = dims.get(r.nextInt(dims.size()));
                String outer = dims.stream().filter(d -> !d.equals(inner)).toList().get(r.nextInt(dims.size() - 1));
                MappingEntry constrained = new MappingEntry(e.name(), e.spatialMapping(), e.spatialMappingHint(),
                        List.of(new TemporalLoop(inner, null), new TemporalLoop("*", null), new TemporalLoop(outer, null)), e.memoryOperandLinks());
                SingleLayerProblem p = new SingleLayerProblem(layer, tile, constrained, HierarchyView.full(g.accelerator()), Integer.MAX_VALUE,
                        CompatFlags.FIXED);
                LayerCost all = exhaustive.evaluate(p);
                LayerCost got = exact.evaluate(p);
                String what = "seed " + seed + " layer " + layer.id() + " " + inner + " innermost, " + outer + " outermost";
                if (!(all instanceof LayerCost.Mapped m)) {
                    assertThat(got).as(what).isInstanceOf(LayerCost.Infeasible.class);
                    continue;
                }
                LayerCost.Mapped x = (LayerCost.Mapped) got;
                assertThat(x.energyPj()).as(what).isCloseTo(Math.min(m.energyPj(), lomaAt(p, ExactMapper.SEED_LPF)),
                        org.assertj.core.data.Percentage.withPercentage(1e-10));
                for (var levels : x.temporalMapping().values()) {
                    List<Loop> order = levels.stream().flatMap(List::stream).toList();
                    assertThat(order.get(0).dim()).as(what).isEqualTo(inner);
                    assertThat(order.get(order.size() - 1).dim()).as(what).isEqualTo(outer);
                    assertThat(order.subList(1, order.size() - 1)).as(what).noneMatch(l -> l.dim().equals(inner) || l.dim().equals(outer));
                }
                compared++;
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(60);
    }

    /** An order that cannot hold is refused by the exact mapper as by LOMA, with the reason. */
    @Test
    void anImpossibleOrderIsRefused() {
        Layer layer = LIB.workload("fsrcnn").layers().get(2);
        MappingEntry e = LIB.mapping("meta-prototype", "fsrcnn").entryFor(layer).orElseThrow();
        MappingEntry bad = new MappingEntry(e.name(), e.spatialMapping(), e.spatialMappingHint(),
                List.of(new TemporalLoop("K", 7L), new TemporalLoop("*", null)), e.memoryOperandLinks());
        LayerCost c = new ExactMapper().evaluate(SingleLayerProblem.wholeLayer(layer, bad, HierarchyView.full(LIB.accelerator("meta-prototype-df")), 8,
                CompatFlags.FIXED));
        assertThat(c).isInstanceOfSatisfying(LayerCost.Infeasible.class, i -> assertThat(i.reason()).contains("loop of K of size 7"));
    }

    /**
     * A search that runs out of its budget says so (not proven optimal) and is never worse than LOMA at
     * the problem's LPF limit; one that ends within it is proven optimal and never worse either.
     */
    @Test
    void aBudgetEndsTheSearchWithoutAClaim() {
        Layer layer = LIB.workload("fsrcnn").layers().get(2);
        MappingEntry e = LIB.mapping("meta-prototype", "fsrcnn").entryFor(layer).orElseThrow();
        SingleLayerProblem p = new SingleLayerProblem(layer, Map.of("OX", 60L, "OY", 72L), e,
                HierarchyView.full(LIB.accelerator("meta-prototype-df")), 6, CompatFlags.FIXED);
        LayerCost.Mapped loma = (LayerCost.Mapped) new LomaMapper().evaluate(p);
        LayerCost.Mapped small = (LayerCost.Mapped) new ExactMapper(500).evaluate(p);
        assertThat(small.provenOptimal()).isFalse();
        assertThat(small.energyPj()).isLessThanOrEqualTo(loma.energyPj());
        assertThat(loma.provenOptimal()).as("LPF 6 merges factors of this tile").isFalse();
        LayerCost.Mapped full = (LayerCost.Mapped) new ExactMapper().evaluate(p);
        assertThat(full.provenOptimal()).isTrue();
        assertThat(full.energyPj()).isLessThanOrEqualTo(small.energyPj());
    }

    private static double lomaAt(SingleLayerProblem p, int lpf) {
        LayerCost c = new LomaMapper().evaluate(p.withLpfLimit(lpf));
        return c instanceof LayerCost.Mapped m ? m.energyPj() : Double.POSITIVE_INFINITY;
    }

    private static int primeCount(SingleLayerProblem p) {
        int n = 0;
        for (long s : LomaMapper.temporalLoops(PreparedProblem.of(p)).values()) {
            for (long f = 2; s > 1; ) {
                if (s % f == 0) {
                    s /= f;
                    n++;
                } else {
                    f++;
                }
            }
        }
        return n;
    }
}
