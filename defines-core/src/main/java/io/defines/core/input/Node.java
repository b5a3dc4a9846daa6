package io.defines.core.input;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed YAML/JSON value that remembers where it came from: its JSON pointer and the line and
 * column of its first character. This is the permissive first stage of input reading: any shape is
 * accepted here; the readers turn it into typed DTOs and report what does not fit.
 */
public sealed interface Node permits Node.MapNode, Node.ListNode, Node.ScalarNode {

    /** RFC 6901 pointer of this value inside its document ("" for the root). */
    String pointer();

    int line();

    int column();

    /** A word for error messages: "a mapping", "a list", "a string", "an integer", … */
    String kindDescription();

    /** A mapping; keys keep their order, and each key remembers its own position. */
    record MapNode(String pointer, int line, int column, Map<String, Entry> entries) implements Node {
        public MapNode {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        public Node get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        @Override
        public String kindDescription() {
            return "a mapping";
        }
    }

    /** One key of a mapping with the position of the key itself. */
    record Entry(String key, int keyLine, int keyColumn, Node value) {
    }

    record ListNode(String pointer, int line, int column, List<Node> items) implements Node {
        public ListNode {
            items = List.copyOf(items);
        }

        @Override
        public String kindDescription() {
            return "a list";
        }
    }

    /** A scalar: string, integer, floating-point number, boolean or null. */
    record ScalarNode(String pointer, int line, int column, ScalarType type, String text) implements Node {

        public boolean isNull() {
            return type == ScalarType.NULL;
        }

        @Override
        public String kindDescription() {
            return switch (type) {
                case STRING -> "the string " + Diagnostic.quote(text);
                case INTEGER -> "the integer " + Diagnostic.shorten(text);
                case FLOAT -> "the number " + Diagnostic.shorten(text);
                case BOOLEAN -> "the boolean " + text;
                case NULL -> "an empty value";
            };
        }
    }

    enum ScalarType { STRING, INTEGER, FLOAT, BOOLEAN, NULL }

    /** Escapes one reference token of a JSON pointer (RFC 6901). */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
