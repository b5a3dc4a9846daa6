package io.defines.explorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.RepoPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateModelCommandTest {

    @Test
    void theShippedDepfinMeasurementsValidateAndCalibrate(@TempDir Path tmp) throws IOException {
        Path csv = RepoPaths.root().resolve("measurements/depfin-published.csv");
        CliTest.Run r = CliTest.run("validate-model", csv.toString(), "--out", tmp.resolve("v").toString(), "--formats", "png");
        assertThat(r.exit()).as(r.err()).isZero();
        // one shared off-chip link without prefetch, drains stalling (hardware/depfin.yaml): FSRCNN within 5 %, no fitted parameter
        assertThat(r.out()).contains("latency_cycles       1         2.0%").contains("tops_per_w_core").contains("fsrcnn-io");
        assertThat(Files.readAllLines(tmp.resolve("v/validation.csv"))).hasSize(5);
        // the latency's parts per row, per layer in breakdown.csv, and the sensitivity to the facts it hinges on
        assertThat(r.out()).contains("fsrcnn-latency total 6,057,001 = compute 4,924,800").contains("exposed off-chip transfers 1,036,800");
        assertThat(r.out()).containsPattern("as is  serial +0 +6057000 +-2.0%").containsPattern("as is  overlapped +0 +4955400 +-19.8%")
                .contains("mccnn-core, latency_cycles (not measured: a prediction)").contains("a measured latency_cycles of this schedule");
        assertThat(Files.readAllLines(tmp.resolve("v/breakdown.csv"))).first().asString().startsWith("id,part,runs,compute_cycles,spatial_utilization");
        assertThat(Files.readAllLines(tmp.resolve("v/breakdown.csv"))).anySatisfy(l -> assertThat(l).startsWith("fsrcnn-latency,layer 7,540,"));
        assertThat(tmp.resolve("v/figures/parity-latency-cycles.png")).exists();
        CliTest.Run c = CliTest.run("validate-model", csv.toString(), "--out", tmp.resolve("c").toString(), "--formats", "svg",
                "--calibrate", "core,offchip,overhead");
        assertThat(c.exit()).as(c.err()).isZero();
        assertThat(c.out()).contains("overhead         29 cycles per layer run").contains("exact by construction");
        assertThat(tmp.resolve("c/depfin-calibrated.yaml")).exists();
        CliTest.Run v = CliTest.run("validate", tmp.resolve("c/depfin-calibrated.yaml").toString());
        assertThat(v.exit()).as(v.out() + v.err()).isZero();
    }

    @Test
    void badInputAndBadParametersExitTwo(@TempDir Path tmp) throws IOException {
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "id,workload,accelerator,tile_x,tile_y,overlap,latency_cycles,source\nx,nope.yaml,nope.yaml,1,1,fully-cached,abc,p\n");
        CliTest.Run r = CliTest.run("validate-model", bad.toString(), "--out", tmp.resolve("o").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("bad.csv:2:3: /workload: file 'nope.yaml' does not exist").contains("bad.csv:2:40: /latency_cycles")
                .contains("Maybe").doesNotContain("Exception");
        Path csv = RepoPaths.root().resolve("measurements/depfin-published.csv");
        CliTest.Run p = CliTest.run("validate-model", csv.toString(), "--out", tmp.resolve("p").toString(), "--calibrate", "core,mem:sram_w");
        assertThat(p.exit()).isEqualTo(2);
        assertThat(p.err()).contains("memory sram_w is scaled by more than one parameter").contains("Maybe");
        CliTest.Run q = CliTest.run("validate-model", csv.toString(), "--out", tmp.resolve("q").toString(), "--calibrate", "dram");
        assertThat(q.exit()).isEqualTo(2);
        assertThat(q.err()).contains("unknown calibration parameter 'dram'").contains("mem:<memory>");
    }
}
