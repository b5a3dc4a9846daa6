package io.defines.plot.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
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

/**
 * The result files of a sweep folder: points.csv (required), manifest.json and details.jsonl
 * (optional; the figures that need per-layer detail are skipped without it).
 */
public final class Results {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final List<ResultPoint> points;
    private final JsonNode manifest;

    private Results(Path dir, List<ResultPoint> points, JsonNode manifest) {
        this.dir = dir;
        this.points = points;
        this.manifest = manifest;
    }

    /** Reads DIR; a missing or malformed points.csv is an {@link IOException} with a message for the user. */
    public static Results read(Path dir) throws IOException {
        Path csv = dir.resolve("points.csv");
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
                for (String c : List.of("point_id", "tile_x", "tile_y", "overlap", "status")) {
                    if (!row.containsKey(c)) {
                        throw new IOException(csv + ": no column '" + c + "'; this is not a points.csv written by ./defines sweep");
                    }
                }
                try {
                    boolean ok = "ok".equals(row.get("status"));
                    points.add(new ResultPoint(Integer.parseInt(row.get("point_id")), row.getOrDefault("workload", ""),
                            row.getOrDefault("accelerator", ""), Long.parseLong(row.get("tile_x")), Long.parseLong(row.get("tile_y")),
                            row.get("overlap"), ok, number(row, "energy_pj"), number(row, "latency_cycles"), number(row, "mac_count"),
                            number(row, "dram_access_bits"), number(row, "onchip_peak_bits"), Collections.unmodifiableMap(row)));
                } catch (NumberFormatException e) {
                    throw new IOException(csv + ":" + line + ": not a number: " + e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            throw new IOException(csv + ": cannot be read as CSV: " + e.getMessage(), e);
        }
        Path m = dir.resolve("manifest.json");
        JsonNode manifest = Files.exists(m) ? JSON.readTree(m.toFile()) : JSON.createObjectNode();
        return new Results(dir, List.copyOf(points), manifest);
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
        return Files.exists(dir.resolve("details.jsonl"));
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
    public void forEachDetail(Set<Integer> ids, java.util.function.BiConsumer<Integer, JsonNode> f) throws IOException {
        Path file = dir.resolve("details.jsonl");
        if (!Files.exists(file) || ids.isEmpty()) {
            return;
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                int id = pointId(line);
                if (id >= 0 && ids.contains(id)) {
                    JsonNode n = JSON.readTree(line);
                    if (n.has("result")) {
                        f.accept(id, n.get("result"));
                    }
                }
            }
        }
    }

    /** The point_id of a details.jsonl line without parsing the line, or −1 when it has none. */
    public static int pointId(String detailsLine) {
        int at = detailsLine.indexOf("\"point_id\":");
        if (at < 0) {
            return -1;
        }
        int s = at + "\"point_id\":".length();
        int e = s;
        while (e < detailsLine.length() && Character.isDigit(detailsLine.charAt(e))) {
            e++;
        }
        return e == s ? -1 : Integer.parseInt(detailsLine.substring(s, e));
    }
}
