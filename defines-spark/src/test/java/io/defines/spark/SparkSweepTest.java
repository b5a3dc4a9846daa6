package io.defines.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.RepoPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same exploration on Spark local[2] and locally gives identical points.csv, pareto.csv and details.jsonl. */
class SparkSweepTest {

    static String withoutTimings(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().map(l -> l.substring(0, l.lastIndexOf(','))).collect(Collectors.joining("\n"));
    }

    @Test
    void sparkLocalTwoEqualsALocalRun(@TempDir Path tmp) throws Exception {
        Path root = RepoPaths.root();
        Path x = tmp.resolve("small.yaml");
        Files.writeString(x, "name: small\n"
                + "workloads: [" + root.resolve("workloads/fsrcnn.yaml") + "]\n"
                + "accelerators: [" + root.resolve("hardware/meta-prototype-df.yaml") + "]\n"
                + "overlap: [fully-recompute, h-cached-v-recompute, fully-cached]\n"
                + "tile_x: [60, 240]\n"
                + "tile_y: [18, 72, 270]\n"
                + "lpf_limit: 4\n");
        int code = io.defines.explorer.cli.Main.run(new String[] {"sweep", x.toString(), "--out", tmp.resolve("local").toString()},
                new java.io.PrintWriter(java.io.Writer.nullWriter()), new java.io.PrintWriter(java.io.Writer.nullWriter()));
        assertThat(code).isZero();
        try (JavaSparkContext sc = new JavaSparkContext(SparkSweep.conf("local[2]"))) {
            SparkSweep.Result r = SparkSweep.run(sc, x, tmp.resolve("spark"), 4);
            assertThat(r.points()).isEqualTo(18);
            assertThat(r.batches()).isEqualTo(5);
        }
        assertThat(withoutTimings(tmp.resolve("spark/points.csv"))).isEqualTo(withoutTimings(tmp.resolve("local/points.csv")));
        assertThat(Files.readString(tmp.resolve("spark/pareto.csv"))).isEqualTo(Files.readString(tmp.resolve("local/pareto.csv")));
        assertThat(Files.readString(tmp.resolve("spark/details.jsonl"))).isEqualTo(Files.readString(tmp.resolve("local/details.jsonl")));
        assertThat(Files.readString(tmp.resolve("spark/manifest.json"))).contains("\"engine\" : \"spark 4.2.0, master local[2], 5 batches\"");
    }
}
