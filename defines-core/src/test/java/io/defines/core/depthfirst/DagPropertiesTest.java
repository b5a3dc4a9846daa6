package io.defines.core.depthfirst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.defines.core.RepoPaths;
import io.defines.core.compat.CompatFlags;
import io.defines.core.golden.GoldenRuns;
import io.defines.core.hardware.Accelerator;
import io.defines.core.input.MappingReader;
import io.defines.core.input.WorkloadReader;
import io.defines.core.mapper.SingleLayerCache;
import io.defines.core.mapping.Mapping;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.OverlapStrategy;
import io.defines.core.schedule.Schedule;
import io.defines.core.testdomain.GeneratedDags;
import io.defines.core.workload.Workload;
import java.io.StringReader;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties over generated DAGs (chains, residual blocks with identity and projection shortcuts,
 * interleaved listing, strides, dilations, padding, ceil-mode pooling, a second head, a classifier
 * tail without a feature map), with the MACs counted by the generator: every layer in
 * exactly one non-empty stack for every cut policy; the on-chip peak of one fused whole-map stack is
 * at least the largest inputs + output of a layer that stays in the stack; a whole-map tile and fully cached tiles compute
 * every MAC once; recomputing never computes fewer; breakdowns sum to the totals; listing the layers in
 * reverse (the same graph) gives the same stacks, MACs and latency, and the energy up to summation order.
 */
class DagPropertiesTest {

    static final Accelerator ACC = new GoldenRuns(RepoPaths.root()).accelerator("meta-prototype-df");

    /** 24 seeds by default; more with -Ddag.seeds=N (200 seeds: 400 cases, all green, 38 s on 2 cores). */
    static Stream<Long> seeds() {
        return LongStream.rangeClosed(1, Long.getLong("dag.seeds", 24)).boxed();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyLayerOnceAndEveryMacCounted(long seed) {
        GeneratedDags.Dag dag = GeneratedDags.generate(seed);
        Workload w = WorkloadReader.read("dag-" + seed + ".yaml", new StringReader(dag.yaml())).orThrow();
        assertThat(w.macCount()).as(dag.yaml()).isEqualTo(dag.macs());
        Mapping m = MappingReader.read("m.yaml", new StringReader(GeneratedDags.MAPPING), w, ACC).orThrow();
        DepthFirstEngine engine = new DepthFirstEngine(w, ACC, m, new SingleLayerCache());
        List<Integer> layers = IntStream.range(0, dag.layers()).boxed().toList();
        long side = lastSide(w);
        long tile = Math.max(1, side / 2);
        for (CutPolicy cuts : List.of(CutPolicy.AUTO, CutPolicy.FUSED, CutPolicy.LAYER_BY_LAYER)) {
            ScheduleResult whole = run(engine, cuts, side, OverlapStrategy.RECOMPUTE);
            assertThat(whole.stacks().stream().flatMap(s -> s.layerIds().stream()).sorted().toList()).as(cuts.text()).isEqualTo(layers);
            assertThat(whole.stacks()).allSatisfy(s -> assertThat(s.layerIds()).isNotEmpty());
            assertThat(whole.macCount()).as("whole map, " + cuts.text() + "\n" + dag.yaml()).isEqualTo(dag.macs());
            if (cuts == CutPolicy.FUSED) {
                // these networks fit on chip: while a layer whose output stays in the stack runs, its inputs and output are there
                assertThat(whole.onChipPeakBits()).as("on-chip peak\n" + dag.yaml()).isGreaterThanOrEqualTo(aliveTogether(dag));
            }
            ScheduleResult cached = run(engine, cuts, tile, OverlapStrategy.CACHE);
            assertThat(cached.macCount()).as("fully cached " + tile + ", " + cuts.text() + "\n" + dag.yaml()).isEqualTo(dag.macs());
            ScheduleResult recompute = run(engine, cuts, tile, OverlapStrategy.RECOMPUTE);
            assertThat(recompute.macCount()).isGreaterThanOrEqualTo(dag.macs());
            for (ScheduleResult r : List.of(whole, cached, recompute)) {
                double perMemory = r.energyPerMemoryPj(ACC).values().stream().mapToDouble(Double::doubleValue).sum();
                assertThat(perMemory + r.macEnergyPj()).isCloseTo(r.energyPj(), within(1e-9 * r.energyPj()));
                LatencyBreakdown lb = r.latencyBreakdown(ACC);
                assertThat(lb.compute() + lb.control() + lb.stalls() + lb.onloading() + lb.dataCopies() + lb.exposedTransfers()).isEqualTo(r.latencyCycles());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void theOrderLayersAreListedInChangesNoNumber(long seed) {
        GeneratedDags.Dag dag = GeneratedDags.generate(seed);
        String[] entries = dag.yaml().split("(?m)^(?=- id: )");
        List<String> reversed = new java.util.ArrayList<>(List.of(entries));
        java.util.Collections.reverse(reversed);
        Workload listed = WorkloadReader.read("a.yaml", new StringReader(dag.yaml())).orThrow();
        Workload reversedOrder = WorkloadReader.read("b.yaml", new StringReader(String.join("", reversed))).orThrow();
        Mapping m = MappingReader.read("m.yaml", new StringReader(GeneratedDags.MAPPING), listed, ACC).orThrow();
        Mapping m2 = MappingReader.read("m.yaml", new StringReader(GeneratedDags.MAPPING), reversedOrder, ACC).orThrow();
        DepthFirstEngine a = new DepthFirstEngine(listed, ACC, m, new SingleLayerCache());
        DepthFirstEngine b = new DepthFirstEngine(reversedOrder, ACC, m2, new SingleLayerCache());
        long tile = Math.max(1, lastSide(listed) / 2);
        for (CutPolicy cuts : List.of(CutPolicy.AUTO, CutPolicy.FUSED, CutPolicy.LAYER_BY_LAYER)) {
            ScheduleResult ra = run(a, cuts, tile, OverlapStrategy.CACHE);
            ScheduleResult rb = run(b, cuts, tile, OverlapStrategy.CACHE);
            assertThat(rb.macCount()).as(cuts.text()).isEqualTo(ra.macCount());
            assertThat(rb.latencyCycles()).as(cuts.text()).isEqualTo(ra.latencyCycles());
            assertThat(rb.stacks()).extracting(st -> st.layerIds().stream().sorted().toList()).as(cuts.text())
                    .containsExactlyInAnyOrderElementsOf(ra.stacks().stream().map(st -> st.layerIds().stream().sorted().toList()).toList());
            // the same terms, added in another order: equal up to the last bits of the double sum
            assertThat(rb.energyPj()).as(cuts.text()).isCloseTo(ra.energyPj(), within(1e-12 * ra.energyPj()));
        }
    }

    /** The largest inputs + output of a layer whose output another layer reads, from the generator's sizes. */
    private static long aliveTogether(GeneratedDags.Dag dag) {
        java.util.Map<Integer, Long> bits = new java.util.HashMap<>();
        bits.put(-1, dag.inputBits());
        java.util.Set<Integer> read = new java.util.HashSet<>();
        for (GeneratedDags.Tensor t : dag.tensors()) {
            bits.put(t.layer(), t.bits());
            read.addAll(t.reads());
        }
        long most = 0;
        for (GeneratedDags.Tensor t : dag.tensors()) {
            if (read.contains(t.layer())) {
                most = Math.max(most, t.bits() + t.reads().stream().mapToLong(bits::get).sum());
            }
        }
        return most;
    }

    /** The width of the last layer with a feature map larger than one pixel (the classifier tail has none). */
    private static long lastSide(Workload w) {
        long side = 1;
        for (var l : w.layers()) {
            Long ox = l.loopSizes().get("OX");
            if (ox != null && ox > 1) {
                side = ox;
            }
        }
        return side;
    }

    private static ScheduleResult run(DepthFirstEngine engine, CutPolicy cuts, long tile, OverlapStrategy s) {
        ScheduleOutcome o = engine.evaluate(Schedule.uniform(tile, tile, s, s, cuts, 4, CompatFlags.FIXED));
        assertThat(o).as(o instanceof ScheduleOutcome.Problem p ? p.message() : "").isInstanceOf(ScheduleOutcome.Feasible.class);
        return o.orThrow();
    }
}
