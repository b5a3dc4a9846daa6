package io.defines.core.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.workload.Layer;
import io.defines.core.workload.LayerInput;
import io.defines.core.workload.Workload;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class WorkloadReaderTest {

    static Parsed<Workload> read(String yaml) {
        return WorkloadReader.read("w.yaml", new StringReader(yaml));
    }

    static final String TWO_CONVS = """
            - id: 0
              name: first
              operator_type: Conv
              equation: O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]
              dimension_relations: [ix=1*ox+1*fx, iy=1*oy+1*fy]
              loop_dims: [B, K, C, OY, OX, FY, FX]
              loop_sizes: [1, 8, 3, 10, 12, 3, 3]
              operand_precision: {W: 8, I: 8, O: 16, O_final: 8}
              operand_source: {W: 0, I: 0}
            - id: 1
              operator_type: Pooling
              equation: O[b][g][oy][ox]+=W[fx][fy]*I[b][g][iy][ix]
              dimension_relations: [ix=2*ox+1*fx, iy=2*oy+1*fy]
              loop_dims: [B, G, OY, OX, FX, FY]
              loop_sizes: [1, 8, 4, 5, 3, 3]
              operand_precision: {W: 0, I: 8, O: 16}
              operand_source: {W: 1, I: 0}
            """;

    @Test
    void producerDimensionsAreInferredFromIndexPositions() {
        Parsed<Workload> p = read(TWO_CONVS);
        assertThat(p.diagnostics()).isEmpty();
        Layer pool = p.value().layer(1).orElseThrow();
        LayerInput in = pool.inputs().get(0);
        assertThat(in.producerId()).isEqualTo(0);
        assertThat(in.producerDims()).containsExactly(
                java.util.Map.entry("B", "B"), java.util.Map.entry("G", "K"),
                java.util.Map.entry("IY", "OY"), java.util.Map.entry("IX", "OX"));
        assertThat(pool.name()).isEqualTo("layer1");
        assertThat(pool.outputPrecision()).as("O_final defaults to O").isEqualTo(16);
    }

    @Test
    void ownIdMeansNetworkInputForIAndWeightsForOtherOperands() {
        Workload w = read(TWO_CONVS).value();
        Layer first = w.layer(0).orElseThrow();
        assertThat(first.inputs()).singleElement().satisfies(i -> assertThat(i.isNetworkInput()).isTrue());
        assertThat(first.constantOperands()).containsExactly("W");
        assertThat(first.weightBits()).isEqualTo(8L * 3 * 3 * 3 * 8);
        assertThat(first.inputElements()).isEqualTo(3L * 12 * 14);
        assertThat(w.layer(1).orElseThrow().weightBits()).as("pooling's dummy operand has precision 0").isZero();
        assertThat(w.topologicalOrder()).extracting(Layer::id).containsExactly(0, 1);
        assertThat(w.consumers(0)).extracting(Layer::id).containsExactly(1);
    }

    @Test
    void paddingShrinksTheStoredInputAndExplicitPrSizesWin() {
        Parsed<Workload> p = read("""
                - id: 0
                  operator_type: Conv
                  equation: O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]
                  dimension_relations: [ix=1*ox+1*fx, iy=1*oy+1*fy]
                  loop_dims: [B, K, C, OY, OX, FY, FX]
                  loop_sizes: [1, 8, 3, 10, 12, 3, 3]
                  operand_precision: {W: 8, I: 8, O: 16, O_final: 8}
                  operand_source: {W: 0, I: 0}
                  pr_loop_dims: [IX, IY]
                  padding: [[1, 1], [0, 2]]
                - id: 1
                  operator_type: Conv
                  equation: O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]
                  dimension_relations: [ix=1*ox+1*fx, iy=1*oy+1*fy]
                  loop_dims: [B, K, C, OY, OX, FY, FX]
                  loop_sizes: [1, 8, 8, 10, 12, 3, 3]
                  operand_precision: {W: 8, I: 8, O: 16, O_final: 8}
                  operand_source: {W: 1, I: 0}
                  pr_loop_dims: [IX, IY]
                  pr_loop_sizes: [12, 10]
                """);
        assertThat(p.errors()).isEmpty();
        Layer l0 = p.value().layer(0).orElseThrow();
        assertThat(l0.tensorDims("I")).containsEntry("IX", 12L).containsEntry("IY", 10L);
        assertThat(p.value().layer(1).orElseThrow().tensorDims("I")).containsEntry("IX", 12L).containsEntry("IY", 10L);
        assertThat(p.diagnostics()).as("padded layers read no more than their producer writes").isEmpty();
    }

    @Test
    void readingBeyondTheProducerIsAWarningWithAPaddingHint() {
        Parsed<Workload> p = read(TWO_CONVS.replace("loop_sizes: [1, 8, 4, 5, 3, 3]", "loop_sizes: [1, 8, 5, 6, 3, 3]"));
        assertThat(p.ok()).isTrue();
        assertThat(p.diagnostics()).hasSize(2).allSatisfy(d -> {
            assertThat(d.isError()).isFalse();
            assertThat(d.hint()).contains("padding");
        });
        assertThat(p.diagnostics().get(1).render()).contains("reads 13 elements along IX of operand I, but layer 0 produces only 12 along OX");
    }

    @Test
    void cyclesAreReportedAtTheSourceThatClosesThem() {
        Parsed<Workload> p = read(TWO_CONVS.replace("operand_source: {W: 0, I: 0}", "operand_source: {W: 0, I: 1}"));
        assertThat(p.value()).isNull();
        assertThat(p.errors()).singleElement().satisfies(d -> {
            assertThat(d.message()).contains("cycle").contains("layer 0 → layer 1 → layer 0");
            assertThat(d.pointer()).endsWith("/operand_source/I");
        });
    }

    @Test
    void allProblemsAreCollectedNotJustTheFirst() {
        Parsed<Workload> p = read("""
                - id: 0
                  operator_type: Conv
                  equation: O[b][k]+=W[k][c]*I[b][cc]
                  loop_dims: [B, K, C]
                  loop_sizes: [1, 0]
                  operand_precision: {W: 8, I: 8, O: 16}
                  operand_source: {W: 0, I: 7}
                  stride: 2
                """);
        assertThat(p.errors()).extracting(Diagnostic::message).anySatisfy(m -> assertThat(m).contains("index 'cc'"))
                .anySatisfy(m -> assertThat(m).contains("3 loop_dims but 2 loop_sizes"))
                .anySatisfy(m -> assertThat(m).contains("loop size must be positive"))
                .anySatisfy(m -> assertThat(m).contains("unknown key 'stride'"));
        assertThat(p.errors().size()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void rankMismatchBetweenConsumerAndProducerIsAnError() {
        Parsed<Workload> p = read(TWO_CONVS.replace("equation: O[b][g][oy][ox]+=W[fx][fy]*I[b][g][iy][ix]",
                "equation: O[b][g][oy][ox]+=W[fx][fy]*I[g][iy][ix]"));
        assertThat(p.errors()).singleElement().satisfies(d -> assertThat(d.message()).contains("has 3 indices but its producer"));
    }
}
