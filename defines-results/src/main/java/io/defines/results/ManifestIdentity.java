package io.defines.results;

import com.fasterxml.jackson.databind.JsonNode;
import io.defines.results.ResultSchema.Manifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The manifest fields that identify a sweep's files, and that a merge of shards relies on.
 *
 * @param pointsSha256 SHA-256 (hex) over every point key of the exploration in order: equal for all its shards
 * @param pointsTotal  the number of points of the whole exploration
 * @param shard        which slice of the points the folder holds, {@code i/N} ({@code 1/1}: all of them)
 * @param columns      the points.csv columns, in order
 * @param details      whether the folder has details.jsonl
 */
public record ManifestIdentity(String pointsSha256, int pointsTotal, String shard, List<String> columns, boolean details) {

    public ManifestIdentity {
        columns = List.copyOf(columns);
    }

    /** The fields, in manifest order. */
    public Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(Manifest.POINTS_SHA256, pointsSha256);
        m.put(Manifest.POINTS_TOTAL, pointsTotal);
        m.put(Manifest.SHARD, shard);
        m.put(Manifest.COLUMNS, columns);
        m.put(Manifest.DETAILS, details);
        return m;
    }

    /** From a manifest; empty when it has no shard or points hash (written by a defines without shard support). */
    public static Optional<ManifestIdentity> read(JsonNode manifest) {
        if (!manifest.hasNonNull(Manifest.SHARD) || !manifest.hasNonNull(Manifest.POINTS_SHA256)) {
            return Optional.empty();
        }
        List<String> columns = new ArrayList<>();
        manifest.path(Manifest.COLUMNS).forEach(c -> columns.add(c.asText()));
        return Optional.of(new ManifestIdentity(manifest.get(Manifest.POINTS_SHA256).asText(), manifest.path(Manifest.POINTS_TOTAL).asInt(),
                manifest.get(Manifest.SHARD).asText(), columns, manifest.path(Manifest.DETAILS).asBoolean(true)));
    }
}
