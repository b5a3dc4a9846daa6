package io.defines.core.depthfirst;

import com.fasterxml.jackson.databind.JsonNode;
import io.defines.core.RepoPaths;
import io.defines.core.compat.CompatFlags;
import io.defines.core.cost.LayerCost;
import io.defines.core.golden.GoldenRuns;
import io.defines.core.mapper.SingleLayerCache;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.Schedule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole-schedule parity with the golden DeFiNES runs that the engine covers so far (single stack,
 * all three overlap modes): per key the tile-type multiplicities, per layer and type the tile loop sizes,
 * truncated chains, energy and latency, per copy layer energy and latency, and the totals
 * (energy within 0.1 %, latency within 1 % — both are in fact exact here).
 */
class GoldenDepthFirstParityTest {

    static final GoldenRuns LIB = new GoldenRuns(RepoPaths.root());

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void goldenRunsMatch(int runIndex) {
        JsonNode run = GoldenRuns.json().get("runs").get(runIndex);
        String mode = run.get("mode").asText();
        String acc = GoldenRuns.acceleratorName(run.get("acc").asText());
        String wl = GoldenRuns.workloadName(run.get("wl").asText());
        DepthFirstEngine engine = new DepthFirstEngine(LIB.workload(wl), LIB.accelerator(acc), LIB.mapping(acc.replace("-df", ""), wl),
                new SingleLayerCache());
        ScheduleResult r = engine.evaluate(Schedule.cachingOrRecompute(run.get("tx").asLong(), run.get("ty").asLong(),
                !mode.equals("1"), mode.equals("3"), CutPolicy.AUTO, 6, CompatFlags.DEFINES_2023)).orThrow();
        List<String> bad = new ArrayList<>();
        for (JsonNode row : run.get("rows")) {
            String key = row.get("key").asText();
            List<TypeResult> ours = r.perKey().get(key);
            if (ours == null) {
                bad.add(key + ": missing");
                continue;
            }
            List<Integer> muls = ours.stream().map(TypeResult::multiplicity).toList();
            List<Integer> gm = new ArrayList<>();
            row.get("muls").forEach(m -> gm.add(m.asInt()));
            if (!muls.equals(gm)) {
                bad.add(key + ": multiplicities " + muls + " vs " + gm);
                continue;
            }
            for (int t = 0; t < ours.size(); t++) {
                TypeResult o = ours.get(t);
                JsonNode g = row.get("per_type").get(t);
                double ge = g.get("E").asDouble();
                long gl = g.has("L1") ? g.get("L1").asLong() : g.get("L").asLong();
                if (Math.abs(o.energyPj() - ge) > 1e-9 * Math.max(1, ge) || o.latencyCycles() != gl) {
                    bad.add(key + " type " + t + ": E " + o.energyPj() + " vs " + ge + ", L " + o.latencyCycles() + " vs " + gl
                            + (o.layer() instanceof LayerCost.Mapped m ? " sizes " + o.loopSizes() + " vs " + g.get("loop_dim_size")
                            + " chains " + m.memoryNames() + " vs " + g.get("mem_names") : ""));
                }
            }
        }
        double ge = run.get("E").asDouble();
        long gl = run.get("L1").asLong();
        System.out.printf("golden DF run %d (%s %s %dx%d mode " + mode + "): E %.6g vs %.6g (%.2e), L %d vs %d, %d mismatching rows%n", runIndex, acc, wl,
                run.get("tx").asInt(), run.get("ty").asInt(), r.energyPj(), ge, r.energyPj() / ge - 1, r.latencyCycles(), gl, bad.size());
        assertThat(bad).as(String.join("\n", bad.subList(0, Math.min(12, bad.size())))).isEmpty();
        assertThat(Math.abs(r.energyPj() / ge - 1)).isLessThan(1e-3);
        assertThat(Math.abs((double) r.latencyCycles() / gl - 1)).isLessThan(1e-2);
    }
}
