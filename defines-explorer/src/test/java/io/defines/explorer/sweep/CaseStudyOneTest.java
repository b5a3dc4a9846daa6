package io.defines.explorer.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.defines.core.RepoPaths;
import io.defines.core.golden.GoldenRuns;
import io.defines.core.input.Parsed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped case-study-1 exploration expands to DeFiNES' 108 schedules, and its points that DeFiNES
 * was run on (9 of the 11 golden schedules) come out of a sweep with the golden totals.
 */
class CaseStudyOneTest {

    static final List<String> MODES = List.of("fully-recompute", "h-cached-v-recompute", "fully-cached");

    @Test
    void goldenPointsOfCaseStudyOne(@TempDir Path tmp) throws IOException {
        Parsed<Exploration> p = ExplorationReader.read(RepoPaths.root().resolve("explorations/case-study-1.yaml"));
        assertThat(p.diagnostics()).isEmpty();
        Exploration x = p.value();
        assertThat(x.points()).hasSize(108);
        assertThat(x.points()).allSatisfy(d -> {
            assertThat(d.lpfLimit()).isEqualTo(6);
            assertThat(d.compat()).isEqualTo("defines2023");
        });
        List<DesignPoint> golden = new ArrayList<>();
        List<JsonNode> runs = new ArrayList<>();
        for (JsonNode run : GoldenRuns.json().get("runs")) {
            if (!GoldenRuns.workloadName(run.get("wl").asText()).equals("fsrcnn")) {
                continue;
            }
            String mode = MODES.get(run.get("mode").asInt() - 1);
            DesignPoint d = x.points().stream()
                    .filter(q -> q.tileX() == run.get("tx").asLong() && q.tileY() == run.get("ty").asLong() && q.overlap().equals(mode))
                    .findFirst().orElseThrow();
            golden.add(d);
            runs.add(run);
        }
        assertThat(golden).hasSize(9);
        Sweep sweep = new Sweep(golden, 2);
        Sweep.Summary s = sweep.run(tmp, x.objectives(), null);
        assertThat(s.complete()).isTrue();
        List<String> rows = Files.readAllLines(tmp.resolve("points.csv"));
        int e = sweep.columns().indexOf("energy_pj");
        int l = sweep.columns().indexOf("latency_cycles");
        for (int i = 0; i < runs.size(); i++) {
            String[] cells = rows.get(i + 1).split(",");
            double ge = runs.get(i).get("E").asDouble();
            assertThat(Double.parseDouble(cells[e]) / ge - 1).as("energy of %s", rows.get(i + 1)).isBetween(-1e-12, 1e-12);
            assertThat(Long.parseLong(cells[l])).as("latency of %s", rows.get(i + 1)).isEqualTo(runs.get(i).get("L1").asLong());
        }
    }
}
