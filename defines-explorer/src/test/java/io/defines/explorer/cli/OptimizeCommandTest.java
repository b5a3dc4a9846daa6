package io.defines.explorer.cli;

import static io.defines.explorer.cli.CliTest.repo;
import static io.defines.explorer.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.defines.core.testdomain.GeneratedDags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** optimize writes the front, one schedule file per point and the best, and the best file evaluates to the best row's numbers. */
class OptimizeCommandTest {

    @TempDir
    Path tmp;

    /** The generated DAG of {@code seed} as a workload file. */
    private Path dag(long seed) throws IOException {
        return Files.writeString(tmp.resolve("dag.yaml"), GeneratedDags.generate(seed).yaml());
    }

    /** The generated DAGs' mapping as a file. */
    private Path mapping() throws IOException {
        return Files.writeString(tmp.resolve("mapping.yaml"), GeneratedDags.MAPPING);
    }

    /**
     * optimize --mapper exact: every stack's layers searched by the exact mapper; the schedule files say
     * so, evaluate reproduces best's numbers from the file alone, and the exact best is no worse than
     * LOMA's (at the same LPF limit). An unknown mapper is refused with the names.
     */
    @Test
    void theExactMapperThroughOptimizeAndEvaluate() throws IOException {
        Path w = dag(5);
        Path m = mapping();
        String acc = repo("hardware/meta-prototype-df.yaml");
        Path exact = tmp.resolve("exact");
        CliTest.Run r = run("optimize", "--workload", w.toString(), "--accelerator", acc, "--mapping", m.toString(), "--tiles", "4x4;full",
                "--overlap", "fully-cached", "--lpf-limit", "4", "--mapper", "exact", "--out", exact.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(exact.resolve("best.yaml"))).contains("mapper: exact");
        JsonNode manifest = new ObjectMapper().readTree(exact.resolve("manifest.json").toFile());
        assertThat(manifest.get("mapper").asText()).isEqualTo("exact");
        CliTest.Run loma = run("optimize", "--workload", w.toString(), "--accelerator", acc, "--mapping", m.toString(), "--tiles", "4x4;full",
                "--overlap", "fully-cached", "--lpf-limit", "4", "--out", tmp.resolve("loma").toString());
        assertThat(loma.exit()).as(loma.err()).isZero();
        assertThat(Files.readString(tmp.resolve("loma/best.yaml"))).doesNotContain("mapper:");
        double exactBest = bestEnergy(exact);
        assertThat(exactBest).isLessThanOrEqualTo(bestEnergy(tmp.resolve("loma")) * (1 + 1e-12));
        CliTest.Run e = run("evaluate", "--workload", w.toString(), "--accelerator", acc, "--mapping", m.toString(),
                "--schedule", exact.resolve("best.yaml").toString(), "--format", "json");
        assertThat(e.exit()).as(e.err()).isZero();
        assertThat(new ObjectMapper().readTree(e.out()).get("energy_pj").asDouble()).isCloseTo(exactBest, org.assertj.core.api.Assertions.within(1e-5));
        CliTest.Run text = run("evaluate", "--workload", w.toString(), "--accelerator", acc, "--mapping", m.toString(), "--tile", "4x4",
                "--lpf-limit", "2", "--mapper", "exact");
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).containsPattern("mappings proven optimal over every loop ordering: (\\d+) of \\1 layer tile types\n");
        CliTest.Run lpf2 = run("evaluate", "--workload", w.toString(), "--accelerator", acc, "--mapping", m.toString(), "--tile", "4x4",
                "--lpf-limit", "2");
        assertThat(lpf2.out()).contains("(the others: LOMA's LPF limit merged loops");
        CliTest.Run bad = run("evaluate", "--workload", w.toString(), "--accelerator", acc, "--mapping", m.toString(), "--tile", "4x4",
                "--mapper", "exakt");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("no mapper called 'exakt'").contains("[loma, exact]").contains("Maybe --mapper exact");
    }

    private static double bestEnergy(Path dir) throws IOException {
        return Files.readAllLines(dir.resolve("front.csv")).stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[1])).min().orElseThrow();
    }

    @Test
    void theBestScheduleFileReproducesTheBestRow() throws IOException {
        Path w = dag(3);
        Path m = mapping();
        Path out = tmp.resolve("opt");
        CliTest.Run r = run("optimize", "--workload", w.toString(), "--accelerator", repo("hardware/meta-prototype-df.yaml"), "--mapping", m.toString(),
                "--tiles", "4x4;full", "--overlap", "defines", "--lpf-limit", "4", "--threads", "2", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("6 candidate settings per stack (2 tiles × 3 overlap strategies)")
                .contains("DeFiNES' automatic cuts, one setting for all stacks:").contains("layer by layer, one setting for all stacks:");
        List<String> rows = Files.readAllLines(out.resolve("front.csv"));
        assertThat(rows.get(0)).isEqualTo("schedule_id,energy_pj,latency_cycles,edp,onchip_peak_bits,dram_access_bits,mac_count,stacks,schedule_file");
        assertThat(rows).hasSizeGreaterThan(1);
        double bestEnergy = rows.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[1])).min().orElseThrow();
        for (String row : rows.subList(1, rows.size())) {
            assertThat(out.resolve(row.split(",")[8])).exists();
        }
        CliTest.Run e = run("evaluate", "--workload", w.toString(), "--accelerator", repo("hardware/meta-prototype-df.yaml"), "--mapping", m.toString(),
                "--schedule", out.resolve("best.yaml").toString(), "--format", "json");
        assertThat(e.exit()).as(e.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(e.out());
        assertThat(j.get("energy_pj").asDouble()).isCloseTo(bestEnergy, org.assertj.core.api.Assertions.within(1e-5));
        // baselines, the budget curve and the manifest
        assertThat(r.out()).contains("greedy cascades (Vela's manner), the best setting per stack:").contains("smallest budget any schedule fits:");
        assertThat(out.resolve("baselines/greedy-cascade.yaml")).exists();
        assertThat(out.resolve("baselines/layer-by-layer.yaml")).exists();
        List<String> budget = Files.readAllLines(out.resolve("budget.csv"));
        assertThat(budget.get(0)).startsWith("budget_bits,best_energy_pj,best_latency_cycles,best_schedule_id,greedy_energy_pj");
        assertThat(Double.parseDouble(budget.get(budget.size() - 1).split(",")[1])).isEqualTo(bestEnergy);
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.get("command").asText()).isEqualTo("optimize");
        assertThat(manifest.at("/inputs/workload/sha256").asText()).hasSize(64);
        assertThat(manifest.get("front_size").asInt()).isEqualTo(rows.size() - 1);
        // its figures, drawn from the folder's files
        CliTest.Run plot = run("plot", out.toString(), "--formats", "png,svg");
        assertThat(plot.exit()).as(plot.err()).isZero();
        for (String fig : List.of("optimizer-front-energy-latency", "optimizer-front-energy-peak", "optimizer-budget-curve", "optimizer-best-schedule")) {
            assertThat(Files.size(out.resolve("figures/" + fig + ".png"))).as(fig).isGreaterThan(5_000);
            assertThat(Files.readString(out.resolve("figures/" + fig + ".svg"))).as(fig).contains("<svg");
        }
        // a budget below every schedule's peak: nothing fits, exit 2
        CliTest.Run none = run("optimize", "--workload", w.toString(), "--accelerator", repo("hardware/meta-prototype-df.yaml"), "--mapping", m.toString(),
                "--tiles", "4x4", "--overlap", "fully-cached", "--lpf-limit", "4", "--sram-budget", "1b", "--out", tmp.resolve("none").toString());
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.out()).contains("no schedule fits the budget of 1 bits");
        // the same files with one thread as with two
        Path one = tmp.resolve("one");
        CliTest.Run single = run("optimize", "--workload", w.toString(), "--accelerator", repo("hardware/meta-prototype-df.yaml"), "--mapping", m.toString(),
                "--tiles", "4x4;full", "--overlap", "defines", "--lpf-limit", "4", "--threads", "1", "--out", one.toString());
        assertThat(single.exit()).as(single.err()).isZero();
        assertThat(Files.readString(one.resolve("front.csv"))).isEqualTo(Files.readString(out.resolve("front.csv")));
        assertThat(Files.readString(one.resolve("best.yaml"))).isEqualTo(Files.readString(out.resolve("best.yaml")));
        assertThat(Files.readString(one.resolve("budget.csv"))).isEqualTo(Files.readString(out.resolve("budget.csv")));
        CliTest.Run bad = run("optimize", "--workload", w.toString(), "--accelerator", repo("hardware/meta-prototype-df.yaml"), "--sram-budget", "2 parsecs");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--sram-budget '2 parsecs' is not a size").contains("Maybe 2MiB");
    }

    /**
     * With boundary tensors on chip (the default) every front schedule, its on_chip entries included,
     * evaluates to its row; off chip, no schedule keeps one and the best is no better; compat refuses on-chip.
     */
    @Test
    void schedulesKeepingTensorsOnChipEvaluateToTheirRows() throws IOException {
        Path w = dag(5);
        Path m = mapping();
        String acc = repo("hardware/meta-prototype-df.yaml");
        Path on = tmp.resolve("on");
        CliTest.Run r = run("optimize", "--workload", w.toString(), "--accelerator", acc, "--mapping", m.toString(), "--tiles", "4x4;full",
                "--overlap", "fully-cached", "--lpf-limit", "4", "--out", on.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("boundary tensors on or off chip");
        List<String> rows = Files.readAllLines(on.resolve("front.csv"));
        int kept = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            kept += Files.readString(on.resolve(f[8])).contains("on_chip:") ? 1 : 0;
            CliTest.Run e = run("evaluate", "--workload", w.toString(), "--accelerator", acc, "--mapping", m.toString(), "--schedule",
                    on.resolve(f[8]).toString(), "--format", "json");
            assertThat(e.exit()).as(e.err()).isZero();
            JsonNode j = new ObjectMapper().readTree(e.out());
            assertThat(j.get("energy_pj").asDouble()).as(row).isCloseTo(Double.parseDouble(f[1]), org.assertj.core.api.Assertions.within(1e-5));
            assertThat(j.get("latency_cycles").asLong()).as(row).isEqualTo(Long.parseLong(f[2]));
        }
        assertThat(kept).as("front schedules keeping a tensor on chip").isPositive();
        Path off = tmp.resolve("off");
        CliTest.Run o = run("optimize", "--workload", w.toString(), "--accelerator", acc, "--mapping", m.toString(), "--tiles", "4x4;full",
                "--overlap", "fully-cached", "--lpf-limit", "4", "--boundaries", "off-chip", "--out", off.toString());
        assertThat(o.exit()).as(o.err()).isZero();
        for (String row : Files.readAllLines(off.resolve("front.csv")).subList(1, Files.readAllLines(off.resolve("front.csv")).size())) {
            assertThat(Files.readString(off.resolve(row.split(",")[8]))).doesNotContain("on_chip");
        }
        JsonNode bestOn = new ObjectMapper().readTree(on.resolve("manifest.json").toFile()).get("best");
        JsonNode bestOff = new ObjectMapper().readTree(off.resolve("manifest.json").toFile()).get("best");
        assertThat(bestOn.get("energy_pj").asDouble()).isLessThanOrEqualTo(bestOff.get("energy_pj").asDouble());
        CliTest.Run compat = run("optimize", "--workload", w.toString(), "--accelerator", acc, "--mapping", m.toString(), "--boundaries", "on-chip",
                "--compat", "defines2023");
        assertThat(compat.exit()).isEqualTo(2);
        assertThat(compat.err()).contains("--boundaries on-chip is not in DeFiNES' model").contains("Maybe drop --compat");
    }
}
