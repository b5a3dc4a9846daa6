package io.defines.core.depthfirst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.defines.core.RepoPaths;
import io.defines.core.compat.CompatFlags;
import io.defines.core.golden.GoldenRuns;
import io.defines.core.hardware.Accelerator;
import io.defines.core.input.AcceleratorReader;
import io.defines.core.mapper.SingleLayerCache;
import io.defines.core.mapping.Mapping;
import io.defines.core.schedule.CacheContext;
import io.defines.core.schedule.CachePlacement;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.OverlapPair;
import io.defines.core.schedule.OverlapStrategy;
import io.defines.core.schedule.Schedule;
import io.defines.core.schedule.StackSettings;
import io.defines.core.schedule.TileSize;
import io.defines.core.workload.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the engine's design promises: one engine evaluates many schedules from many threads with the
 * same results as one by one; every stack takes its own settings; a schedule that does not fit is a
 * value with a true reason; a new overlap strategy is one class.
 */
class EngineDesignTest {

    static final GoldenRuns LIB = new GoldenRuns(RepoPaths.root());
    static final int LPF = 4;

    private static DepthFirstEngine fsrcnn(Accelerator acc) {
        Workload w = LIB.workload("fsrcnn");
        Mapping m = LIB.mapping("meta-prototype", "fsrcnn");
        return new DepthFirstEngine(w, acc, m, new SingleLayerCache());
    }

    /** Per result key: Σ energy × multiplicity and the multiplicities, the fingerprint of a result. */
    private static Map<String, List<Object>> fingerprint(ScheduleResult r) {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        r.perKey().forEach((k, types) -> {
            double e = 0;
            List<Integer> muls = new ArrayList<>();
            for (TypeResult t : types) {
                e += t.energyPj() * t.multiplicity();
                muls.add(t.multiplicity());
            }
            out.put(k, List.of(e, muls));
        });
        return out;
    }

    @Test
    void oneEngineServesManyThreadsWithTheResultsOfOneByOne() throws Exception {
        DepthFirstEngine engine = fsrcnn(LIB.accelerator("meta-prototype-df"));
        List<Schedule> schedules = new ArrayList<>();
        for (String overlap : List.of("fully-recompute", "h=cache,v=global", "fully-cached")) {
            for (TileSize tile : List.of(new TileSize(60, 72), new TileSize(240, 270))) {
                OverlapPair p = OverlapPair.parse(overlap);
                schedules.add(Schedule.uniform(tile, p.horizontal(), p.vertical(), CutPolicy.AUTO, LPF, CompatFlags.FIXED));
            }
        }
        List<Map<String, List<Object>>> sequential = new ArrayList<>();
        for (Schedule s : schedules) {
            sequential.add(fingerprint(engine.evaluate(s).orThrow()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ScheduleResult>> futures = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (Schedule s : schedules) {
                    futures.add(pool.submit(() -> engine.evaluate(s).orThrow()));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(fingerprint(futures.get(i).get())).isEqualTo(sequential.get(i % schedules.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyStackRunsWithItsOwnSettings() {
        DepthFirstEngine engine = fsrcnn(LIB.accelerator("meta-prototype-df"));
        CutPolicy cuts = new CutPolicy.After(List.of(3));
        StackSettings a = new StackSettings(new TileSize(60, 72), OverlapStrategy.CACHE, OverlapStrategy.RECOMPUTE);
        StackSettings b = new StackSettings(new TileSize(16, 18), OverlapStrategy.GLOBAL, OverlapStrategy.CACHE);
        ScheduleResult mixed = engine.evaluate(new Schedule(cuts, List.of(a, b), LPF, CompatFlags.FIXED)).orThrow();
        ScheduleResult allA = engine.evaluate(new Schedule(cuts, List.of(a), LPF, CompatFlags.FIXED)).orThrow();
        ScheduleResult allB = engine.evaluate(new Schedule(cuts, List.of(b), LPF, CompatFlags.FIXED)).orThrow();
        assertThat(mixed.stacks()).extracting(StackResult::settings).containsExactly(a, b);
        assertThat(mixed.stacks()).extracting(StackResult::layerIds).containsExactly(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7));
        Map<String, List<Object>> got = fingerprint(mixed);
        Map<String, List<Object>> fromA = fingerprint(allA);
        Map<String, List<Object>> fromB = fingerprint(allB);
        double expectedEnergy = 0;
        for (var e : mixed.types().entrySet()) {
            int id = e.getKey() instanceof ResultKey.Layer l ? l.layerId() : ((ResultKey.CopiesBefore) e.getKey()).nodeId();
            boolean firstStack = id == -1 || (id >= 0 && id <= 3);
            Map<String, List<Object>> expected = firstStack ? fromA : fromB;
            String key = e.getKey().definesKey();
            assertThat(got.get(key)).as(key).isEqualTo(expected.get(key));
            expectedEnergy += (double) expected.get(key).get(0);
        }
        assertThat(mixed.energyPj()).isCloseTo(expectedEnergy, org.assertj.core.api.Assertions.within(1e-6 * expectedEnergy));
        assertThatThrownBy(() -> engine.evaluate(new Schedule(CutPolicy.LAYER_BY_LAYER, List.of(a, b), LPF, CompatFlags.FIXED)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("but its cuts make 8");
    }

    @Test
    void aScheduleThatDoesNotFitIsAValueWithATrueReason(@TempDir Path tmp) throws IOException {
        Path yaml = tmp.resolve("tiny-dram.yaml");
        Files.writeString(yaml, Files.readString(RepoPaths.root().resolve("hardware/meta-prototype-df.yaml"))
                .replace("size: 10000000000", "size: 800"));
        Accelerator tiny = AcceleratorReader.read(yaml).orThrow();
        ScheduleOutcome outcome = fsrcnn(tiny).evaluate(Schedule.uniform(60, 72, OverlapStrategy.CACHE, OverlapStrategy.CACHE,
                CutPolicy.AUTO, LPF, CompatFlags.FIXED));
        assertThat(outcome).isInstanceOf(ScheduleOutcome.Infeasible.class);
        ScheduleOutcome.Infeasible inf = (ScheduleOutcome.Infeasible) outcome;
        assertThat(inf.demandBits()).isGreaterThan(inf.capacityBits());
        assertThat(tiny.memory(inf.memory())).hasValueSatisfying(m -> assertThat(m.sizeBits()).isEqualTo(inf.capacityBits()));
        assertThat(inf.layerId()).isBetween(0, 7);
        assertThat(inf.message()).startsWith("layer " + inf.layerId() + " does not fit any widening of its memory levels: ");
        assertThatThrownBy(outcome::orThrow).isInstanceOf(IllegalStateException.class).hasMessage(inf.message());
    }

    /** A fourth strategy, as a user would add one: keep the overlap off-chip under another name. */
    record Spill() implements OverlapStrategy {
        @Override
        public String cliName() {
            return "spill-test";
        }

        @Override
        public boolean reusesOverlap() {
            return true;
        }

        @Override
        public CachePlacement place(CacheContext c) {
            return new CachePlacement(c.offChip(), c.basePeakBits());
        }
    }

    @Test
    void aNewOverlapStrategyIsOneClass() {
        if (!OverlapStrategy.names().contains("spill-test")) {
            OverlapStrategy.register(new Spill());
        }
        OverlapStrategy spill = OverlapStrategy.parse("spill-test");
        assertThat(spill).isInstanceOf(Spill.class);
        assertThat(OverlapPair.parse("h=spill-test,v=cache").horizontal()).isSameAs(spill);
        DepthFirstEngine engine = fsrcnn(LIB.accelerator("meta-prototype-df"));
        ScheduleResult viaSpill = engine.evaluate(Schedule.uniform(60, 72, spill, OverlapStrategy.CACHE, CutPolicy.AUTO, LPF,
                CompatFlags.FIXED)).orThrow();
        ScheduleResult viaGlobal = engine.evaluate(Schedule.uniform(60, 72, OverlapStrategy.GLOBAL, OverlapStrategy.CACHE, CutPolicy.AUTO,
                LPF, CompatFlags.FIXED)).orThrow();
        assertThat(fingerprint(viaSpill)).isEqualTo(fingerprint(viaGlobal));
        assertThat(viaSpill.energyPj()).isEqualTo(viaGlobal.energyPj());
    }
}
