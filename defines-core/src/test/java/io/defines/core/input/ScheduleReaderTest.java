package io.defines.core.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.RepoPaths;
import io.defines.core.compat.CompatFlags;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.OverlapStrategy;
import io.defines.core.schedule.Schedule;
import io.defines.core.schedule.SchedulePlan;
import io.defines.core.schedule.StackSettings;
import io.defines.core.schedule.TileSize;
import io.defines.core.workload.Workload;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Schedule files: read, turned into the engine's schedule (cuts after each stack's last layer), written back the same. */
class ScheduleReaderTest {

    private static final Workload FSRCNN = WorkloadReader.read(RepoPaths.root().resolve("workloads/fsrcnn.yaml")).orThrow();

    @Test
    void aPlanReadsWritesAndBecomesCutsAfterEachStack() {
        String yaml = """
                lpf_limit: 6
                compat: defines2023
                stacks:
                  - layers: [3, 0, 2, 1]
                    tile: 960x8
                  - layers: [4, 5, 6, 7]
                    tile: 60x72
                    overlap: h=global,v=recompute
                """;
        SchedulePlan plan = ScheduleReader.read("s.yaml", new StringReader(yaml), FSRCNN).orThrow();
        assertThat(plan.lpfLimit()).isEqualTo(6);
        assertThat(plan.flags()).isEqualTo(CompatFlags.DEFINES_2023);
        assertThat(plan.stacks().get(0).settings()).isEqualTo(new StackSettings(new TileSize(960, 8), OverlapStrategy.CACHE, OverlapStrategy.CACHE));
        assertThat(plan.stacks().get(1).settings()).isEqualTo(new StackSettings(new TileSize(60, 72), OverlapStrategy.GLOBAL, OverlapStrategy.RECOMPUTE));
        Schedule s = plan.schedule(FSRCNN);
        assertThat(s.cuts()).isEqualTo(new CutPolicy.After(List.of(3)));
        assertThat(s.stacks()).hasSize(2);
        SchedulePlan again = ScheduleReader.read("t.yaml", new StringReader(plan.toYaml()), FSRCNN).orThrow();
        assertThat(again).isEqualTo(plan);
        SchedulePlan one = ScheduleReader.read("u.yaml", new StringReader("stacks:\n  - layers: [0, 1, 2, 3, 4, 5, 6, 7]\n    tile: 4x4\n"), FSRCNN)
                .orThrow();
        assertThat(one.schedule(FSRCNN).cuts()).isEqualTo(CutPolicy.FUSED);
    }

    @Test
    void missingLayersAndBadValuesAreLocated() {
        Parsed<SchedulePlan> p = ScheduleReader.read("m.yaml", new StringReader("""
                lpf_limit: 0
                compat: defines2099
                stacks:
                  - layers: [0, 1]
                    tile: 4x4
                """), FSRCNN);
        assertThat(p.errors()).extracting(Diagnostic::message).anySatisfy(m -> assertThat(m).contains("lpf_limit"))
                .anySatisfy(m -> assertThat(m).contains("compat 'defines2099' is not a compatibility mode"));
        Parsed<SchedulePlan> q = ScheduleReader.read("n.yaml", new StringReader("stacks:\n  - layers: [0, 1]\n    tile: 4x4\n"), FSRCNN);
        assertThat(q.errors()).singleElement().satisfies(d -> {
            assertThat(d.message()).contains("layers [2, 3, 4, 5, 6, 7] of workload 'fsrcnn' are in no stack");
            assertThat(d.line()).isEqualTo(1); // at the stacks list
        });
    }
}
