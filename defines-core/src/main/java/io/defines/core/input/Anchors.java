package io.defines.core.input;

import io.defines.core.input.Node.Entry;
import io.defines.core.input.Node.ListNode;
import io.defines.core.input.Node.MapNode;
import io.defines.core.input.Node.ScalarNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * YAML anchors ({@code &name}) and aliases ({@code *name}) of one document, read as PyYAML reads them
 * (ZigZag's loader): an alias stands for a copy of the value last anchored under its name above it.
 * The copy takes the pointer of the place the alias is written (so messages name the field that is
 * wrong) and keeps the anchor's lines and columns below its top (so they show the text that is
 * wrong). Every value of the document, copies included, is counted; a document that would expand to
 * more than {@link #MAX_NODES} values ("billion laughs") is refused.
 */
final class Anchors {

    /** Largest number of values (mappings, lists and scalars, after alias expansion) of one document. */
    static final int MAX_NODES = 1_000_000;

    /** Thrown once a document is refused; the diagnostic has been reported. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused() {
            super(null, null, false, false);
        }
    }

    private record Anchored(Node node, int size) {
    }

    private final Problems problems;
    private final Map<String, Anchored> anchors = new HashMap<>();
    private int count;

    Anchors(Problems problems) {
        this.problems = problems;
    }

    /** How many values the document has so far; the difference over a value's reading is its size. */
    int count() {
        return count;
    }

    /** Counts one value read from the text; refuses the document above the limit. */
    void countOne(int line, int column, String pointer) {
        if (++count > MAX_NODES) {
            problems.error(line, column, pointer, "the document has more than " + MAX_NODES + " values; defines reads at most that many",
                    "check that this is the file you meant: defines inputs have thousands of values, not millions");
            throw new Refused();
        }
    }

    /** Records {@code node}, which has {@code size} values, under the anchor {@code name}; a later anchor of the same name replaces it. */
    void define(String name, Node node, int size) {
        anchors.put(name, new Anchored(node, size));
    }

    /**
     * The value of alias {@code *name} written at {@code line}:{@code column} for {@code pointer}, or
     * null (with an error there) when no anchor of that name is defined above.
     */
    Node expand(String name, String pointer, int line, int column) {
        Anchored a = anchors.get(name);
        if (a == null) {
            String close = MapReader.closest(name, anchors.keySet());
            problems.error(line, column, pointer, "alias " + Diagnostic.quote("*" + name) + " refers to no anchor defined above it",
                    close != null ? "you meant '*" + close + "'?"
                            : "anchor the value first with '&" + Diagnostic.shorten(name) + "' (an anchor must come before its aliases)");
            return null;
        }
        if ((long) count + a.size() > MAX_NODES) {
            problems.error(line, column, pointer, "alias " + Diagnostic.quote("*" + name) + " expands to " + a.size()
                            + " values, which makes the document more than " + MAX_NODES + " values (nested aliases multiply)",
                    "write the values out, or use fewer levels of aliases of aliases");
            throw new Refused();
        }
        count += a.size();
        Node copy = relocate(a.node(), pointer);
        return at(copy, line, column);
    }

    /** A copy of {@code node} and its children under {@code pointer}, positions kept; counts nothing. */
    static Node relocate(Node node, String pointer) {
        if (node.pointer().equals(pointer)) {
            return node;
        }
        if (node instanceof MapNode m) {
            Map<String, Entry> entries = new LinkedHashMap<>();
            for (Entry e : m.entries().values()) {
                entries.put(e.key(), new Entry(e.key(), e.keyLine(), e.keyColumn(), relocate(e.value(), pointer + "/" + Node.escape(e.key()))));
            }
            return new MapNode(pointer, m.line(), m.column(), entries);
        }
        if (node instanceof ListNode l) {
            List<Node> items = new ArrayList<>(l.items().size());
            for (int i = 0; i < l.items().size(); i++) {
                items.add(relocate(l.items().get(i), pointer + "/" + i));
            }
            return new ListNode(pointer, l.line(), l.column(), items);
        }
        ScalarNode s = (ScalarNode) node;
        return new ScalarNode(pointer, s.line(), s.column(), s.type(), s.text());
    }

    /** {@code node} with its own position moved to {@code line}:{@code column}. */
    static Node at(Node node, int line, int column) {
        if (node instanceof MapNode m) {
            return new MapNode(m.pointer(), line, column, m.entries());
        }
        if (node instanceof ListNode l) {
            return new ListNode(l.pointer(), line, column, l.items());
        }
        ScalarNode s = (ScalarNode) node;
        return new ScalarNode(s.pointer(), line, column, s.type(), s.text());
    }
}
