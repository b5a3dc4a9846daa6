package io.defines.explorer.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
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

    private record ShardDir(Path dir, JsonNode manifest, Sweep.Shard shard) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ShardMerge() {
    }

    public static Result merge(List<Path> dirs, Path out) throws IOException, MergeException {
        if (dirs.isEmpty()) {
            throw new MergeException("no shard folders given", "./defines merge results/x/shard-1-of-3 results/x/shard-2-of-3 ...");
        }
        List<ShardDir> shards = new ArrayList<>();
        for (Path d : dirs) {
            Path m = d.resolve("manifest.json");
            if (!Files.isRegularFile(m)) {
                throw new MergeException(d + " has no manifest.json: not a sweep folder", "give the --out folders of ./defines sweep --shard i/N");
            }
            JsonNode man = JSON.readTree(m.toFile());
            if (!man.hasNonNull("shard") || !man.hasNonNull("points_sha256")) {
                throw new MergeException(d + " was written by a defines without shard support", "run the sweep again with this version");
            }
            shards.add(new ShardDir(d, man, Sweep.Shard.parse(man.get("shard").asText())));
        }
        ShardDir first = shards.get(0);
        String hash = first.manifest().get("points_sha256").asText();
        int n = first.shard().count();
        ShardDir[] byIndex = new ShardDir[n];
        for (ShardDir s : shards) {
            if (!s.manifest().get("points_sha256").asText().equals(hash)) {
                throw new MergeException(s.dir() + " is a shard of another exploration than " + first.dir() + " (their design points differ)",
                        "merge only the shards of one exploration, run with the same input files");
            }
            if (s.shard().count() != n) {
                throw new MergeException(s.dir() + " is shard " + s.shard() + ", " + first.dir() + " shard " + first.shard(),
                        "merge shards of one split (the same N)");
            }
            if (!s.manifest().path("complete").asBoolean(false)) {
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
        int total = first.manifest().get("points_total").asInt();
        boolean withDetails = first.manifest().path("details").asBoolean(true);
        String header = null;
        Map<Integer, String> rows = new TreeMap<>();
        Map<Integer, String> details = new TreeMap<>();
        for (ShardDir s : byIndex) {
            List<String> lines = lines(s.dir().resolve("points.csv"));
            if (lines.isEmpty()) {
                throw new MergeException(s.dir() + "/points.csv is empty", "run the shard again");
            }
            if (header == null) {
                header = lines.get(0);
            } else if (!header.equals(lines.get(0))) {
                throw new MergeException(s.dir() + "/points.csv has other columns than " + first.dir(), "run all shards with the same version");
            }
            for (String l : lines.subList(1, lines.size())) {
                int id = Integer.parseInt(l.substring(0, l.indexOf(',')));
                if (!s.shard().contains(id) || rows.put(id, l) != null) {
                    throw new MergeException(s.dir() + " holds point " + id + ", which is not in its slice " + s.shard(), "re-run that shard into an empty folder");
                }
            }
            for (String l : withDetails ? lines(s.dir().resolve("details.jsonl")) : List.<String>of()) {
                details.put(io.defines.results.ResultFolder.pointId(l), l); // no need to parse 10⁵ JSON lines for their id
            }
        }
        if (rows.size() != total || (withDetails && details.size() != total)) {
            throw new MergeException("the shards hold " + rows.size() + " rows and " + details.size() + " details of " + total + " points",
                    "re-run the incomplete shards");
        }
        Files.createDirectories(out);
        try (Writer w = Files.newBufferedWriter(out.resolve("points.csv"), StandardCharsets.UTF_8)) {
            w.write(header + "\n");
            for (String l : rows.values()) {
                w.write(l + "\n");
            }
        }
        if (withDetails) {
            try (Writer w = Files.newBufferedWriter(out.resolve("details.jsonl"), StandardCharsets.UTF_8)) {
                for (String l : details.values()) {
                    w.write(l + "\n");
                }
            }
        }
        List<String> columns = new ArrayList<>();
        first.manifest().get("columns").forEach(c -> columns.add(c.asText()));
        List<Objective> objectives = new ArrayList<>();
        first.manifest().get("objectives").forEach(o -> objectives.add(Objective.parse(o.asText()).orElseThrow()));
        List<List<String>> parsed = new ArrayList<>();
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(String.join("\n", rows.values()) + "\n")) {
            while (it.hasNext()) {
                parsed.add(Arrays.asList(it.next()));
            }
        }
        Sweep.writePareto(out.resolve("pareto.csv"), parsed, objectives, columns);
        ObjectNode man = first.manifest().deepCopy();
        man.put("shard", "1/1");
        man.put("points", total);
        man.put("points_done", total);
        man.put("complete", true);
        for (String k : List.of("reused", "evaluated", "infeasible", "cache_hits", "cache_misses")) {
            long sum = 0;
            for (ShardDir s : byIndex) {
                sum += s.manifest().path(k).asLong(0);
            }
            man.put(k, sum);
        }
        man.remove(List.of("start", "end", "threads"));
        ArrayNode list = man.putArray("merged_shards");
        for (ShardDir s : byIndex) {
            ObjectNode o = list.addObject();
            o.put("shard", s.shard().toString());
            o.put("folder", s.dir().toString());
            for (String k : List.of("points", "evaluated", "reused", "threads", "jdk", "start", "end")) {
                if (s.manifest().has(k)) {
                    o.set(k, s.manifest().get(k));
                }
            }
        }
        Files.writeString(out.resolve("manifest.json"), JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(man) + "\n");
        return new Result(total, n, out);
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
