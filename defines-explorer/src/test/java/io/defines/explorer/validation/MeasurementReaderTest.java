package io.defines.explorer.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.defines.core.RepoPaths;
import io.defines.core.input.Diagnostic;
import io.defines.core.input.Parsed;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasurementReaderTest {

    static Parsed<List<Measurement>> read(String text) {
        return MeasurementReader.read("m.csv", new StringReader(text), RepoPaths.root().resolve("measurements"));
    }

    @Test
    void readsTheShippedDepfinFile() {
        Parsed<List<Measurement>> p = MeasurementReader.read(RepoPaths.root().resolve("measurements/depfin-published.csv"));
        assertThat(p.diagnostics()).isEmpty();
        assertThat(p.value()).extracting(Measurement::id).containsExactly("fsrcnn-latency", "fsrcnn-io", "mccnn-core", "mccnn-io");
        Measurement m = p.value().get(0);
        assertThat(m.measured()).containsEntry(Metric.LATENCY_CYCLES, 6.18e6).hasSize(1);
        assertThat(m.tileX()).isZero();
        assertThat(m.tileY()).isEqualTo(1);
        assertThat(m.relUncertainty()).isEqualTo(0.02);
        assertThat(p.value().get(1).include()).isFalse();
        assertThat(m.workload()).isEqualTo(RepoPaths.root().resolve("workloads/fsrcnn-same-960x540.yaml"));
    }

    @Test
    void aMalformedFileGetsEveryProblemAtItsCell() {
        Parsed<List<Measurement>> p = read("""
                id,workload,accelerator,tile_x,tile_y,overlap,latency_cycles,latency_ms,source,notse
                a,../workloads/fsrcnn.yaml,../hardware/depfin.yaml,960,1,fully-cached,6.18e6,,x,
                """);
        assertThat(p.ok()).isFalse();
        List<String> r = p.diagnostics().stream().map(Diagnostic::render).toList();
        assertThat(r).singleElement().satisfies(s -> assertThat(s).startsWith("m.csv:1:80: /notse: unknown column 'notse'").contains("'notes'"));
        Parsed<List<Measurement>> q = read("""
                # a comment
                id,workload,accelerator,tile_x,tile_y,overlap,latency_cycles,latency_ms,source
                a,../workloads/fsrcnn.yaml,../hardware/depfin.yaml,960,1,fully-cached,6.18e6,,paper
                a,../workloads/nope.yaml,../hardware/depfin.yaml,0,1,fully-cashed,six,,paper
                b,../workloads/fsrcnn.yaml,../hardware/depfin.yaml,full,1,fully-cached,,3.1,
                c,../workloads/fsrcnn.yaml,../hardware/depfin.yaml,full,1,fully-cached,,,paper,extra
                """);
        assertThat(q.ok()).isFalse();
        List<String> s = q.diagnostics().stream().map(Diagnostic::render).toList();
        assertThat(s).anySatisfy(x -> assertThat(x).startsWith("m.csv:4:1: /id: id 'a' is used twice"))
                .anySatisfy(x -> assertThat(x).startsWith("m.csv:4:3: /workload: file '../workloads/nope.yaml' does not exist"))
                .anySatisfy(x -> assertThat(x).startsWith("m.csv:4:50: /tile_x: tile_x '0' is not a positive integer or 'full'"))
                .anySatisfy(x -> assertThat(x).startsWith("m.csv:4:54: /overlap: 'fully-cashed' is not an overlap strategy"))
                .anySatisfy(x -> assertThat(x).startsWith("m.csv:4:67: /latency_cycles: latency_cycles 'six' is not a number"))
                .anySatisfy(x -> assertThat(x).startsWith("m.csv:5:").contains("/latency_ms: latency_ms needs the clock frequency"))
                .anySatisfy(x -> assertThat(x).startsWith("m.csv:5:").contains("/source: 'source' is empty"))
                .anySatisfy(x -> assertThat(x).startsWith("m.csv:6:").contains("row has 10 cells, the header 9"));
        assertThat(q.diagnostics()).allSatisfy(d -> assertThat(d.render()).contains("Maybe"));
    }

    @Test
    void headerProblems() {
        assertThat(read("").diagnostics()).singleElement().satisfies(d -> assertThat(d.message()).contains("no header row"));
        List<String> r = read("id,workload,source\n").diagnostics().stream().map(Diagnostic::render).toList();
        assertThat(r).anySatisfy(s -> assertThat(s).contains("no column 'accelerator'"))
                .anySatisfy(s -> assertThat(s).contains("no measured metric column"));
    }

    private static final String HEADER = "id,workload,accelerator,tile_x,tile_y,overlap,latency_cycles,source\n";
    private static final String ROW = "a,../workloads/fsrcnn.yaml,../hardware/depfin.yaml,960,1,fully-cached,6.18e6,paper\n";

    @Test
    void anUnclosedQuoteIsReportedWhereItOpensWithAHintAndWithoutTheParsersText() {
        Parsed<List<Measurement>> p = read("# measured\n" + HEADER + ROW + "b,\"../workloads/fsrcnn.yaml,x,960,1,fully-cached,1,paper\n");
        assertThat(p.ok()).isFalse();
        assertThat(p.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(4);
            assertThat(d.column()).isEqualTo(3);
            assertThat(d.message()).contains("never closed").doesNotContain("Source").doesNotContain("[");
            assertThat(d.hint()).contains("\"\"");
        });
        assertThat(MeasurementReader.unclosedQuote("a,\"b\"\"c\",d\n# \"x\ne")).isNull();
    }

    @Test
    void aUtf8ByteOrderMarkDoesNotTurnTheCommentLineIntoTheHeader(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.csv");
        Files.write(f, ("\uFEFF# measured by hand\n" + HEADER + ROW.replace("../", RepoPaths.root() + "/")).getBytes(StandardCharsets.UTF_8));
        Parsed<List<Measurement>> p = MeasurementReader.read(f);
        assertThat(p.diagnostics()).isEmpty();
        assertThat(p.value()).extracting(Measurement::id).containsExactly("a");
        assertThat(read("\uFEFF# c\n" + HEADER + ROW).diagnostics()).isEmpty();
    }

    @Test
    void malformedUtf8AndNulBytesAreLocatedWithAHint(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.csv");
        byte[] head = (HEADER + "a,caf").getBytes(StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(head, head.length + 2);
        bytes[head.length] = (byte) 0xE9;
        bytes[head.length + 1] = '\n';
        Files.write(f, bytes);
        assertThat(MeasurementReader.read(f).diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.column()).isEqualTo(6);
            assertThat(d.message()).contains("0xE9");
            assertThat(d.hint()).contains("UTF-8");
        });
        assertThat(read(HEADER + "a\0b\n").diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.column()).isEqualTo(2);
            assertThat(d.hint()).contains("binary or UTF-16");
        });
    }

    @Test
    void aDeviceOrAFolderIsRefusedBeforeReading(@TempDir Path dir) {
        assertThat(MeasurementReader.read(dir).diagnostics()).singleElement().satisfies(d -> assertThat(d.message()).contains("folder"));
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(zero));
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(30), () -> MeasurementReader.read(zero)).diagnostics())
                .singleElement().satisfies(d -> assertThat(d.message()).contains("not a regular file"));
    }

    @Test
    void aHugeCellIsShortenedInMessages() {
        String huge = "x".repeat(1_000_000);
        Parsed<List<Measurement>> p = read(HEADER + ROW.replace("fully-cached", huge));
        assertThat(p.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.message()).contains("… (1000000 characters)");
            assertThat(d.render().length()).isLessThan(400);
        });
    }

    @Test
    void aFractionalLpfLimitAndRepeatedCutsAreErrors() {
        // lpf_limit 6.5 used to become 6 silently; cuts 3;3 made an empty stack and an infeasible point
        Parsed<List<Measurement>> p = read("""
                id,workload,accelerator,tile_x,tile_y,overlap,latency_cycles,source,lpf_limit,cuts
                a,../workloads/fsrcnn.yaml,../hardware/depfin.yaml,960,1,fully-cached,6.18e6,paper,6.5,3;3
                """);
        assertThat(p.ok()).isFalse();
        assertThat(p.diagnostics()).extracting(Diagnostic::message).containsExactlyInAnyOrder(
                "lpf_limit 6.5 is not an integer",
                "cuts '3;3': cuts lists layer 3 twice; cuts are auto, none, layer-by-layer or distinct layer ids separated by ';'");
    }
}
