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

/**
 * The same exploration run locally, as 3 shards merged and on Spark local[2] gives identical
 * points.csv (up to eval_ms), pareto.csv and details.jsonl.
 */
class SparkSweepTest {

    static String withoutTimings(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().map(l -> l.substring(0, l.lastIndexOf(','))).collect(Collectors.joining("\n"));
    }

    static int cli(String... args) {
        return io.defines.explorer.cli.Main.run(args, new java.io.PrintWriter(java.io.Writer.nullWriter()),
                new java.io.PrintWriter(java.io.Writer.nullWriter()));
    }

    @Test
    void localShardsMergedAndSparkLocalTwoGiveTheSameFiles(@TempDir Path tmp) throws Exception {
        Path root = RepoPaths.root();
        Path x = tmp.resolve("small.yaml");
        Files.writeString(x, "name: small\n"
                + "workloads: [" + root.resolve("workloads/fsrcnn.yaml") + "]\n"
                + "accelerators: [" + root.resolve("hardware/meta-prototype-df.yaml") + "]\n"
                + "overlap: [fully-recompute, h-cached-v-recompute, fully-cached]\n"
                + "tile_x: [60, 240]\n"
                + "tile_y: [18, 72, 270]\n"
                + "lpf_limit: 4\n");
        assertThat(cli("sweep", x.toString(), "--out", tmp.resolve("local").toString())).isZero();
        for (int i = 1; i <= 3; i++) {
            assertThat(cli("sweep", x.toString(), "--shard", i + "/3", "--out", tmp.resolve("shard" + i).toString(), "--threads", "1")).isZero();
        }
        assertThat(cli("merge", tmp.resolve("shard1").toString(), tmp.resolve("shard2").toString(), tmp.resolve("shard3").toString(), "--out",
                tmp.resolve("merged").toString())).isZero();
        try (JavaSparkContext sc = new JavaSparkContext(SparkSweep.conf("local[2]"))) {
            SparkSweep.Result r = SparkSweep.run(sc, x, tmp.resolve("spark"), 4);
            assertThat(r.points()).isEqualTo(18);
            assertThat(r.batches()).isEqualTo(5);
        }
        for (String d : new String[] {"merged", "spark"}) {
            assertThat(withoutTimings(tmp.resolve(d + "/points.csv"))).as(d).isEqualTo(withoutTimings(tmp.resolve("local/points.csv")));
            assertThat(Files.readString(tmp.resolve(d + "/pareto.csv"))).as(d).isEqualTo(Files.readString(tmp.resolve("local/pareto.csv")));
            assertThat(Files.readString(tmp.resolve(d + "/details.jsonl"))).as(d).isEqualTo(Files.readString(tmp.resolve("local/details.jsonl")));
        }
        assertThat(Files.readString(tmp.resolve("spark/manifest.json"))).contains("\"engine\" : \"spark 4.2.0, master local[2], 5 batches\"");
    }
}
