package io.defines.core.input;

import io.defines.core.input.Node.Entry;
import io.defines.core.input.Node.ListNode;
import io.defines.core.input.Node.MapNode;
import io.defines.core.input.Node.ScalarNode;
import io.defines.core.input.Node.ScalarType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Typed access to the keys of one mapping. Every getter reports a missing required key or a wrong
 * type to {@link Problems} and returns an absent {@link Located} instead of throwing; {@link
 * #finish()} reports the keys nobody asked for (unknown keys, with a spelling suggestion).
 */
public final class MapReader {

    private final MapNode map;
    private final Problems problems;
    private final String what;
    private final Set<String> known = new LinkedHashSet<>();

    /**
     * @param what the thing this mapping describes, for messages, e.g. "memory 'rf_1B'"
     */
    public MapReader(MapNode map, Problems problems, String what) {
        this.map = map;
        this.problems = problems;
        this.what = what;
    }

    /** Returns a reader if {@code node} is a mapping, else reports the type problem and returns null. */
    public static MapReader of(Node node, Problems problems, String what, String expectation) {
        if (node instanceof MapNode m) {
            return new MapReader(m, problems, what);
        }
        problems.error(node, what + " must be a mapping (key: value lines), found " + node.kindDescription(), expectation);
        return null;
    }

    public MapNode node() {
        return map;
    }

    /** Declares keys that are accepted but not read by this tool (ignored, documented as such). */
    public MapReader accept(String... keys) {
        known.addAll(List.of(keys));
        return this;
    }

    /** Raw access that marks the key as known; null when absent. */
    public Node raw(String key) {
        known.add(key);
        return map.get(key);
    }

    public boolean has(String key) {
        return map.entries().containsKey(key);
    }

    private Node fetch(String key, boolean required, String expectation) {
        known.add(key);
        Node n = map.get(key);
        if (n == null || (n instanceof ScalarNode s && s.isNull())) {
            // a missing required key is always an error, even when another key looks like it (w_cost next to a missing
            // r_cost): a misspelt key is reported on its own by finish(), with the suggestion
            if (required) {
                problems.error(n == null ? map : n, n == null
                                ? what + " has no " + Diagnostic.quote(key)
                                : what + ": " + Diagnostic.quote(key) + " is empty",
                        "add '" + key + ": " + expectation + "'");
            }
            return null;
        }
        return n;
    }

    public Located<String> string(String key, boolean required, String expectation) {
        Node n = fetch(key, required, expectation);
        if (n == null) {
            return new Located<>(null, map);
        }
        if (n instanceof ScalarNode s && s.type() == ScalarType.STRING) {
            return new Located<>(s.text(), n);
        }
        if (n instanceof ScalarNode s && s.type() != ScalarType.NULL) {
            // numbers and booleans written where a name is expected: accept their text
            return new Located<>(s.text(), n);
        }
        problems.error(n, Diagnostic.quote(key) + " must be a string, found " + n.kindDescription(), "write '" + key + ": " + expectation + "'");
        return new Located<>(null, n);
    }

    /** An integer (YAML int); a float with an integral value is refused to keep sizes exact. */
    public Located<Long> integer(String key, boolean required, String expectation) {
        Node n = fetch(key, required, expectation);
        if (n == null) {
            return new Located<>(null, map);
        }
        Long v = asLong(n);
        if (v == null) {
            problems.error(n, Diagnostic.quote(key) + " must be an integer, found " + n.kindDescription(), "write '" + key + ": " + expectation + "'");
        }
        return new Located<>(v, n);
    }

    public Located<Double> number(String key, boolean required, String expectation) {
        Node n = fetch(key, required, expectation);
        if (n == null) {
            return new Located<>(null, map);
        }
        Double v = asDouble(n);
        if (v == null) {
            problems.error(n, Diagnostic.quote(key) + " must be a number, found " + n.kindDescription(), "write '" + key + ": " + expectation + "'");
        } else if (!Double.isFinite(v)) {
            problems.error(n, Diagnostic.quote(key) + " must be a finite number, found " + n.kindDescription() + " (too large for a double)",
                    "write '" + key + ": " + expectation + "'");
            v = null;
        }
        return new Located<>(v, n);
    }

    public Located<Boolean> bool(String key, boolean required, String expectation) {
        Node n = fetch(key, required, expectation);
        if (n == null) {
            return new Located<>(null, map);
        }
        if (n instanceof ScalarNode s && s.type() == ScalarType.BOOLEAN) {
            return new Located<>(Boolean.parseBoolean(s.text()), n);
        }
        problems.error(n, Diagnostic.quote(key) + " must be true or false, found " + n.kindDescription(), "write '" + key + ": " + expectation + "'");
        return new Located<>(null, n);
    }

    public ListNode list(String key, boolean required, String expectation) {
        Node n = fetch(key, required, expectation);
        if (n == null) {
            return null;
        }
        if (n instanceof ListNode l) {
            return l;
        }
        problems.error(n, Diagnostic.quote(key) + " must be a list, found " + n.kindDescription(), "write '" + key + ": " + expectation + "'");
        return null;
    }

    public MapNode map(String key, boolean required, String expectation) {
        Node n = fetch(key, required, expectation);
        if (n == null) {
            return null;
        }
        if (n instanceof MapNode m) {
            return m;
        }
        problems.error(n, Diagnostic.quote(key) + " must be a mapping, found " + n.kindDescription(), "write it as '" + key + ": " + expectation + "'");
        return null;
    }

    /** Reports every key that no getter asked for. Call last. */
    public void finish() {
        for (Entry e : map.entries().values()) {
            if (!known.contains(e.key())) {
                String suggestion = closest(e.key(), known);
                problems.error(e.keyLine(), e.keyColumn(), e.value().pointer(),
                        "unknown key " + Diagnostic.quote(e.key()) + " in " + what,
                        suggestion != null
                                ? "you meant " + Diagnostic.quote(suggestion) + "?"
                                : "remove it; accepted keys are: " + String.join(", ", known));
            }
        }
    }

    // ---- scalar helpers shared by list readers ----

    /**
     * The value of an integer scalar, else null. A decimal integer too large for a long saturates to
     * {@link Long#MAX_VALUE} (or {@link Long#MIN_VALUE}), so that the range check every integer goes
     * through ({@link IntRange}) reports it, as written, with the allowed range.
     */
    public static Long asLong(Node n) {
        if (n instanceof ScalarNode s && s.type() == ScalarType.INTEGER) {
            String t = s.text().replace("_", "");
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                if (t.matches("[+-]?\\d+")) {
                    return t.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
                }
                return null;
            }
        }
        return null;
    }

    public static Double asDouble(Node n) {
        if (n instanceof ScalarNode s && (s.type() == ScalarType.INTEGER || s.type() == ScalarType.FLOAT)) {
            try {
                return Double.parseDouble(s.text().replace("_", ""));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    public static String asString(Node n) {
        if (n instanceof ScalarNode s && s.type() != ScalarType.NULL) {
            return s.text();
        }
        return null;
    }

    /** Reads a list of scalars as strings, reporting items that are not scalars. */
    public static List<Located<String>> strings(ListNode list, Problems problems, String what) {
        List<Located<String>> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (Node item : list.items()) {
            String s = asString(item);
            if (s == null) {
                problems.error(item, what + " must be a plain value (a name or a number), found " + item.kindDescription(), plainValueHint(item));
            } else {
                out.add(new Located<>(s, item));
            }
        }
        return out;
    }

    /** What to do about a list item that is not a plain value, by what it is instead. */
    static String plainValueHint(Node item) {
        if (item instanceof MapNode) {
            return "a ': ' inside an item makes it a mapping; write the item as one value, quoted if it contains ': ' (e.g. \"I2, tl\")";
        }
        if (item instanceof ListNode) {
            return "remove the inner brackets or dashes: each item of this list is one value, e.g. [D1, D2]";
        }
        return "write a value after the '-', or delete the empty item";
    }

    /** Reads a list of integers, reporting each item that is not one as "{@code what} must be an integer, found …". */
    public static List<Located<Long>> longs(ListNode list, Problems problems, String what, String hint) {
        List<Located<Long>> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (Node n : list.items()) {
            Long v = asLong(n);
            if (v == null) {
                problems.error(n, what + " must be an integer, found " + n.kindDescription(), hint);
            } else {
                out.add(new Located<>(v, n));
            }
        }
        return out;
    }

    /** Reads a mapping of integers, reporting each value that is not one as "{@code what} of 'key' must be an integer, found …". */
    public static Map<String, Located<Long>> longMap(MapNode map, Problems problems, String what) {
        Map<String, Located<Long>> out = new LinkedHashMap<>();
        if (map == null) {
            return out;
        }
        for (Entry e : map.entries().values()) {
            Long v = asLong(e.value());
            if (v == null) {
                problems.error(e.value(), what + " of " + Diagnostic.quote(e.key()) + " must be an integer, found " + e.value().kindDescription(),
                        "write a whole number");
            } else {
                out.put(e.key(), new Located<>(v, e.value()));
            }
        }
        return out;
    }

    /** Reads a list of integer pairs {@code [a, b]}, reporting each other item as "{@code what}, found …". */
    public static List<Located<long[]>> pairs(ListNode list, Problems problems, String what, String hint) {
        List<Located<long[]>> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (Node n : list.items()) {
            if (n instanceof ListNode pair && pair.items().size() == 2
                    && asLong(pair.items().get(0)) != null && asLong(pair.items().get(1)) != null) {
                out.add(new Located<>(new long[] {asLong(pair.items().get(0)), asLong(pair.items().get(1))}, n));
            } else {
                problems.error(n, what + ", found " + n.kindDescription(), hint);
            }
        }
        return out;
    }

    /** The candidate closest to {@code word} (edit distance ≤ 2, or equal ignoring case/underscores), or null. */
    public static String closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String norm = normalise(word);
        for (String c : candidates) {
            if (normalise(c).equals(norm)) {
                return c;
            }
            int d = levenshtein(word.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        int limit = word.length() <= 3 ? 1 : 2;
        return bestDistance <= limit ? best : null;
    }

    private static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(" ", "");
    }

    static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
