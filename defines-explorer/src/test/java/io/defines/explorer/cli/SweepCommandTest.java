package io.defines.explorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.RepoPaths;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCommandTest {

    /** FSRCNN, 3 modes × 2 × 3 tiles at LPF 4: 18 points. */
    static Path exploration(Path dir) throws IOException {
        Path root = RepoPaths.root();
        Path f = dir.resolve("small.yaml");
        Files.writeString(f, "name: small\n"
                + "workloads: [" + root.resolve("workloads/fsrcnn.yaml") + "]\n"
                + "accelerators: [" + root.resolve("hardware/meta-prototype-df.yaml") + "]\n"
                + "overlap: [fully-recompute, h-cached-v-recompute, fully-cached]\n"
                + "tile_x: [60, 240]\n"
                + "tile_y: [18, 72, 270]\n"
                + "lpf_limit: 4\n");
        return f;
    }

    static String withoutTimings(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().map(l -> l.substring(0, l.lastIndexOf(','))).collect(Collectors.joining("\n"));
    }

    @Test
    void sweepsResumesAndReusesEverything(@TempDir Path tmp) throws IOException {
        Path f = exploration(tmp);
        CliTest.Run r = CliTest.run("sweep", f.toString(), "--out", tmp.resolve("out").toString(), "--threads", "2");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("18 points (0 reused, 18 evaluated, 0 infeasible)");
        assertThat(r.err()).contains("[18/18] 100%");
        assertThat(tmp.resolve("out/points.csv")).exists();
        assertThat(tmp.resolve("out/pareto.csv")).exists();
        assertThat(Files.readString(tmp.resolve("out/manifest.json"))).contains("\"points_done\" : 18").contains("\"cache_hits\"")
                .contains("input_sha256");
        CliTest.Run again = CliTest.run("sweep", f.toString(), "--out", tmp.resolve("out").toString());
        assertThat(again.out()).contains("18 points (18 reused, 0 evaluated, 0 infeasible)");
    }

    @Test
    void invalidExplorationExitsTwoWithDiagnostics(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("bad.yaml");
        Files.writeString(f, "workloads: [nope.yaml]\naccelerators: []\noverlap: [fully-cached]\ntile_x: [1]\ntile_y: [1]\n");
        CliTest.Run r = CliTest.run("sweep", f.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("bad.yaml:1:13: /workloads/0:").contains("Maybe").doesNotContain("Exception");
    }

    /** A sweep killed hard (SIGKILL) in a separate JVM, then resumed, ends with the files of an uninterrupted run. */
    @Test
    void hardKilledSweepResumesToTheSameFiles(@TempDir Path tmp) throws Exception {
        Path f = exploration(tmp);
        assertThat(CliTest.run("sweep", f.toString(), "--out", tmp.resolve("whole").toString(), "--threads", "2").exit()).isZero();
        Path dir = tmp.resolve("killed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process proc = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "sweep", f.toString(),
                "--out", dir.toString(), "--threads", "1")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        Path csv = dir.resolve("points.csv");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && (!Files.exists(csv) || Files.readAllLines(csv).size() < 4)) {
            Thread.sleep(20);
        }
        proc.destroyForcibly().waitFor();
        int rowsBefore = Files.readAllLines(csv).size() - 1;
        assertThat(rowsBefore).as("rows written before the kill").isBetween(3, 17);
        assertThat(dir.resolve("pareto.csv")).doesNotExist();
        CliTest.Run r = CliTest.run("sweep", f.toString(), "--out", dir.toString(), "--threads", "2");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).containsPattern("18 points \\(\\d+ reused");
        assertThat(withoutTimings(csv)).isEqualTo(withoutTimings(tmp.resolve("whole/points.csv")));
        assertThat(Files.readString(dir.resolve("pareto.csv"))).isEqualTo(Files.readString(tmp.resolve("whole/pareto.csv")));
        assertThat(Files.readString(dir.resolve("details.jsonl"))).isEqualTo(Files.readString(tmp.resolve("whole/details.jsonl")));
        assertThat(List.of(dir.toFile().list())).doesNotContain("points.csv.old", "details.jsonl.old");
        assertThat(new File(dir.toFile(), "manifest.json")).exists();
    }
}
