package io.defines.core.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.defines.core.input.Node.Entry;
import io.defines.core.input.Node.ListNode;
import io.defines.core.input.Node.MapNode;
import io.defines.core.input.Node.ScalarNode;
import io.defines.core.input.Node.ScalarType;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads a YAML (or JSON) document into a {@link Node} tree with positions, using Jackson's
 * streaming parser. Duplicate keys are reported (YAML forbids them, yet most loaders silently
 * keep the last one); the last occurrence is kept, as those loaders do, so that the remaining
 * checks describe what other tools would have read.
 */
public final class YamlTreeReader {

    /** Longest line read, in characters: the YAML scanner's time grows with the square of a line's longest run. */
    public static final int MAX_LINE_CHARS = 65_536;

    private static final YAMLFactory FACTORY = new YamlEvents.Factory(YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength((int) InputText.MAX_BYTES + 1).build()));

    private final Problems problems;
    private final Anchors anchors;
    private boolean structureErrors;

    private YamlTreeReader(Problems problems) {
        this.problems = problems;
        this.anchors = new Anchors(problems);
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions o = new LoaderOptions();
        o.setCodePointLimit((int) InputText.MAX_BYTES + 1); // the file size limit applies first (SnakeYAML's default is 3 MB)
        return o;
    }

    /** Reads a file; returns null (with a diagnostic in {@code problems}) if it cannot be read or parsed. */
    public static Node read(Path path, Problems problems) {
        String text = InputText.read(path, problems);
        return text == null ? null : readText(text, problems);
    }

    /** Reads a document from a reader; {@code fileName} only labels diagnostics. */
    public static Node read(String fileName, Reader reader, Problems problems) {
        String text;
        try {
            text = readAll(reader);
        } catch (IOException e) {
            problems.error(1, 1, "", "cannot read: " + e.getMessage(), "check the file");
            return null;
        }
        if (InputText.reportNuls(text, problems, 0) > 0) {
            return null;
        }
        return readText(text, problems);
    }

    private static String readAll(Reader reader) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buffer = new char[8192];
        int n;
        while ((n = reader.read(buffer)) >= 0) {
            sb.append(buffer, 0, n);
            if (sb.length() > InputText.MAX_BYTES) {
                throw new IOException("more than " + InputText.MAX_BYTES + " characters, the limit for an input file");
            }
        }
        return sb.toString();
    }

    private static Node readText(String text, Problems problems) {
        if (reportLongLines(text, problems)) {
            return null;
        }
        boolean tabsReported = reportTabs(text, problems) > 0;
        YamlTreeReader r = new YamlTreeReader(problems);
        try (JsonParser p = FACTORY.createParser(new StringReader(text))) {
            JsonToken t = p.nextToken();
            if (t == null) {
                problems.error(1, 1, "", "the file is empty", "start from one of the examples in docs/input-formats.md");
                return null;
            }
            Node root = r.readValue(p, "");
            if (p.nextToken() != null) {
                JsonLocation loc = p.currentTokenLocation();
                problems.error(loc.getLineNr(), loc.getColumnNr(), "", "a second YAML document (after a '---' line); defines reads one document per file",
                        "delete the '---' line and what follows it, or move that part to a file of its own");
                return null;
            }
            return r.structureErrors ? null : root;
        } catch (Anchors.Refused e) {
            return null;
        } catch (JsonProcessingException e) {
            if (tabsReported) {
                return null; // the tab diagnostics already say what is wrong; the parser's message would only confuse
            }
            JsonLocation loc = e.getLocation();
            int line = loc == null ? 1 : Math.max(1, loc.getLineNr());
            int col = loc == null ? 1 : Math.max(1, loc.getColumnNr());
            problems.error(line, col, "", "not valid YAML: " + Diagnostic.shorten(firstLine(e.getOriginalMessage())),
                    "check the indentation and quoting around this line (tabs are not allowed in YAML)");
            return null;
        } catch (IOException e) {
            problems.error(1, 1, "", "cannot read file: " + e.getMessage(), null);
            return null;
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "syntax error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Reports lines longer than {@link #MAX_LINE_CHARS}; true when there is one. */
    private static boolean reportLongLines(String text, Problems problems) {
        int line = 1;
        int lineStart = 0;
        boolean found = false;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                int length = i - lineStart;
                if (length > MAX_LINE_CHARS) {
                    problems.error(line, MAX_LINE_CHARS + 1, "", "line " + line + " has " + length + " characters, more than the "
                                    + MAX_LINE_CHARS + " defines reads in one line",
                            "check that this is the file you meant; a long list can be written one item per line");
                    found = true;
                }
                line++;
                lineStart = i + 1;
            }
        }
        return found;
    }

    /** Reports tab characters in indentation (YAML allows only spaces there); returns how many lines have one. */
    private static int reportTabs(String text, Problems problems) {
        int found = 0;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            int k = 0;
            while (k < l.length() && (l.charAt(k) == ' ' || l.charAt(k) == '\t' || l.charAt(k) == '-')) {
                if (l.charAt(k) == '\t') {
                    problems.error(i + 1, k + 1, "", "tab character in the indentation; YAML allows only spaces there",
                            "replace the tab with spaces (configure your editor to insert spaces for YAML)");
                    found++;
                    break;
                }
                k++;
            }
        }
        return found;
    }

    /**
     * A mapping or list written under a key is reported at the key ("sram:" rather than its first
     * line), which is where a reader looks for the block; scalars keep their own position.
     */
    private static Node anchorAtKey(Node value, int line, int column) {
        return value instanceof ScalarNode ? value : Anchors.at(value, line, column);
    }

    /** The value at the parser's current token (an alias expanded, an anchor recorded). */
    private Node readValue(JsonParser p, String pointer) throws IOException {
        JsonLocation loc = p.currentTokenLocation();
        int line = loc.getLineNr();
        int col = loc.getColumnNr();
        YamlEvents.Parser yaml = (YamlEvents.Parser) p;
        if (yaml.isCurrentAlias()) {
            Node n = anchors.expand(p.getText(), pointer, line, col);
            if (n == null) {
                structureErrors = true;
                return new ScalarNode(pointer, line, col, ScalarType.NULL, "");
            }
            return n;
        }
        String anchor = yaml.anchor();
        int before = anchors.count();
        anchors.countOne(line, col, pointer);
        Node n = readUnaliased(p, pointer, line, col);
        if (anchor != null) {
            anchors.define(anchor, n, anchors.count() - before);
        }
        return n;
    }

    private Node readUnaliased(JsonParser p, String pointer, int line, int col) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                return readMapping(p, pointer, line, col);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(p, pointer + "/" + i));
                    i++;
                }
                return new ListNode(pointer, line, col, items);
            }
            case VALUE_STRING -> {
                // an empty plain scalar (a bare '-' list item) is null, as in PyYAML; Jackson reports an empty string
                boolean empty = p.getText().isEmpty() && ((YamlEvents.Parser) p).plain();
                return new ScalarNode(pointer, line, col, empty ? ScalarType.NULL : ScalarType.STRING, empty ? "" : p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return new ScalarNode(pointer, line, col, ScalarType.INTEGER, p.getText());
            }
            case VALUE_NUMBER_FLOAT -> {
                return new ScalarNode(pointer, line, col, ScalarType.FLOAT, p.getText());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new ScalarNode(pointer, line, col, ScalarType.BOOLEAN, String.valueOf(t == JsonToken.VALUE_TRUE));
            }
            case VALUE_NULL -> {
                return new ScalarNode(pointer, line, col, ScalarType.NULL, "");
            }
            default -> {
                problems.error(line, col, pointer, "unsupported YAML construct (" + t + ")", null);
                return new ScalarNode(pointer, line, col, ScalarType.NULL, "");
            }
        }
    }

    /**
     * A mapping. Merge keys ({@code <<: *base} or {@code <<: [*a, *b]}) work as in PyYAML's SafeLoader:
     * the merged mappings' keys come first, an explicit key wins over a merged one, and of several
     * merged mappings the first one listed wins.
     */
    private Node readMapping(JsonParser p, String pointer, int line, int col) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<Entry> merged = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            boolean mergeKey = key.equals(MERGE_KEY) && ((YamlEvents.Parser) p).plain();
            JsonLocation keyLoc = p.currentTokenLocation();
            p.nextToken();
            Node value = readValue(p, pointer + "/" + Node.escape(key));
            if (mergeKey) {
                merge(value, merged);
                continue;
            }
            value = anchorAtKey(value, keyLoc.getLineNr(), keyLoc.getColumnNr());
            Entry previous = entries.remove(key);
            if (previous != null) {
                problems.error(keyLoc.getLineNr(), keyLoc.getColumnNr(), pointer + "/" + Node.escape(key),
                        "duplicate key " + Diagnostic.quote(key) + " (first defined at line " + previous.keyLine()
                                + "); YAML forbids repeated keys, and most loaders (ZigZag's too) silently keep only"
                                + " the last one, which is what the other checks here see",
                        "merge the two " + Diagnostic.quote(key) + " blocks into one, or delete the one you did not mean");
            }
            entries.put(key, new Entry(key, keyLoc.getLineNr(), keyLoc.getColumnNr(), value));
        }
        if (merged.isEmpty()) {
            return new MapNode(pointer, line, col, entries);
        }
        Map<String, Entry> all = new LinkedHashMap<>();
        for (Entry e : merged) {
            String at = pointer + "/" + Node.escape(e.key());
            all.put(e.key(), new Entry(e.key(), e.keyLine(), e.keyColumn(), Anchors.relocate(e.value(), at)));
        }
        all.putAll(entries);
        return new MapNode(pointer, line, col, all);
    }

    private static final String MERGE_KEY = "<<";

    /** Adds the entries a merge key's value brings, in PyYAML's order (later ones win), to {@code merged}. */
    private void merge(Node value, List<Entry> merged) {
        if (value instanceof MapNode m) {
            merged.addAll(m.entries().values());
            return;
        }
        if (value instanceof ListNode l && l.items().stream().allMatch(MapNode.class::isInstance)) {
            for (int i = l.items().size() - 1; i >= 0; i--) {
                merged.addAll(((MapNode) l.items().get(i)).entries().values());
            }
            return;
        }
        Node bad = value instanceof ListNode l ? l.items().stream().filter(n -> !(n instanceof MapNode)).findFirst().orElse(value) : value;
        problems.error(bad, "a merge key '<<' takes a mapping or a list of mappings, found " + bad.kindDescription(),
                "write '<<: *base' with '&base' anchoring a mapping above, or '<<: [*a, *b]'");
        structureErrors = true;
    }
}
