package io.defines.core.cost;

import com.fasterxml.jackson.databind.JsonNode;
import io.defines.core.RepoPaths;
import io.defines.core.compat.CompatFlags;
import io.defines.core.golden.GoldenRuns;
import io.defines.core.mapper.LomaMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test that matters: every per-tile-type layer row of the 11 golden DeFiNES schedules (676 rows),
 * solved from its tile loop sizes and truncated chains with the library's accelerator and mapping at
 * LPF limit 6 in compatibility mode, must give DeFiNES' energy (relative error ≤ 1e-9), its three
 * latencies, its energy per operand and level, and its winning temporal mapping.
 */
class GoldenSingleLayerParityTest {

    static final GoldenRuns GOLDEN = new GoldenRuns(RepoPaths.root());

    record Outcome(GoldenRuns.Row row, double relEnergy, boolean latencyExact, boolean breakdownExact, boolean mappingEqual,
                   String detail) {
        boolean ok() {
            return relEnergy <= 1e-9 && latencyExact && breakdownExact && mappingEqual;
        }
    }

    @Test
    void everyGoldenLayerRowMatches() {
        List<GoldenRuns.Row> rows = GOLDEN.layerRows(6, CompatFlags.DEFINES_2023);
        List<Outcome> outcomes = new ArrayList<>();
        for (GoldenRuns.Row row : rows) {
            outcomes.add(compare(row, new LomaMapper().evaluate(row.problem())));
        }
        long ok = outcomes.stream().filter(Outcome::ok).count();
        long bitExact = outcomes.stream().filter(o -> o.relEnergy() == 0 && o.ok()).count();
        double worst = outcomes.stream().mapToDouble(Outcome::relEnergy).max().orElse(0);
        String summary = String.format("golden single-layer parity: %d rows, %d match (%d bit-exact energy), worst relative energy error %.3g",
                rows.size(), ok, bitExact, worst);
        System.out.println(summary);
        List<Outcome> bad = outcomes.stream().filter(o -> !o.ok())
                .sorted(Comparator.comparingDouble(Outcome::relEnergy).reversed()).limit(15).toList();
        StringBuilder sb = new StringBuilder(summary).append("\nworst rows:\n");
        bad.forEach(o -> sb.append("  ").append(o.row()).append(": ").append(o.detail()).append('\n'));
        assertThat(rows).hasSize(676);
        assertThat(bad).as(sb.toString()).isEmpty();
    }

    static Outcome compare(GoldenRuns.Row row, LayerCost cost) {
        JsonNode g = row.golden();
        if (!(cost instanceof LayerCost.Mapped m)) {
            return new Outcome(row, Double.POSITIVE_INFINITY, false, false, false, "infeasible: " + ((LayerCost.Infeasible) cost).reason());
        }
        double ge = g.get("E").asDouble();
        double rel = Math.abs(m.energyPj() - ge) / Math.abs(ge);
        boolean lat = m.latencyTotal0() == g.get("L0").asLong() && m.latencyTotal1() == g.get("L1").asLong()
                && m.latencyTotal2() == g.get("L2").asLong();
        boolean breakdown = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = g.get("energy_breakdown").fields(); it.hasNext();) {
            var e = it.next();
            double[] ours = m.energyPerLevelPj().get(GoldenRuns.ourOperand(e.getKey()));
            for (int i = 0; i < e.getValue().size(); i++) {
                double gv = e.getValue().get(i).asDouble();
                if (ours == null || i >= ours.length || Math.abs(ours[i] - gv) > 1e-9 * Math.max(1, Math.abs(gv))) {
                    breakdown = false;
                }
            }
        }
        boolean mapping = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = g.get("tm").fields(); it.hasNext();) {
            var e = it.next();
            List<List<Loop>> ours = m.temporalMapping().get(GoldenRuns.ourOperand(e.getKey()));
            mapping &= ours != null && text(ours).equals(goldenText(e.getValue()));
        }
        String detail = String.format("E %s vs %s (rel %.2g); L0/L1/L2 %d/%d/%d vs %d/%d/%d (SS %d vs %d, load %d vs %d, off %d vs %d); breakdown %s; tm %s",
                m.energyPj(), ge, rel, m.latencyTotal0(), m.latencyTotal1(), m.latencyTotal2(), g.get("L0").asLong(), g.get("L1").asLong(),
                g.get("L2").asLong(), m.stallCycles(), g.get("SS_comb").asLong(), m.onloadingCycles(), g.get("loading").asLong(),
                m.offloadingCycles(), g.get("offloading").asLong(), breakdown ? "ok" : "DIFF " + m.energyPerLevelPj().entrySet().stream()
                        .map(x -> x.getKey() + java.util.Arrays.toString(x.getValue())).toList() + " vs " + g.get("energy_breakdown"),
                mapping ? "ok" : "DIFF " + m.temporalMapping() + " vs " + g.get("tm"));
        return new Outcome(row, rel, lat, breakdown, mapping, detail);
    }

    static String text(List<List<Loop>> levels) {
        StringBuilder sb = new StringBuilder();
        for (List<Loop> l : levels) {
            sb.append('[');
            l.forEach(x -> sb.append(x.dim()).append((long) x.size()).append(' '));
            sb.append(']');
        }
        return sb.toString();
    }

    static String goldenText(JsonNode levels) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode l : levels) {
            sb.append('[');
            l.forEach(x -> sb.append(x.get(0).asText()).append(x.get(1).asLong()).append(' '));
            sb.append(']');
        }
        return sb.toString();
    }
}
