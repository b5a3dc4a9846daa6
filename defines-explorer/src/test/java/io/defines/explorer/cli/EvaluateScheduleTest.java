package io.defines.explorer.cli;

import static io.defines.explorer.cli.CliTest.repo;
import static io.defines.explorer.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evaluate reports every stack's settings, refuses bad values through the converters, and an infeasible schedule is exit 2. */
class EvaluateScheduleTest {

    private static final String[] FSRCNN = {"evaluate", "--workload", repo("workloads/fsrcnn.yaml"),
        "--accelerator", repo("hardware/meta-prototype-df.yaml"), "--lpf-limit", "4"};

    private static String[] with(String[] base, String... more) {
        String[] out = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, out, base.length, more.length);
        return out;
    }

    @Test
    void everyStackIsReportedWithItsTileAndStrategies() throws IOException {
        CliTest.Run text = run(with(FSRCNN, "--tile", "60x72", "--overlap", "h=global,v=cache", "--cuts", "3"));
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("stacks   2: [[0, 1, 2, 3], [4, 5, 6, 7]]")
                .contains("  stack 1: layers [0, 1, 2, 3], tile 60x72, overlap h=global,v=cache")
                .contains("  stack 2: layers [4, 5, 6, 7], tile 60x72, overlap h=global,v=cache");
        CliTest.Run json = run(with(FSRCNN, "--tile", "60x72", "--overlap", "fully-cached", "--cuts", "3", "--format", "json"));
        JsonNode stacks = new ObjectMapper().readTree(json.out()).get("stack_schedules");
        assertThat(stacks).hasSize(2);
        assertThat(stacks.get(1).get("layers").toString()).isEqualTo("[4,5,6,7]");
        assertThat(stacks.get(1).get("tile").asText()).isEqualTo("60x72");
        assertThat(stacks.get(1).get("overlap").asText()).isEqualTo("h=cache,v=cache");
    }

    @Test
    void convertersRefuseWithAHint() {
        CliTest.Run cut = run(with(FSRCNN, "--tile", "60x72", "--cuts", "3,x"));
        assertThat(cut.exit()).isEqualTo(2);
        assertThat(cut.err()).contains("defines evaluate:").contains("'x' is not a layer id").contains("  Maybe --cuts 3,7");
        CliTest.Run compat = run(with(FSRCNN, "--tile", "60x72", "--compat", "defines2022"));
        assertThat(compat.exit()).isEqualTo(2);
        assertThat(compat.err()).contains("defines2022").contains("  Maybe --compat defines2023");
        CliTest.Run overlap = run(with(FSRCNN, "--tile", "60x72", "--overlap", "h=cache,v=never"));
        assertThat(overlap.exit()).isEqualTo(2);
        assertThat(overlap.err()).contains("'h=cache,v=never' is not an overlap strategy").contains("recompute, cache, global");
    }

    @Test
    void numbersOnTheCommandLineAreRangeChecked() {
        // --lpf-limit 0 and -3 used to be accepted (0 hung the search); 6.5 was picocli's bare "is not an int" with the usage
        for (String lpf : new String[] {"0", "-3", "65", "99999999999"}) {
            CliTest.Run r = run(with(FSRCNN, "--tile", "60x72", "--lpf-limit", lpf));
            assertThat(r.exit()).as(lpf).isEqualTo(2);
            assertThat(r.err()).as(lpf).startsWith("defines evaluate: --lpf-limit must be from 1 to 64, found " + lpf)
                    .contains("  Maybe --lpf-limit 6 (fast) or 8");
        }
        CliTest.Run half = run(with(FSRCNN, "--tile", "60x72", "--lpf-limit", "6.5"));
        assertThat(half.exit()).isEqualTo(2);
        assertThat(half.err()).startsWith("defines evaluate: --lpf-limit must be an integer (from 1 to 64), found '6.5'");
        CliTest.Run bench = run("bench", "--lpf", "6,0");
        assertThat(bench.exit()).isEqualTo(2);
        assertThat(bench.err()).startsWith("defines bench: --lpf must be from 1 to 64, found 0");
        // a repeated cut made an empty stack ("the cut list does not follow the network's branches")
        CliTest.Run twice = run(with(FSRCNN, "--tile", "60x72", "--cuts", "3,3"));
        assertThat(twice.exit()).isEqualTo(2);
        assertThat(twice.err()).startsWith("defines evaluate: --cuts lists layer 3 twice")
                .contains("  Maybe --cuts 3,7 (distinct layer ids after which a new stack starts) or --cuts none (one stack)");
        CliTest.Run empty = run(with(FSRCNN, "--tile", "60x72", "--cuts="));
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.err()).startsWith("defines evaluate: --cuts lists no layer ids");
        CliTest.Run huge = run(with(FSRCNN, "--tile", "60x72", "--cuts", "99999999999"));
        assertThat(huge.err()).startsWith("defines evaluate: --cuts entry 99999999999 is not a layer id: ids are from -1");
        CliTest.Run tile = run(with(FSRCNN, "--tile", "99999999999x72"));
        assertThat(tile.exit()).isEqualTo(2);
        assertThat(tile.err()).contains("'99999999999x72' is not of the form <TX>x<TY> with sizes from 1 to 2147483647 (2^31-1)").contains("  Maybe --tile 60x72");
    }

    @Test
    void anInfeasibleScheduleIsExitTwoWithItsReason(@TempDir Path tmp) throws IOException {
        Path acc = tmp.resolve("meta-prototype-df.yaml");
        Files.writeString(acc, Files.readString(Path.of(repo("hardware/meta-prototype-df.yaml"))).replace("size: 10000000000", "size: 800"));
        CliTest.Run r = run("evaluate", "--workload", repo("workloads/fsrcnn.yaml"), "--accelerator", acc.toString(),
                "--mapping", repo("hardware/mappings/meta-prototype/fsrcnn.yaml"), "--tile", "60x72", "--lpf-limit", "4");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("does not fit any widening of its memory levels").contains("Maybe").doesNotContain("internal error");
    }

    @Test
    void aSavedScheduleFileReproducesTheGridPointAndPerStackSettingsApply(@TempDir Path dir) throws IOException {
        Path saved = dir.resolve("point.yaml");
        CliTest.Run grid = run(with(FSRCNN, "--tile", "60x72", "--overlap", "h-cached-v-recompute", "--cuts", "3", "--format", "json",
                "--save-schedule", saved.toString()));
        assertThat(grid.exit()).as(grid.err()).isZero();
        assertThat(Files.readString(saved)).contains("lpf_limit: 4").contains("  - layers: [4, 5, 6, 7]\n    tile: 60x72\n    overlap: h=cache,v=recompute");
        String[] fromFile = {"evaluate", "--workload", repo("workloads/fsrcnn.yaml"), "--accelerator", repo("hardware/meta-prototype-df.yaml"),
            "--format", "json", "--schedule", saved.toString()};
        CliTest.Run again = run(fromFile);
        assertThat(again.exit()).as(again.err()).isZero();
        JsonNode a = new ObjectMapper().readTree(grid.out());
        JsonNode b = new ObjectMapper().readTree(again.out());
        for (String key : new String[] {"energy_pj", "latency_cycles", "mac_count", "onchip_peak_bits"}) {
            assertThat(b.get(key)).as(key).isEqualTo(a.get(key));
        }
        // the second stack alone changes: the first stack's layers cost what they cost in the grid point
        Path mixed = dir.resolve("mixed.yaml");
        Files.writeString(mixed, Files.readString(saved).replaceFirst("(?s)(layers: \\[4, 5, 6, 7\\]\n    tile: )60x72", "$1960x8"));
        fromFile[fromFile.length - 1] = mixed.toString();
        CliTest.Run m = run(fromFile);
        assertThat(m.exit()).as(m.err()).isZero();
        JsonNode c = new ObjectMapper().readTree(m.out());
        assertThat(c.get("stack_schedules").get(1).get("tile").asText()).isEqualTo("960x8");
        assertThat(c.get("stack_schedules").get(0).get("tile").asText()).isEqualTo("60x72");
        assertThat(c.get("energy_pj").asDouble()).isNotEqualTo(a.get("energy_pj").asDouble());
    }

    @Test
    void aScheduleFileIsCheckedAgainstTheWorkloadAndTheStacksTheEngineMakes(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "stacks:\n  - layers: [0, 1, 9]\n    tile: 60y72\n  - layers: [1, 2]\n    tile: 4x4\n    overlap: cachd\n");
        CliTest.Run r = run("evaluate", "--workload", repo("workloads/fsrcnn.yaml"), "--accelerator", repo("hardware/meta-prototype-df.yaml"),
                "--schedule", bad.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("bad.yaml:2:20: /stacks/0/layers/2: layer 9 is not a layer of workload 'fsrcnn'")
                .contains("bad.yaml:3:11: /stacks/0/tile: tile '60y72' is not of the form")
                .contains("bad.yaml:4:14: /stacks/1/layers/0: layer 1 is already in a stack (line 2)")
                .contains("bad.yaml:6:14: /stacks/1/overlap: overlap 'cachd' is not an overlap strategy");
        // every layer listed once, but the first stack is no run of the topological order
        Path split = dir.resolve("split.yaml");
        Files.writeString(split, "stacks:\n  - layers: [0, 2]\n    tile: 60x72\n  - layers: [1, 3, 4, 5, 6, 7]\n    tile: 60x72\n");
        CliTest.Run s = run("evaluate", "--workload", repo("workloads/fsrcnn.yaml"), "--accelerator", repo("hardware/meta-prototype-df.yaml"),
                "--lpf-limit", "4", "--schedule", split.toString());
        assertThat(s.exit()).isEqualTo(2);
        assertThat(s.err()).contains("--schedule gives the tiles, overlaps, cuts, LPF limit and compatibility mode");
        CliTest.Run t = run("evaluate", "--workload", repo("workloads/fsrcnn.yaml"), "--accelerator", repo("hardware/meta-prototype-df.yaml"),
                "--schedule", split.toString());
        assertThat(t.exit()).isEqualTo(2);
        assertThat(t.err()).contains("the stacks the engine makes from these cuts are [[0, 1, 2], [3, 4, 5, 6, 7]], not the listed ones")
                .contains("Maybe list each stack's layers as a run of the topological order [0, 1, 2, 3, 4, 5, 6, 7]");
    }
}
