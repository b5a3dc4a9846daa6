package io.defines.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.defines.results.ResultSchema.Columns;
import io.defines.results.ResultSchema.Details;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The result files of a sweep folder, read by their {@link ResultSchema} names: points.csv
 * (required), manifest.json and details.jsonl (optional; the figures that need per-layer detail are
 * skipped without it).
 */
public final class ResultFolder {
    /** The columns a points.csv must have to be read. */
    private static final List<String> REQUIRED = List.of(Columns.POINT_ID, Columns.TILE_X, Columns.TILE_Y, Columns.OVERLAP, Columns.STATUS);
    private static final String POINT_ID_KEY = "\"" + Details.POINT_ID + "\":";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final List<ResultPoint> points;
    private final JsonNode manifest;

    private ResultFolder(Path dir, List<ResultPoint> points, JsonNode manifest) {
        this.dir = dir;
        this.points = points;
        this.manifest = manifest;
    }

    /** Reads DIR; a missing or malformed points.csv is an {@link IOException} with a message for the user. */
    public static ResultFolder read(Path dir) throws IOException {
        Path csv = dir.resolve(ResultSchema.POINTS_CSV);
        if (!Files.exists(csv)) {
            throw new NoSuchFileException(csv.toString(), null, "no points.csv here; run ./defines sweep first, or give its --out folder");
        }
        List<ResultPoint> points = new ArrayList<>();
        CsvMapper mapper = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> it = mapper.readerFor(Map.class).with(schema).readValues(csv.toFile())) {
            int line = 1;
            while (it.hasNext()) {
                line++;
                Map<String, String> row = new LinkedHashMap<>(it.next());
                for (String c : REQUIRED) {
                    if (!row.containsKey(c)) {
                        throw new IOException(csv + ": no column '" + c + "'; this is not a points.csv written by ./defines sweep");
                    }
                }
                try {
                    points.add(point(row));
                } catch (NumberFormatException e) {
                    throw new IOException(csv + ":" + line + ": not a number: " + e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            throw new IOException(csv + ": cannot be read as CSV: " + e.getMessage(), e);
        }
        Path m = dir.resolve(ResultSchema.MANIFEST_JSON);
        JsonNode manifest = Files.exists(m) ? JSON.readTree(m.toFile()) : JSON.createObjectNode();
        return new ResultFolder(dir, List.copyOf(points), manifest);
    }

    private static ResultPoint point(Map<String, String> row) {
        return new ResultPoint(Integer.parseInt(row.get(Columns.POINT_ID)), row.getOrDefault(Columns.WORKLOAD, ""),
                row.getOrDefault(Columns.ACCELERATOR, ""), Long.parseLong(row.get(Columns.TILE_X)), Long.parseLong(row.get(Columns.TILE_Y)),
                row.get(Columns.OVERLAP), ResultSchema.OK.equals(row.get(Columns.STATUS)), number(row, Columns.ENERGY_PJ),
                number(row, Columns.LATENCY_CYCLES), number(row, Columns.MAC_COUNT), number(row, Columns.DRAM_ACCESS_BITS),
                number(row, Columns.ONCHIP_PEAK_BITS), Collections.unmodifiableMap(row));
    }

    private static double number(Map<String, String> row, String column) {
        String v = row.get(column);
        return v == null || v.isEmpty() ? Double.NaN : Double.parseDouble(v);
    }

    public Path dir() {
        return dir;
    }

    public List<ResultPoint> points() {
        return points;
    }

    public List<ResultPoint> feasible() {
        return points.stream().filter(ResultPoint::ok).toList();
    }

    public JsonNode manifest() {
        return manifest;
    }

    /** The overlap strategies in order of first appearance. */
    public List<String> overlaps() {
        return points.stream().map(ResultPoint::overlap).distinct().toList();
    }

    public boolean hasDetails() {
        return Files.exists(dir.resolve(ResultSchema.DETAILS_JSONL));
    }

    /** The {@code result} objects of details.jsonl for the given point ids (absent ids are missing from the map). */
    public Map<Integer, JsonNode> details(Set<Integer> ids) throws IOException {
        Map<Integer, JsonNode> out = new HashMap<>();
        forEachDetail(ids, out::put);
        return out;
    }

    /**
     * Streams details.jsonl once, handing the {@code result} object of each given point to {@code f};
     * the other lines are skipped without being parsed.
     */
    public void forEachDetail(Set<Integer> ids, BiConsumer<Integer, JsonNode> f) throws IOException {
        Path file = dir.resolve(ResultSchema.DETAILS_JSONL);
        if (!Files.exists(file) || ids.isEmpty()) {
            return;
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                int id = pointId(line);
                if (id >= 0 && ids.contains(id)) {
                    JsonNode n = JSON.readTree(line);
                    if (n.has(Details.RESULT)) {
                        f.accept(id, n.get(Details.RESULT));
                    }
                }
            }
        }
    }

    /** The point_id of a details.jsonl line without parsing the line, or −1 when it has none. */
    public static int pointId(String detailsLine) {
        int at = detailsLine.indexOf(POINT_ID_KEY);
        if (at < 0) {
            return -1;
        }
        int s = at + POINT_ID_KEY.length();
        int e = s;
        while (e < detailsLine.length() && Character.isDigit(detailsLine.charAt(e))) {
            e++;
        }
        return e == s ? -1 : Integer.parseInt(detailsLine.substring(s, e));
    }
}
