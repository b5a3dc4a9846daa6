package io.defines.core.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.defines.core.input.Node.Entry;
import io.defines.core.input.Node.ListNode;
import io.defines.core.input.Node.MapNode;
import io.defines.core.input.Node.ScalarNode;
import io.defines.core.input.Node.ScalarType;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a YAML (or JSON) document into a {@link Node} tree with positions, using Jackson's
 * streaming parser. Duplicate keys are reported (YAML forbids them, yet most loaders silently
 * keep the last one); the last occurrence is kept, as those loaders do, so that the remaining
 * checks describe what other tools would have read.
 */
public final class YamlTreeReader {

    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    private final String fileName;
    private final Problems problems;

    private YamlTreeReader(String fileName, Problems problems) {
        this.fileName = fileName;
        this.problems = problems;
    }

    /** Reads a file; returns null (with a diagnostic in {@code problems}) if it cannot be read or parsed. */
    public static Node read(Path path, Problems problems) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            problems.error(1, 1, "", "file not found", "check the path; it is resolved against " + Path.of("").toAbsolutePath());
            return null;
        } catch (IOException e) {
            problems.error(1, 1, "", "cannot read file: " + e.getMessage(), null);
            return null;
        }
        return read(path.toString(), new StringReader(text), problems, reportTabs(text, problems) > 0);
    }

    /** Reads a document from a reader; {@code fileName} only labels diagnostics. */
    public static Node read(String fileName, Reader reader, Problems problems) {
        return read(fileName, reader, problems, false);
    }

    private static Node read(String fileName, Reader reader, Problems problems, boolean tabsReported) {
        YamlTreeReader r = new YamlTreeReader(fileName, problems);
        try (JsonParser p = FACTORY.createParser(reader)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                problems.error(1, 1, "", "the file is empty", "start from one of the examples in docs/input-formats.md");
                return null;
            }
            return r.readValue(p, "");
        } catch (JsonProcessingException e) {
            if (tabsReported) {
                return null; // the tab diagnostics already say what is wrong; the parser's message would only confuse
            }
            JsonLocation loc = e.getLocation();
            int line = loc == null ? 1 : Math.max(1, loc.getLineNr());
            int col = loc == null ? 1 : Math.max(1, loc.getColumnNr());
            problems.error(line, col, "", "not valid YAML: " + firstLine(e.getOriginalMessage()),
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

    /**
     * A mapping or list written under a key is reported at the key ("sram:" rather than its first
     * line), which is where a reader looks for the block; scalars keep their own position.
     */
    private static Node anchorAtKey(Node value, int line, int column) {
        if (value instanceof MapNode m) {
            return new MapNode(m.pointer(), line, column, m.entries());
        }
        if (value instanceof ListNode l) {
            return new ListNode(l.pointer(), line, column, l.items());
        }
        return value;
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

    private Node readValue(JsonParser p, String pointer) throws IOException {
        JsonLocation loc = p.currentTokenLocation();
        int line = loc.getLineNr();
        int col = loc.getColumnNr();
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Entry> entries = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonLocation keyLoc = p.currentTokenLocation();
                    p.nextToken();
                    Node value = readValue(p, pointer + "/" + Node.escape(key));
                    value = anchorAtKey(value, keyLoc.getLineNr(), keyLoc.getColumnNr());
                    Entry previous = entries.remove(key);
                    if (previous != null) {
                        problems.error(keyLoc.getLineNr(), keyLoc.getColumnNr(), pointer + "/" + Node.escape(key),
                                "duplicate key '" + key + "' (first defined at line " + previous.keyLine()
                                        + "); YAML forbids repeated keys, and most loaders (ZigZag's too) silently keep only"
                                        + " the last one, which is what the other checks here see",
                                "merge the two '" + key + "' blocks into one, or delete the one you did not mean");
                    }
                    entries.put(key, new Entry(key, keyLoc.getLineNr(), keyLoc.getColumnNr(), value));
                }
                return new MapNode(pointer, line, col, entries);
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
                return new ScalarNode(pointer, line, col, ScalarType.STRING, p.getText());
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

    String fileName() {
        return fileName;
    }
}
