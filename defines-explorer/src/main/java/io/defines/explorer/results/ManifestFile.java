package io.defines.explorer.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.defines.results.ManifestIdentity;
import io.defines.results.ResultSchema.Manifest;
import io.defines.results.ResultSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A run's manifest.json, its fields (named by {@link Manifest}) in the order they are added. */
public final class ManifestFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Object> fields = new LinkedHashMap<>();

    /** Starts with the exploration file, its name and the identity of the files. */
    public ManifestFile(String exploration, String name, ManifestIdentity identity) {
        fields.put(Manifest.EXPLORATION, exploration);
        fields.put(Manifest.NAME, name);
        fields.putAll(identity.fields());
    }

    public ManifestFile put(String field, Object value) {
        fields.put(field, value);
        return this;
    }

    /** The points of this run, how many of them are done, and whether all are. */
    public ManifestFile progress(int points, int done, boolean complete) {
        return put(Manifest.POINTS, points).put(Manifest.POINTS_DONE, done).put(Manifest.COMPLETE, complete);
    }

    /** The columns pareto.csv minimises. */
    public ManifestFile objectives(List<String> columns) {
        return put(Manifest.OBJECTIVES, columns);
    }

    /** The JDK, and the run's start and (now) end. */
    public ManifestFile ended(Instant start) {
        return put(Manifest.JDK, jdk()).put(Manifest.START, start.toString()).put(Manifest.END, Instant.now().toString());
    }

    /** Writes DIR/manifest.json. */
    public void write(Path dir) throws IOException {
        write(dir, fields);
    }

    /** Writes {@code manifest} (a map or a JSON tree) as DIR/manifest.json, indented, with a final newline. */
    public static void write(Path dir, Object manifest) throws IOException {
        Files.writeString(dir.resolve(ResultSchema.MANIFEST_JSON), JSON.writeValueAsString(manifest) + "\n");
    }

    private static String jdk() {
        return System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")";
    }
}
