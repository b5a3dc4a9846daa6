package io.defines.core.depthfirst;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.defines.core.RepoPaths;
import io.defines.core.golden.GoldenRuns;
import io.defines.core.hardware.Accelerator;
import io.defines.core.hardware.MemoryOperand;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every copy layer of every tile type in the 11 golden DeFiNES runs: rebuilt from its actions' bits
 * and source/destination levels, the model must give DeFiNES' memory path and energy of each
 * action (bit-exact), and the copy layer's energy and latency (exact integer busy-time sum).
 */
class GoldenCopyParityTest {

    @Test
    void everyGoldenCopyLayerMatches() {
        GoldenRuns golden = new GoldenRuns(RepoPaths.root());
        int layers = 0;
        int actions = 0;
        List<String> bad = new ArrayList<>();
        for (JsonNode run : GoldenRuns.json().get("runs")) {
            Accelerator acc = golden.accelerator(GoldenRuns.acceleratorName(run.get("acc").asText()));
            for (JsonNode row : run.get("rows")) {
                if (!row.get("key").asText().startsWith("datamovement")) {
                    continue;
                }
                int t = 0;
                for (JsonNode type : row.get("per_type")) {
                    List<CopyAction> list = new ArrayList<>();
                    for (JsonNode a : type.get("actions")) {
                        list.add(new CopyAction(a.get(0).asLong(), MemoryOperand.valueOf(a.get(1).asText()), a.get(2).asInt(),
                                MemoryOperand.valueOf(a.get(3).asText()), a.get(4).asInt()));
                    }
                    DataCopyModel.CopyLayerCost c = DataCopyModel.copyLayer(acc, list, false);
                    String where = run.get("acc").asText() + " " + run.get("tx") + "x" + run.get("ty") + " mode " + run.get("mode").asText()
                            + " " + row.get("key").asText() + " type " + t++;
                    if (c.energyPj() != type.get("E").asDouble() || c.latencyCycles() != type.get("L").asLong()) {
                        bad.add(where + ": E " + c.energyPj() + " vs " + type.get("E") + ", L " + c.latencyCycles() + " vs " + type.get("L"));
                    }
                    for (int i = 0; i < list.size(); i++) {
                        JsonNode g = type.get("actions").get(i);
                        List<String> path = new ArrayList<>();
                        g.get(5).forEach(x -> path.add(x.asText()));
                        DataCopyModel.CostedAction ca = c.actions().get(i);
                        if (!ca.path().equals(path) || ca.energyPj() != g.get(6).asDouble()) {
                            bad.add(where + " action " + i + ": path " + ca.path() + " vs " + path + ", E " + ca.energyPj() + " vs " + g.get(6));
                        }
                        double hopSum = 0;
                        for (double[] e : ca.hopEnergiesPj()) {
                            hopSum += e[0] + e[1];
                        }
                        if (Math.abs(hopSum - ca.energyPj()) > 1e-9 * ca.energyPj()) {
                            bad.add(where + " action " + i + ": hop energies sum to " + hopSum + ", not " + ca.energyPj());
                        }
                        actions++;
                    }
                    layers++;
                }
            }
        }
        System.out.printf("golden copy parity: %d copy layers, %d actions, %d mismatches%n", layers, actions, bad.size());
        assertThat(bad).as(String.join("\n", bad.subList(0, Math.min(15, bad.size())))).isEmpty();
        assertThat(actions).isGreaterThan(500);
    }

    @Test
    void theWorkedExampleOfTheSpec() {
        // 29 600 bits DRAM -> sram_1MB_A -> sram_64KB on meta-prototype-df (defines-model §7.4)
        Accelerator acc = new GoldenRuns(RepoPaths.root()).accelerator("meta-prototype-df");
        DataCopyModel.CopyLayerCost c = DataCopyModel.copyLayer(acc,
                List.of(new CopyAction(29_600, MemoryOperand.I1, 2, MemoryOperand.I1, 0)), true);
        assertThat(c.actions().get(0).path()).containsExactly("dram", "sram_1MB_A", "sram_64KB");
        assertThat(c.energyPj()).isEqualTo(337_378.84, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(c.latencyCycles()).isEqualTo(521);
    }
}
