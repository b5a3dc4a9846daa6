package io.defines.core.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.depthfirst.ConcatenationFixtures;
import io.defines.core.workload.Workload;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code operand_source: {I: [a, b]}}: a concatenation along the channels, and what is wrong with one, located. */
class ConcatSourcesTest {

    private static Parsed<Workload> read(String yaml) {
        return WorkloadReader.read("concat.yaml", new StringReader(yaml));
    }

    private static String withSource(String source) {
        return ConcatenationFixtures.CONCAT.replace("I: [1, 2]", source);
    }

    @Test
    void aWellFormedConcatenationReadsWithoutDiagnostics() {
        assertThat(read(ConcatenationFixtures.CONCAT).diagnostics()).isEmpty();
    }

    @Test
    void partsThatDoNotAddUpToTheLayersChannelsAreAnErrorAtTheList() {
        Parsed<Workload> p = read(ConcatenationFixtures.CONCAT.replace("loop_sizes: [1, 16, 32, 32, 32, 1, 1]", "loop_sizes: [1, 16, 40, 32, 32, 1, 1]"));
        assertThat(p.errors()).singleElement().satisfies(d -> {
            assertThat(d.message()).contains("the concatenation I has 32 channels along C (8 (layer 1) + 24 (layer 2)), but the layer reads 40");
            assertThat(d.line()).isEqualTo(lineOf(ConcatenationFixtures.CONCAT, "I: [1, 2]"));
            assertThat(d.hint()).contains("sum of its producers' channels");
        });
    }

    @Test
    void eachMistakeInTheListIsReportedAtItsItem() {
        Parsed<Workload> own = read(withSource("I: [1, 3]"));
        assertThat(own.errors()).extracting(Diagnostic::message).anySatisfy(m -> assertThat(m).contains("lists the layer's own id 3"));
        Parsed<Workload> twice = read(withSource("I: [1, 1]"));
        assertThat(twice.errors()).extracting(Diagnostic::message).anySatisfy(m -> assertThat(m).contains("lists channels of layer 1 twice"));
        Parsed<Workload> missing = read(withSource("I: [1, 7]"));
        assertThat(missing.errors()).extracting(Diagnostic::message).anySatisfy(m -> assertThat(m).contains("names layer 7, which does not exist"));
        Parsed<Workload> one = read(withSource("I: [1]"));
        assertThat(one.errors()).extracting(Diagnostic::message).anySatisfy(m -> assertThat(m).contains("lists 1 producer(s)"));
        Parsed<Workload> text = read(withSource("I: [1, two]"));
        assertThat(text.errors()).extracting(Diagnostic::message)
                .anySatisfy(m -> assertThat(m).contains("a part of the concatenation I must be a layer id or {layer: <id>, channels: [from, to], upsample: <s>}"));
        Parsed<Workload> overlapping = read(withSource("I: [{layer: 2, channels: [0, 16]}, {layer: 2, channels: [8, 24]}]"));
        assertThat(overlapping.errors()).extracting(Diagnostic::message).anySatisfy(m -> assertThat(m).contains("lists channels of layer 2 twice"));
        Parsed<Workload> beyond = read(withSource("I: [1, {layer: 2, channels: [0, 30]}]"));
        assertThat(beyond.errors()).extracting(Diagnostic::message).anySatisfy(m -> assertThat(m).contains("channels [0, 30] of layer 2, which has 24 channels"));
        for (Parsed<Workload> p : List.of(own, twice, missing, one, text, overlapping, beyond)) {
            assertThat(p.errors()).allSatisfy(d -> assertThat(d.line()).isEqualTo(lineOf(ConcatenationFixtures.CONCAT, "I: [1, 2]")));
        }
    }

    @Test
    void aPartMayBeAChannelRangeOfItsProducer() {
        // L3 reads L1's 8 channels and channels 4 … 27 of L2's 24: 8 + 20 = 28
        Parsed<Workload> p = read(withSource("I: [1, {layer: 2, channels: [4, 24]}]").replace("loop_sizes: [1, 16, 32, 32, 32, 1, 1]",
                "loop_sizes: [1, 16, 28, 32, 32, 1, 1]"));
        assertThat(p.diagnostics()).isEmpty();
        assertThat(p.value().layer(3).orElseThrow().inputs()).extracting(io.defines.core.workload.LayerInput::part).containsExactly(
                new io.defines.core.workload.LayerInput.Part("C", 0, 8, 0), new io.defines.core.workload.LayerInput.Part("C", 8, 20, 4));
    }

    @Test
    void aProducerWithoutChannelsCannotBeAPart() {
        String fc = """
                - id: 4
                  operator_type: Gemm
                  equation: O[b][x][oy][ox]+=W[x][c]*I[b][c][oy][ox]
                  loop_dims: [B, X, C, OY, OX]
                  loop_sizes: [1, 8, 16, 32, 32]
                  operand_precision: {W: 8, I: 8, O: 16, O_final: 8}
                  operand_source: {W: 4, I: 0}
                """;
        Parsed<Workload> p = read(withSource("I: [4, 2]") + fc);
        assertThat(p.errors()).extracting(Diagnostic::message).anySatisfy(m -> assertThat(m).contains("which has no channel index (K or G)"));
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle);
    }
}
