package io.defines.explorer.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.defines.results.ResultSchema.Details;
import io.defines.results.ResultSchema;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writing and reading details.jsonl lines: one JSON object per point, keyed by {@link Details}. */
public final class DetailsJsonl {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DetailsJsonl() {
    }

    /**
     * The line (without newline) of an evaluated point: id, key and status, then the result object,
     * or the reason when {@code result} is null (infeasible).
     */
    public static String line(int pointId, String pointKey, ObjectNode result, String reason) throws IOException {
        ObjectNode detail = JSON.createObjectNode();
        detail.put(Details.POINT_ID, pointId);
        detail.put(Details.POINT_KEY, pointKey);
        detail.put(Details.STATUS, result != null ? ResultSchema.OK : ResultSchema.INFEASIBLE);
        if (result != null) {
            detail.set(Details.RESULT, result);
        } else {
            detail.put(Details.REASON, reason);
        }
        return JSON.writeValueAsString(detail);
    }

    /** An earlier run's object of a point, as the line of that point now numbered {@code pointId}; "" without one (details off). */
    public static String renumbered(ObjectNode earlier, int pointId) throws IOException {
        if (earlier == null) {
            return "";
        }
        earlier.put(Details.POINT_ID, pointId);
        return JSON.writeValueAsString(earlier);
    }

    /** An earlier run's line of a point, renumbered {@code pointId} (as {@link #renumbered(ObjectNode, int)}). */
    public static String renumberedLine(String earlierLine, int pointId) throws IOException {
        if (!(JSON.readTree(earlierLine) instanceof ObjectNode o)) {
            throw new IOException("not a details.jsonl line: " + earlierLine.substring(0, Math.min(80, earlierLine.length())));
        }
        return renumbered(o, pointId);
    }

    /** The point key of a details.jsonl line as this class writes them (key before result), without parsing the rest; null if none. */
    public static String keyOf(String line) {
        String marker = "\"" + Details.POINT_KEY + "\":\"";
        int at = line.indexOf(marker);
        if (at < 0) {
            return null;
        }
        int from = at + marker.length();
        int to = line.indexOf('"', from);
        return to < 0 ? null : line.substring(from, to);
    }

    /** The complete lines of an earlier details.jsonl, by point key. */
    public static Map<String, ObjectNode> read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Map<String, ObjectNode> out = new HashMap<>();
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return out;
        }
        for (String l : text.substring(0, end).split("\n")) {
            if (!l.isEmpty() && JSON.readTree(l) instanceof ObjectNode o && o.hasNonNull(Details.POINT_KEY)) {
                out.put(o.get(Details.POINT_KEY).asText(), o);
            }
        }
        return out;
    }

    /** Writes one line per object. */
    public static void write(Path file, Collection<ObjectNode> details) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (ObjectNode d : details) {
                w.write(JSON.writeValueAsString(d) + "\n");
            }
        }
    }

    /** Writes the given lines, each with a newline. */
    public static void writeLines(Path file, List<String> lines) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String l : lines) {
                w.write(l + "\n");
            }
        }
    }
}
