package io.defines.explorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three shards merged give the files of a local run; bad shard sets are refused. */
class MergeCommandTest {

    static void sweep(Path exploration, Path out, String... extra) {
        String[] args = new String[5 + extra.length];
        args[0] = "sweep";
        args[1] = exploration.toString();
        args[2] = "--out";
        args[3] = out.toString();
        args[4] = "--threads=2";
        System.arraycopy(extra, 0, args, 5, extra.length);
        CliTest.Run r = CliTest.run(args);
        assertThat(r.exit()).as(r.err()).isZero();
    }

    @Test
    void threeShardsMergedEqualALocalRun(@TempDir Path tmp) throws IOException {
        Path x = SweepCommandTest.exploration(tmp);
        sweep(x, tmp.resolve("local"));
        for (int i = 1; i <= 3; i++) {
            sweep(x, tmp.resolve("s" + i), "--shard", i + "/3");
        }
        assertThat(Files.readAllLines(tmp.resolve("s2/points.csv"))).hasSize(1 + 6); // 18 points round-robin
        assertThat(tmp.resolve("s2/pareto.csv")).doesNotExist();
        CliTest.Run m = CliTest.run("merge", tmp.resolve("s3").toString(), tmp.resolve("s1").toString(), tmp.resolve("s2").toString(), "--out",
                tmp.resolve("merged").toString());
        assertThat(m.exit()).as(m.err()).isZero();
        assertThat(m.out()).contains("merged 3 shards, 18 points");
        assertThat(SweepCommandTest.withoutTimings(tmp.resolve("merged/points.csv"))).isEqualTo(SweepCommandTest.withoutTimings(tmp.resolve("local/points.csv")));
        assertThat(Files.readString(tmp.resolve("merged/pareto.csv"))).isEqualTo(Files.readString(tmp.resolve("local/pareto.csv")));
        assertThat(Files.readString(tmp.resolve("merged/details.jsonl"))).isEqualTo(Files.readString(tmp.resolve("local/details.jsonl")));
        String manifest = Files.readString(tmp.resolve("merged/manifest.json"));
        assertThat(manifest).contains("\"merged_shards\"").contains("\"shard\" : \"2/3\"").contains("\"points_done\" : 18");
        // the merged folder plots like a local one
        assertThat(CliTest.run("plot", tmp.resolve("merged").toString(), "--formats", "png").exit()).isZero();
    }

    @Test
    void withoutDetailsTheRowsAreTheSameAndNothingNeedsThem(@TempDir Path tmp) throws IOException {
        Path x = SweepCommandTest.exploration(tmp);
        Path lean = tmp.resolve("lean.yaml");
        Files.writeString(lean, Files.readString(x) + "details: false\n");
        sweep(x, tmp.resolve("full"));
        sweep(lean, tmp.resolve("lean"));
        assertThat(tmp.resolve("lean/details.jsonl")).doesNotExist();
        assertThat(SweepCommandTest.withoutTimings(tmp.resolve("lean/points.csv"))).isEqualTo(SweepCommandTest.withoutTimings(tmp.resolve("full/points.csv")));
        assertThat(Files.readString(tmp.resolve("lean/pareto.csv"))).isEqualTo(Files.readString(tmp.resolve("full/pareto.csv")));
        // resume reuses every row without details
        CliTest.Run again = CliTest.run("sweep", lean.toString(), "--out", tmp.resolve("lean").toString());
        assertThat(again.out()).contains("18 points (18 reused, 0 evaluated");
        // shards without details merge
        sweep(lean, tmp.resolve("l1"), "--shard", "1/2");
        sweep(lean, tmp.resolve("l2"), "--shard", "2/2");
        assertThat(CliTest.run("merge", tmp.resolve("l1").toString(), tmp.resolve("l2").toString(), "--out", tmp.resolve("lm").toString()).exit())
                .isZero();
        assertThat(tmp.resolve("lm/details.jsonl")).doesNotExist();
        assertThat(SweepCommandTest.withoutTimings(tmp.resolve("lm/points.csv"))).isEqualTo(SweepCommandTest.withoutTimings(tmp.resolve("full/points.csv")));
        // plots draw what needs no details, and say what they skipped
        CliTest.Run plot = CliTest.run("plot", tmp.resolve("lean").toString(), "--formats", "png");
        assertThat(plot.exit()).isZero();
        assertThat(plot.err()).contains("no details.jsonl");
        assertThat(tmp.resolve("lean/figures/heatmap-energy.png")).exists();
    }

    @Test
    void refusesMissingDuplicatedAndForeignShards(@TempDir Path tmp) throws IOException {
        Path x = SweepCommandTest.exploration(tmp);
        sweep(x, tmp.resolve("s1"), "--shard", "1/2");
        sweep(x, tmp.resolve("s2"), "--shard", "2/2");
        Path other = tmp.resolve("other.yaml");
        Files.writeString(other, Files.readString(x).replace("tile_y: [18, 72, 270]", "tile_y: [18, 72]"));
        sweep(other, tmp.resolve("o2"), "--shard", "2/2");
        CliTest.Run missing = CliTest.run("merge", tmp.resolve("s1").toString(), "--out", tmp.resolve("m1").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("shard 2/2 missing").contains("Maybe run ./defines sweep FILE --shard 2/2");
        CliTest.Run twice = CliTest.run("merge", tmp.resolve("s1").toString(), tmp.resolve("s1").toString(), tmp.resolve("s2").toString(), "--out",
                tmp.resolve("m2").toString());
        assertThat(twice.exit()).isEqualTo(2);
        assertThat(twice.err()).contains("shard 1/2 is given twice").contains("Maybe");
        CliTest.Run foreign = CliTest.run("merge", tmp.resolve("s1").toString(), tmp.resolve("o2").toString(), "--out", tmp.resolve("m3").toString());
        assertThat(foreign.exit()).isEqualTo(2);
        assertThat(foreign.err()).contains("is a shard of another exploration").contains("Maybe");
        CliTest.Run badShard = CliTest.run("sweep", x.toString(), "--shard", "3/2");
        assertThat(badShard.exit()).isEqualTo(2);
        assertThat(badShard.err()).contains("a shard is i/N with 1 ≤ i ≤ N, not 3/2");
    }
}
