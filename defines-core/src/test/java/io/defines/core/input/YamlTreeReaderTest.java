package io.defines.core.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.input.Node.ListNode;
import io.defines.core.input.Node.MapNode;
import io.defines.core.input.Node.ScalarNode;
import io.defines.core.input.Node.ScalarType;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class YamlTreeReaderTest {

    private static Node read(String yaml, Problems problems) {
        return YamlTreeReader.read("t.yaml", new StringReader(yaml), problems);
    }

    @Test
    void everyNodeKnowsItsPointerLineAndColumn() {
        Problems p = new Problems("t.yaml");
        Node root = read("""
                name: x
                memories:
                  rf:
                    size: 8
                    operands: [I1, O]
                """, p);
        assertThat(p.diagnostics()).isEmpty();
        MapNode rf = (MapNode) ((MapNode) ((MapNode) root).get("memories")).get("rf");
        ScalarNode size = (ScalarNode) rf.get("size");
        assertThat(size.pointer()).isEqualTo("/memories/rf/size");
        assertThat(size.line()).isEqualTo(4);
        assertThat(size.column()).isEqualTo(11);
        assertThat(size.type()).isEqualTo(ScalarType.INTEGER);
        ListNode ops = (ListNode) rf.get("operands");
        assertThat(ops.items().get(1).pointer()).isEqualTo("/memories/rf/operands/1");
        assertThat(ops.items().get(1).column()).isEqualTo(20);
        assertThat(rf.entries().get("size").keyLine()).isEqualTo(4);
        assertThat(rf.entries().get("size").keyColumn()).isEqualTo(5);
    }

    @Test
    void duplicateKeysAreReportedAndTheLastOneIsKeptAsOtherLoadersDo() {
        Problems p = new Problems("t.yaml");
        Node root = read("""
                a: 1
                b: 2
                a: 3
                """, p);
        assertThat(p.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(3);
            assertThat(d.column()).isEqualTo(1);
            assertThat(d.pointer()).isEqualTo("/a");
            assertThat(d.message()).contains("duplicate key 'a'").contains("line 1");
        });
        assertThat(((ScalarNode) ((MapNode) root).get("a")).text()).isEqualTo("3");
    }

    @Test
    void syntaxErrorsBecomeOneDiagnosticWithPosition() {
        Problems p = new Problems("t.yaml");
        Node root = read("a: [1, 2\nb: 3\n", p);
        assertThat(root).isNull();
        assertThat(p.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.message()).startsWith("not valid YAML");
            assertThat(d.line()).isGreaterThanOrEqualTo(1);
            assertThat(d.render()).startsWith("t.yaml:").contains("\n  Maybe ");
        });
    }

    @Test
    void pointerTokensAreEscaped() {
        Problems p = new Problems("t.yaml");
        MapNode root = (MapNode) read("\"a/b~c\": 1\n", p);
        assertThat(root.get("a/b~c").pointer()).isEqualTo("/a~1b~0c");
    }

    @Test
    void emptyFileIsAProblem() {
        Problems p = new Problems("t.yaml");
        assertThat(read("", p)).isNull();
        assertThat(p.diagnostics()).singleElement().satisfies(d -> assertThat(d.message()).contains("empty"));
    }

    @Test
    void unknownKeysGetASpellingSuggestion() {
        Problems p = new Problems("t.yaml");
        MapNode root = (MapNode) read("r_cots: 1\nsize: 2\n", p);
        MapReader r = new MapReader(root, p, "memory 'x'");
        r.number("r_cost", false, "1");
        r.integer("size", true, "8");
        r.finish();
        assertThat(p.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.message()).isEqualTo("unknown key 'r_cots' in memory 'x'");
            assertThat(d.hint()).isEqualTo("you meant 'r_cost'?");
            assertThat(d.line()).isEqualTo(1);
        });
    }

    @Test
    void wrongTypesAreReportedNotThrown() {
        Problems p = new Problems("t.yaml");
        MapNode root = (MapNode) read("size: big\nlatency: 1.5\n", p);
        MapReader r = new MapReader(root, p, "memory 'x'");
        assertThat(r.integer("size", true, "8").present()).isFalse();
        assertThat(r.integer("latency", true, "1").present()).isFalse();
        assertThat(p.diagnostics()).hasSize(2);
        assertThat(p.diagnostics().get(0).message()).contains("'size' must be an integer, found the string 'big'");
        assertThat(p.diagnostics().get(1).message()).contains("found the number 1.5");
    }

    @Test
    void anEmptyListItemIsNullAsInPyYamlButAQuotedEmptyStringIsAString() {
        Problems p = new Problems("t.yaml");
        MapNode root = (MapNode) read("a:\n  - x\n  -\nb: ''\n", p);
        assertThat(p.diagnostics()).isEmpty();
        assertThat(((ScalarNode) ((ListNode) root.get("a")).items().get(1)).type()).isEqualTo(ScalarType.NULL);
        assertThat(((ScalarNode) root.get("b")).type()).isEqualTo(ScalarType.STRING);
    }
}
