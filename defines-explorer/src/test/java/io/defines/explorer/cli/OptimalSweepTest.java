package io.defines.explorer.cli;

import static io.defines.explorer.cli.CliTest.repo;
import static io.defines.explorer.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.testdomain.GeneratedDags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exploration with {@code search: optimal}: one optimizer folder and one optimal.csv row per workload ×
 * accelerator, whose best is never worse than any point of the same exploration swept as a grid.
 */
class OptimalSweepTest {

    @TempDir
    Path tmp;

    @Test
    void oneBestSchedulePerPairNeverWorseThanTheGrid() throws IOException {
        Files.writeString(tmp.resolve("dag.yaml"), GeneratedDags.generate(3).yaml());
        Files.writeString(tmp.resolve("dag5.yaml"), GeneratedDags.generate(5).yaml());
        Files.writeString(tmp.resolve("mapping.yaml"), GeneratedDags.MAPPING);
        String exploration = """
                workloads: [dag.yaml, dag5.yaml]
                accelerators: [%s]
                mappings: [mapping.yaml]
                overlap: [fully-recompute, fully-cached]
                tile_x: [4, full]
                tile_y: [4, full]
                lpf_limit: 4
                objectives: [energy]
                """.formatted(repo("hardware/meta-prototype-df.yaml"));
        Files.writeString(tmp.resolve("grid.yaml"), exploration);
        Files.writeString(tmp.resolve("optimal.yaml"), exploration + "search: optimal\n");
        CliTest.Run o = run("sweep", tmp.resolve("optimal.yaml").toString(), "--out", tmp.resolve("opt").toString());
        assertThat(o.exit()).as(o.err()).isZero();
        List<String> rows = Files.readAllLines(tmp.resolve("opt/optimal.csv"));
        assertThat(rows.get(0)).isEqualTo(OptimalSweep.HEADER);
        assertThat(rows).hasSize(3);
        CliTest.Run g = run("sweep", tmp.resolve("grid.yaml").toString(), "--out", tmp.resolve("grid").toString());
        assertThat(g.exit()).as(g.err()).isZero();
        List<String> points = Files.readAllLines(tmp.resolve("grid/points.csv"));
        List<String> header = List.of(points.get(0).split(","));
        int workload = header.indexOf("workload");
        int energy = header.indexOf("energy_pj");
        for (String row : rows.subList(1, rows.size())) {
            String[] r = row.split(",");
            double best = Double.parseDouble(r[4]);
            assertThat(tmp.resolve("opt").resolve(r[13])).exists();
            assertThat(tmp.resolve("opt").resolve(r[13]).getParent().resolve("front.csv")).exists();
            double grid = points.stream().skip(1).map(l -> l.split(",", -1)).filter(p -> Path.of(r[1]).getFileName().toString().equals(p[workload] + ".yaml") && !p[energy].isEmpty())
                    .mapToDouble(p -> Double.parseDouble(p[energy])).min().orElseThrow();
            assertThat(best).as(row).isLessThanOrEqualTo(grid);
        }
    }
}
