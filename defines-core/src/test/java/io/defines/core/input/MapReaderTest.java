package io.defines.core.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.input.Node.ListNode;
import io.defines.core.input.Node.MapNode;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The list and mapping helpers every reader shares: typed values with their nodes, the rest reported. */
class MapReaderTest {

    static MapNode tree(String yaml, Problems problems) {
        return (MapNode) YamlTreeReader.read("t.yaml", new StringReader(yaml), problems);
    }

    @Test
    void longsKeepsIntegersAndReportsTheRest() {
        Problems problems = new Problems("t.yaml");
        MapNode root = tree("sizes: [1, x, 3]\n", problems);
        List<Located<Long>> sizes = MapReader.longs((ListNode) root.get("sizes"), problems, "a size", "write a whole number");
        assertThat(sizes).extracting(Located::value).containsExactly(1L, 3L);
        assertThat(problems.diagnostics()).extracting(Diagnostic::render)
                .containsExactly("t.yaml:1:12: /sizes/1: a size must be an integer, found the string 'x'" + System.lineSeparator()
                        + "  Maybe write a whole number");
        assertThat(MapReader.longs(null, problems, "a size", "")).isEmpty();
    }

    @Test
    void longMapKeepsIntegersAndReportsTheRest() {
        Problems problems = new Problems("t.yaml");
        MapNode root = tree("bits: {W: 8, I: eight}\n", problems);
        Map<String, Located<Long>> bits = MapReader.longMap((MapNode) root.get("bits"), problems, "precision");
        assertThat(bits).containsOnlyKeys("W");
        assertThat(bits.get("W").value()).isEqualTo(8L);
        assertThat(problems.diagnostics()).extracting(Diagnostic::message)
                .containsExactly("precision of 'I' must be an integer, found the string 'eight'");
    }

    @Test
    void pairsKeepsIntegerPairsAndReportsTheRest() {
        Problems problems = new Problems("t.yaml");
        MapNode root = tree("padding: [[1, 2], [3], 4]\n", problems);
        List<Located<long[]>> pairs = MapReader.pairs((ListNode) root.get("padding"), problems, "each entry must be a pair", "write [a, b]");
        assertThat(pairs).extracting(Located::value).containsExactly(new long[] {1, 2});
        assertThat(problems.diagnostics()).extracting(Diagnostic::message)
                .containsExactly("each entry must be a pair, found a list", "each entry must be a pair, found the integer 4");
    }

    @Test
    void anItemThatIsNotAPlainValueGetsAHintSayingWhatToDo() {
        Problems p = new Problems("t.yaml");
        Node.MapNode root = (Node.MapNode) YamlTreeReader.read("t.yaml", new java.io.StringReader("""
                operands: [I1, {I2: tl}, [O], ]
                allocation:
                  - I2: tl
                  -
                """), p);
        MapReader.strings((Node.ListNode) root.get("operands"), p, "a memory operand");
        MapReader.strings((Node.ListNode) root.get("allocation"), p, "an allocation");
        assertThat(p.diagnostics()).hasSize(4).allSatisfy(d -> {
            assertThat(d.message()).contains("must be a plain value");
            assertThat(d.hint()).isNotBlank();
        });
        assertThat(p.diagnostics().get(0).hint()).contains("mapping");
        assertThat(p.diagnostics().get(1).hint()).contains("brackets");
        assertThat(p.diagnostics().get(3).hint()).contains("empty item");
    }

    @Test
    void longValuesAndKeysAreShortenedInMessagesAndPointers() {
        String huge = "v".repeat(1_000_000);
        Problems p = new Problems("t.yaml");
        Node.MapNode root = (Node.MapNode) YamlTreeReader.read("t.yaml", new java.io.StringReader(
                "size: " + huge.substring(0, 60_000) + "\n" + huge.substring(0, 1000).replace('v', 'k') + ": 1\n"), p);
        MapReader r = new MapReader(root, p, "memory 'x'");
        r.integer("size", true, "8");
        r.finish();
        assertThat(p.diagnostics()).hasSize(2).allSatisfy(d -> assertThat(d.render().length()).isLessThan(500));
        assertThat(p.diagnostics().get(0).message()).contains("'vvvvvvvvvv").contains("… (60000 characters)'");
        assertThat(p.diagnostics().get(1).message()).contains("unknown key 'kkkkk").contains("… (1000 characters)'");
        assertThat(p.diagnostics().get(1).pointer()).startsWith("/kkkk").endsWith("… (1000 characters)");
        assertThat(Diagnostic.shorten("x".repeat(60))).isEqualTo("x".repeat(60));
        assertThat(Diagnostic.shorten("x".repeat(61))).isEqualTo("x".repeat(50) + "… (61 characters)");
        assertThat(new Diagnostic(Diagnostic.Severity.ERROR, "f", 1, 1, "", huge, huge).render().length()).isLessThan(5000);
    }

    @Test
    void aMissingRequiredKeyIsReportedEvenWhenAnotherKeyLooksLikeIt() {
        Problems problems = new Problems("t.yaml");
        MapReader r = new MapReader(tree("w_cost: 1.0\nr_cots: 2.0\n", problems), problems, "memory 'm'");
        assertThat(r.number("r_cost", true, "<pJ>").present()).isFalse();
        r.number("w_cost", true, "<pJ>");
        r.finish();
        assertThat(problems.diagnostics()).extracting(Diagnostic::message)
                .containsExactly("memory 'm' has no 'r_cost'", "unknown key 'r_cots' in memory 'm'");
        assertThat(problems.diagnostics()).extracting(Diagnostic::hint)
                .containsExactly("add 'r_cost: <pJ>'", "you meant 'r_cost'?");
    }
}
