package io.defines.core.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.defines.core.input.Node.ListNode;
import io.defines.core.input.Node.MapNode;
import io.defines.core.input.Node.ScalarNode;
import io.defines.core.workload.Workload;
import java.io.StringReader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Anchors, aliases and merge keys are read as PyYAML (ZigZag's loader) reads them; one document per file. */
class YamlAliasesTest {

    private static Node read(String yaml, Problems problems) {
        return YamlTreeReader.read("t.yaml", new StringReader(yaml), problems);
    }

    private static final String LAYER = """
            - id: 0
              operator_type: Conv
              equation: O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]
              dimension_relations: [ix=1*ox+1*fx, iy=1*oy+1*fy]
              loop_dims: [B, K, C, OY, OX, FY, FX]
              loop_sizes: [1, 8, 3, 10, 12, 3, 3]
              operand_precision: %s
              operand_source: {W: 0, I: 0}
            - id: 1
              operator_type: Conv
              equation: O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]
              dimension_relations: [ix=1*ox+1*fx, iy=1*oy+1*fy]
              loop_dims: [B, K, C, OY, OX, FY, FX]
              loop_sizes: [1, 8, 8, 8, 10, 3, 3]
              operand_precision: %s
              operand_source: {W: 1, I: 0}
            """;

    @Test
    void anAliasGivesExactlyTheWorkloadOfTheMapWrittenOut() {
        Parsed<Workload> written = WorkloadReader.read("w.yaml", new StringReader(
                LAYER.formatted("{W: 8, I: 8, O: 16, O_final: 8}", "{W: 8, I: 8, O: 16, O_final: 8}")));
        Parsed<Workload> aliased = WorkloadReader.read("w.yaml", new StringReader(
                LAYER.formatted("&p {W: 8, I: 8, O: 16, O_final: 8}", "*p")));
        assertThat(written.diagnostics()).isEmpty();
        assertThat(aliased.diagnostics()).isEmpty();
        assertThat(aliased.value()).isEqualTo(written.value());
    }

    @Test
    void anAliasedValueHasThePointerOfItsUseAndTheAnchorsPositionsBelowIt() {
        Problems p = new Problems("t.yaml");
        MapNode root = (MapNode) read("""
                base: &b
                  size: 8
                  ops: [I1]
                copy: *b
                n: &n 3
                m: *n
                """, p);
        assertThat(p.diagnostics()).isEmpty();
        MapNode copy = (MapNode) root.get("copy");
        assertThat(copy.pointer()).isEqualTo("/copy");
        assertThat(copy.line()).isEqualTo(4);
        ScalarNode size = (ScalarNode) copy.get("size");
        assertThat(size.pointer()).isEqualTo("/copy/size");
        assertThat(size.line()).isEqualTo(2);
        assertThat(size.text()).isEqualTo("8");
        assertThat(((ListNode) copy.get("ops")).items().get(0).pointer()).isEqualTo("/copy/ops/0");
        ScalarNode m = (ScalarNode) root.get("m");
        assertThat(m.text()).isEqualTo("3");
        assertThat(m.type()).isEqualTo(Node.ScalarType.INTEGER);
        assertThat(m.line()).isEqualTo(6);
    }

    @Test
    void anAliasRefersToTheLastAnchorAboveIt() {
        Problems p = new Problems("t.yaml");
        MapNode root = (MapNode) read("a: &x 1\nb: *x\nc: &x 2\nd: *x\n", p);
        assertThat(p.diagnostics()).isEmpty();
        assertThat(((ScalarNode) root.get("b")).text()).isEqualTo("1");
        assertThat(((ScalarNode) root.get("d")).text()).isEqualTo("2");
    }

    @Test
    void anUndefinedAliasIsAnErrorAtItsPositionWithAHint() {
        Problems p = new Problems("t.yaml");
        Node root = read("a: &prec 8\nb:\n  c: *perc\n  d: *nothing_like_it\n", p);
        assertThat(root).isNull();
        assertThat(p.diagnostics()).hasSize(2);
        assertThat(p.diagnostics().get(0)).satisfies(d -> {
            assertThat(d.line()).isEqualTo(3);
            assertThat(d.column()).isEqualTo(6);
            assertThat(d.pointer()).isEqualTo("/b/c");
            assertThat(d.message()).contains("'*perc'").contains("no anchor");
            assertThat(d.hint()).isEqualTo("you meant '*prec'?");
        });
        assertThat(p.diagnostics().get(1).hint()).contains("&nothing_like_it");
    }

    @Test
    void mergeKeysWorkAsInPyYamlExplicitKeysWin() {
        Problems p = new Problems("t.yaml");
        MapNode root = (MapNode) read("""
                base: &base {size: 8, r_cost: 1, w_cost: 2}
                other: &other {size: 16, area: 5, latency: 1}
                one:
                  <<: *base
                  r_cost: 3
                two:
                  <<: [*base, *other]
                  latency: 2
                """, p);
        assertThat(p.diagnostics()).isEmpty();
        MapNode one = (MapNode) root.get("one");
        assertThat(one.entries().keySet()).containsExactly("size", "r_cost", "w_cost");
        assertThat(((ScalarNode) one.get("r_cost")).text()).isEqualTo("3");
        assertThat(one.get("size").pointer()).isEqualTo("/one/size");
        MapNode two = (MapNode) root.get("two");
        assertThat(((ScalarNode) two.get("size")).text()).as("the first mapping listed wins").isEqualTo("8");
        assertThat(((ScalarNode) two.get("latency")).text()).isEqualTo("2");
        assertThat(((ScalarNode) two.get("area")).text()).isEqualTo("5");
        assertThat(two.entries().keySet()).containsExactlyInAnyOrder("size", "area", "latency", "r_cost", "w_cost");
    }

    @Test
    void aQuotedMergeKeyIsAnOrdinaryKey() {
        Problems p = new Problems("t.yaml");
        MapNode root = (MapNode) read("base: &b {x: 1}\none:\n  \"<<\": *b\n", p);
        assertThat(p.diagnostics()).isEmpty();
        assertThat(((MapNode) root.get("one")).entries().keySet()).containsExactly("<<");
    }

    @Test
    void aMergeOfSomethingElseThanMappingsIsAnError() {
        Problems p = new Problems("t.yaml");
        assertThat(read("a: &a 3\nb:\n  <<: *a\n  c: 1\n", p)).isNull();
        assertThat(p.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(3);
            assertThat(d.message()).contains("merge key").contains("the integer 3");
            assertThat(d.hint()).contains("<<: *base");
        });
    }

    @Test
    void aBillionLaughsBombIsRefusedQuicklyWithALocatedError() {
        StringBuilder y = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= 9; i++) {
            y.append("a").append(i).append(": &a").append(i).append(" [");
            for (int k = 0; k < 10; k++) {
                y.append(k == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            y.append("]\n");
        }
        Problems p = new Problems("t.yaml");
        Node root = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> read(y.toString(), p));
        assertThat(root).isNull();
        assertThat(p.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).isBetween(6, 10);
            assertThat(d.message()).contains("expands to").contains(String.valueOf(Anchors.MAX_NODES));
            assertThat(d.hint()).isNotBlank();
        });
    }

    @Test
    void aDocumentOfMoreThanTheLimitOfValuesIsRefusedAtTheValueOverTheLimit() {
        Problems p = new Problems("t.yaml");
        Anchors counter = new Anchors(p);
        for (int i = 0; i < Anchors.MAX_NODES; i++) {
            counter.countOne(1, 1, "");
        }
        assertThat(p.diagnostics()).isEmpty();
        assertThatThrownBy(() -> counter.countOne(7, 3, "/0")).isInstanceOf(Anchors.Refused.class);
        assertThat(p.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(7);
            assertThat(d.message()).contains("more than 1000000 values");
            assertThat(d.hint()).isNotBlank();
        });
    }

    @Test
    void aSecondDocumentIsRefusedAtItsStart() {
        Problems p = new Problems("t.yaml");
        assertThat(read("a: 1\n---\nb: 2\n", p)).isNull();
        assertThat(p.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(3);
            assertThat(d.message()).contains("second YAML document");
            assertThat(d.hint()).contains("---");
        });
        Problems q = new Problems("t.yaml");
        assertThat(read("---\na: 1\n...\n", q)).as("one document with markers is fine").isNotNull();
        assertThat(q.diagnostics()).isEmpty();
    }

    @Test
    void anEmptySecondDocumentIsRefusedToo() {
        Problems p = new Problems("t.yaml");
        assertThat(read("a: 1\n---\n", p)).isNull();
        assertThat(p.diagnostics()).singleElement().satisfies(d -> assertThat(d.message()).contains("second YAML document"));
    }
}
