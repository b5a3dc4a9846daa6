package io.defines.explorer.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.defines.explorer.results.ManifestFile;
import io.defines.explorer.results.ParetoFile;
import io.defines.explorer.results.PointsCsv;
import io.defines.results.ManifestIdentity;
import io.defines.results.ResultFolder;
import io.defines.results.ResultSchema.Columns;
import io.defines.results.ResultSchema.Manifest;
import io.defines.results.ResultSchema;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Combines the folders of {@code sweep --shard i/N} runs into one result folder whose points.csv,
 * details.jsonl and pareto.csv are the files a single local run writes (points.csv up to its eval_ms
 * column). Refuses shards of another exploration, a shard given twice, missing or unfinished shards,
 * with a message and a hint ({@link MergeException}).
 */
public final class ShardMerge {

    /** A refusal: what is wrong and what to do. */
    public static final class MergeException extends Exception {
        private final String hint;

        MergeException(String message, String hint) {
            super(message);
            this.hint = hint;
        }

        public String hint() {
            return hint;
        }
    }

    /** What a merge wrote. */
    public record Result(int points, int shards, Path out) {
    }

    private record ShardDir(Path dir, JsonNode manifest, ManifestIdentity identity, Shard shard) {
    }

    /** The rows of all shards by point id: each as written (a points.csv line) and as cells; and the details lines. */
    private record Rows(String header, Map<Integer, String> lines, Map<Integer, List<String>> cells, Map<Integer, String> details) {
    }

    /** The run counts a merged manifest sums over its shards. */
    private static final List<String> SUMMED = List.of(Manifest.REUSED, Manifest.EVALUATED, Manifest.INFEASIBLE, Manifest.CACHE_HITS,
            Manifest.CACHE_MISSES);
    /** The fields of a shard's manifest a merged manifest lists per shard. */
    private static final List<String> PER_SHARD = List.of(Manifest.POINTS, Manifest.EVALUATED, Manifest.REUSED, Manifest.THREADS,
            Manifest.JDK, Manifest.START, Manifest.END);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ShardMerge() {
    }

    public static Result merge(List<Path> dirs, Path out) throws IOException, MergeException {
        if (dirs.isEmpty()) {
            throw new MergeException("no shard folders given", "./defines merge results/x/shard-1-of-3 results/x/shard-2-of-3 ...");
        }
        List<ShardDir> shards = new ArrayList<>();
        for (Path d : dirs) {
            shards.add(read(d));
        }
        ShardDir first = shards.get(0);
        ShardDir[] byIndex = inShardOrder(shards);
        int total = first.identity().pointsTotal();
        boolean withDetails = first.identity().details();
        Rows rows = readRows(byIndex, first, withDetails);
        if (rows.lines().size() != total || (withDetails && rows.details().size() != total)) {
            throw new MergeException("the shards hold " + rows.lines().size() + " rows and " + rows.details().size() + " details of " + total
                    + " points", "re-run the incomplete shards");
        }
        Files.createDirectories(out);
        writeLines(out.resolve(ResultSchema.POINTS_CSV), List.of(rows.header()), rows.lines().values());
        if (withDetails) {
            writeLines(out.resolve(ResultSchema.DETAILS_JSONL), List.of(), rows.details().values());
        }
        List<String> objectives = new ArrayList<>();
        first.manifest().get(Manifest.OBJECTIVES).forEach(o -> objectives.add(Objective.parse(o.asText()).orElseThrow().column()));
        ParetoFile.write(out.resolve(ResultSchema.PARETO_CSV), new ArrayList<>(rows.cells().values()), objectives, first.identity().columns());
        ManifestFile.write(out, mergedManifest(first, byIndex, total));
        return new Result(total, byIndex.length, out);
    }

    private static ShardDir read(Path d) throws IOException, MergeException {
        Path m = d.resolve(ResultSchema.MANIFEST_JSON);
        if (!Files.isRegularFile(m)) {
            throw new MergeException(d + " has no manifest.json: not a sweep folder", "give the --out folders of ./defines sweep --shard i/N");
        }
        JsonNode man = JSON.readTree(m.toFile());
        ManifestIdentity id = ManifestIdentity.read(man).orElseThrow(() -> new MergeException(d + " was written by a defines without shard support",
                "run the sweep again with this version"));
        return new ShardDir(d, man, id, Shard.parse(id.shard()));
    }

    /** The shards by index, after checking they are the finished shards of one split of one exploration, each once, none missing. */
    private static ShardDir[] inShardOrder(List<ShardDir> shards) throws MergeException {
        ShardDir first = shards.get(0);
        String hash = first.identity().pointsSha256();
        int n = first.shard().count();
        ShardDir[] byIndex = new ShardDir[n];
        for (ShardDir s : shards) {
            if (!s.identity().pointsSha256().equals(hash)) {
                throw new MergeException(s.dir() + " is a shard of another exploration than " + first.dir() + " (their design points differ)",
                        "merge only the shards of one exploration, run with the same input files");
            }
            if (s.shard().count() != n) {
                throw new MergeException(s.dir() + " is shard " + s.shard() + ", " + first.dir() + " shard " + first.shard(),
                        "merge shards of one split (the same N)");
            }
            if (!s.manifest().path(Manifest.COMPLETE).asBoolean(false)) {
                throw new MergeException(s.dir() + " (shard " + s.shard() + ") did not finish", "run the same sweep --shard command again to resume it");
            }
            int i = s.shard().index() - 1;
            if (byIndex[i] != null) {
                throw new MergeException("shard " + s.shard() + " is given twice: " + byIndex[i].dir() + " and " + s.dir(), "give each shard once");
            }
            byIndex[i] = s;
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (byIndex[i] == null) {
                missing.add((i + 1) + "/" + n);
            }
        }
        if (!missing.isEmpty()) {
            throw new MergeException("shard" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + " missing",
                    "run ./defines sweep FILE --shard " + missing.get(0) + " and give its folder too");
        }
        return byIndex;
    }

    /** Every shard's rows (found by their point_id column) and details lines (by their point_id, without parsing the JSON). */
    private static Rows readRows(ShardDir[] byIndex, ShardDir first, boolean withDetails) throws IOException, MergeException {
        String header = null;
        Map<Integer, String> lines = new TreeMap<>();
        Map<Integer, List<String>> cells = new TreeMap<>();
        Map<Integer, String> details = new TreeMap<>();
        for (ShardDir s : byIndex) {
            List<String> file = lines(s.dir().resolve(ResultSchema.POINTS_CSV));
            if (file.isEmpty()) {
                throw new MergeException(s.dir() + "/points.csv is empty", "run the shard again");
            }
            if (header == null) {
                header = file.get(0);
            } else if (!header.equals(file.get(0))) {
                throw new MergeException(s.dir() + "/points.csv has other columns than " + first.dir(), "run all shards with the same version");
            }
            List<String> body = file.subList(1, file.size());
            List<List<String>> parsed = body.isEmpty() ? List.of() : PointsCsv.parse(String.join("\n", body) + "\n");
            int idColumn = PointsCsv.parse(header).get(0).indexOf(Columns.POINT_ID);
            if (idColumn < 0 || parsed.size() != body.size()) {
                throw new MergeException(s.dir() + "/points.csv is not a points.csv of this version", "run the shard again");
            }
            for (int j = 0; j < body.size(); j++) {
                int id = Integer.parseInt(parsed.get(j).get(idColumn));
                if (!s.shard().contains(id) || lines.put(id, body.get(j)) != null) {
                    throw new MergeException(s.dir() + " holds point " + id + ", which is not in its slice " + s.shard(), "re-run that shard into an empty folder");
                }
                cells.put(id, parsed.get(j));
            }
            for (String l : withDetails ? lines(s.dir().resolve(ResultSchema.DETAILS_JSONL)) : List.<String>of()) {
                details.put(ResultFolder.pointId(l), l); // no need to parse 10⁵ JSON lines for their id
            }
        }
        return new Rows(header, lines, cells, details);
    }

    /** The first shard's manifest as one complete run's: counts summed, the shards listed. */
    private static ObjectNode mergedManifest(ShardDir first, ShardDir[] byIndex, int total) {
        ObjectNode man = first.manifest().deepCopy();
        man.put(Manifest.SHARD, Shard.ALL.toString());
        man.put(Manifest.POINTS, total);
        man.put(Manifest.POINTS_DONE, total);
        man.put(Manifest.COMPLETE, true);
        for (String k : SUMMED) {
            long sum = 0;
            for (ShardDir s : byIndex) {
                sum += s.manifest().path(k).asLong(0);
            }
            man.put(k, sum);
        }
        man.remove(List.of(Manifest.START, Manifest.END, Manifest.THREADS));
        ArrayNode list = man.putArray(Manifest.MERGED_SHARDS);
        for (ShardDir s : byIndex) {
            ObjectNode o = list.addObject();
            o.put(Manifest.SHARD, s.shard().toString());
            o.put(Manifest.FOLDER, s.dir().toString());
            for (String k : PER_SHARD) {
                if (s.manifest().has(k)) {
                    o.set(k, s.manifest().get(k));
                }
            }
        }
        return man;
    }

    private static void writeLines(Path file, List<String> head, Iterable<String> lines) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String l : head) {
                w.write(l + "\n");
            }
            for (String l : lines) {
                w.write(l + "\n");
            }
        }
    }

    private static List<String> lines(Path f) throws IOException, MergeException {
        if (!Files.isRegularFile(f)) {
            throw new MergeException(f + " does not exist", "run that shard again");
        }
        String t = Files.readString(f, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>(Arrays.asList(t.split("\n")));
        out.removeIf(String::isEmpty);
        return out;
    }
}
