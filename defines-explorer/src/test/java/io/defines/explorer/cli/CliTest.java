package io.defines.explorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.defines.core.RepoPaths;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    static String repo(String rel) {
        return RepoPaths.root().resolve(rel).toString();
    }

    @Test
    void describeWorkloadPrintsTheTotalsOfTheIssue() {
        Run r = run("describe", "workload", repo("workloads/fsrcnn.yaml"));
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("total MACs:        8362594208 (8.36 G)").contains("total weight bits: 127936 (15.6 KiB)")
                .contains("7  conv7  Conv  B1 K16 C56 OY540 OX960 FY3 FX3  4180377600");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void describeWorkloadAsJson() throws IOException {
        Run r = run("describe", "workload", repo("workloads/resnet18.yaml"), "--format", "json");
        assertThat(r.exit()).isZero();
        JsonNode n = new ObjectMapper().readTree(r.out());
        assertThat(n.get("mac_count").asLong()).isEqualTo(9353143424L);
        assertThat(n.get("layers")).hasSize(28);
        JsonNode add4 = n.get("layers").get(4);
        assertThat(add4.get("name").asText()).isEqualTo("add4");
        assertThat(add4.get("inputs")).hasSize(2);
        assertThat(add4.get("inputs").get(1).get("producer").asInt()).isEqualTo(3);
        assertThat(r.err()).as("the documented shortcut-channel warnings go to stderr").contains("warning");
    }

    @Test
    void describeAcceleratorShowsEachChainBottomUp() throws IOException {
        Run r = run("describe", "accelerator", repo("hardware/meta-prototype-df.yaml"));
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("D1=32 × D2=2 × D3=4 × D4=4 = 1024 MACs, 0.04 pJ/MAC")
                .contains("I2 chain").contains("rf_1B").contains("sram_1MB_W");
        JsonNode j = new ObjectMapper().readTree(run("describe", "accelerator", repo("hardware/meta-prototype-df.yaml"), "--format", "json").out());
        JsonNode o = j.get("chains").get("O");
        assertThat(o).hasSize(4);
        assertThat(o.get(0).get("memory").asText()).isEqualTo("rf_2B");
        assertThat(o.get(0).get("instances").asLong()).isEqualTo(512);
        assertThat(o.get(1).get("memory").asText()).isEqualTo("sram_64KB");
        assertThat(o.get(1).get("read_bandwidth_bits").asLong()).isEqualTo(512);
        assertThat(o.get(1).get("read_min_bits").asLong()).isEqualTo(64);
        assertThat(o.get(3).get("read_energy_pj").asDouble()).isEqualTo(700.0);
    }

    @Test
    void validateTheWholeLibrary() throws IOException {
        List<String> args = new ArrayList<>(List.of("validate", "-q"));
        try (Stream<Path> s = Stream.concat(Stream.concat(
                Files.list(RepoPaths.root().resolve("workloads")), Files.list(RepoPaths.root().resolve("hardware"))),
                Files.walk(RepoPaths.root().resolve("hardware/mappings")))) {
            s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(p -> args.add(p.toString()));
        }
        Run r = run(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("45 of 45 files valid, 3 warnings");
    }

    @Test
    void invalidFileExitsTwoWithLocatedDiagnosticsAndNoStackTrace(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(RepoPaths.root().resolve("hardware/tpu-like.yaml"))
                .replaceFirst("bandwidth_min: 64", "bandwidth_min: 4096"));
        Run r = run("validate", bad.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).containsPattern(bad + ":\\d+:\\d+: /memories/\\w+/ports/\\d/bandwidth_min: .*larger than bandwidth_max")
                .contains("\n  Maybe ").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).contains("INVALID " + bad);
    }

    @Test
    void missingFileAndUnknownKindAreInvalidInput(@TempDir Path dir) throws IOException {
        assertThat(run("validate", dir.resolve("nope.yaml").toString()).err()).contains("file not found");
        Path other = dir.resolve("other.yaml");
        Files.writeString(other, "hello: world\n");
        Run r = run("validate", other.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("cannot tell what this file is");
    }

    @Test
    void describingTheWrongKindOfFileIsInvalidInput() {
        Run r = run("describe", "workload", repo("hardware/tpu-like.yaml"));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("a workload file must be a list of layers").contains("nothing to describe");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("io.defines.core.input.InvalidInputCorpusTest#corpus")
    void everyBrokenCorpusFileExitsTwoWithoutAStackTrace(io.defines.core.input.InvalidInputCorpusTest.Case c) {
        Run r = run("validate", c.file().toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(c.file() + ":" + c.line() + ":").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void benchRunsOnAFewGoldenRowsAndNeedsTheLibrary(@TempDir Path dir) {
        Run r = run("bench", "--lpf", "6", "--max-rows", "12", "--library", RepoPaths.root().toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("LPF 6: 12 searches").contains("orderings/s per core").contains("slowest search")
                .contains("memo cache");
        Run missing = run("bench", "--library", dir.toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no workloads/ and hardware/").contains("Maybe");
    }

    @Test
    void evaluateGivesTheContractJsonAndDefinesNumbersInCompatMode() throws IOException {
        Run r = run("evaluate", "--workload", repo("workloads/fsrcnn.yaml"), "--accelerator", repo("hardware/meta-prototype-df.yaml"),
                "--tile", "60x72", "--overlap", "fully-cached", "--lpf-limit", "6", "--compat", "defines2023", "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        // DeFiNES' golden total for this schedule: 2 154 699 943.145 pJ, 20 187 977 cycles
        assertThat(j.get("energy_pj").asDouble()).isCloseTo(2_154_699_943.145, org.assertj.core.api.Assertions.within(1e-3));
        assertThat(j.get("latency_cycles").asLong()).isEqualTo(20_187_977);
        assertThat(j.get("mac_count").asLong()).isEqualTo(8_362_594_208L);
        assertThat(j.get("mac_energy_pj").asDouble()).isPositive();
        assertThat(j.get("stacks")).hasSize(1);
        JsonNode layer0 = j.get("layers").get(0);
        assertThat(layer0.get("id").asInt()).isZero();
        assertThat(layer0.get("tile_types")).hasSize(9);
        JsonNode first = layer0.get("tile_types").get(0);
        assertThat(first.get("multiplicity").asInt()).isEqualTo(1);
        assertThat(first.get("top_levels").get("W").asText()).isEqualTo("dram");
        assertThat(first.get("top_levels").get("I").asText()).isEqualTo("sram_64KB");
        assertThat(first.get("loop_sizes").get("OX").asLong()).isEqualTo(70);
        JsonNode input = j.get("copies").get(0);
        assertThat(input.get("before").asText()).isEqualTo("InputLayerNode_-1");
        JsonNode action = input.get("tile_types").get(0).get("actions").get(0);
        assertThat(action.get("bits").asLong()).isEqualTo(29_600);
        assertThat(action.get("source").asText()).isEqualTo("I1@dram");
        assertThat(action.get("destination").asText()).isEqualTo("I1@sram_64KB");
    }

    @Test
    void evaluateTextAndBadArguments() {
        Run r = run("evaluate", "--workload", repo("workloads/fsrcnn.yaml"), "--accelerator", repo("hardware/meta-prototype-df.yaml"),
                "--tile", "960x540", "--overlap", "fully-recompute", "--lpf-limit", "4");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("energy").contains("latency").contains("stacks   1").contains("layer 7");
        String[] base = {"evaluate", "--workload", repo("workloads/fsrcnn.yaml"), "--accelerator", repo("hardware/meta-prototype-df.yaml")};
        Run badTile = run(concat(base, "--tile", "60by72"));
        assertThat(badTile.exit()).isEqualTo(2);
        assertThat(badTile.err()).contains("<TX>x<TY>").contains("Maybe");
        Run badMode = run(concat(base, "--tile", "60x72", "--overlap", "sometimes"));
        assertThat(badMode.exit()).isEqualTo(2);
        Run lbl = run(concat(base, "--tile", "960x540", "--overlap", "fully-recompute", "--lpf-limit", "4", "--cuts", "layer-by-layer"));
        assertThat(lbl.exit()).as(lbl.err()).isZero();
        assertThat(lbl.out()).contains("stacks   8: [[0], [1], [2], [3], [4], [5], [6], [7]]");
        Run badCut = run(concat(base, "--tile", "60x72", "--cuts", "42"));
        assertThat(badCut.exit()).isEqualTo(2);
        assertThat(badCut.err()).contains("layer 42");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("frobnicate").exit()).isEqualTo(2);
        assertThat(run("describe", "network", "x.yaml").exit()).isEqualTo(2);
        assertThat(run("validate").exit()).isEqualTo(2);
        Run help = run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("validate").contains("describe");
    }
}
