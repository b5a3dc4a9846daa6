package io.defines.explorer.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.defines.results.ManifestIdentity;
import io.defines.results.ResultFolder;
import io.defines.results.ResultSchema.Columns;
import io.defines.results.ResultSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writers of a sweep folder and their readers agree, through the schema's names only. */
class ResultWritersTest {
    static final List<String> COLUMNS = Columns.of(List.of("sram"));

    /** A row of {@link #COLUMNS}: point id and key, a 60×72 tile, the status and the given energy and latency. */
    static List<String> row(int id, String status, String energy, String latency) {
        List<String> r = new ArrayList<>(Collections.nCopies(COLUMNS.size(), ""));
        r.set(COLUMNS.indexOf(Columns.POINT_ID), Integer.toString(id));
        r.set(COLUMNS.indexOf(Columns.POINT_KEY), "k" + id);
        r.set(COLUMNS.indexOf(Columns.TILE_X), "60");
        r.set(COLUMNS.indexOf(Columns.TILE_Y), "72");
        r.set(COLUMNS.indexOf(Columns.OVERLAP), "fully-cached");
        r.set(COLUMNS.indexOf(Columns.STATUS), status);
        r.set(COLUMNS.indexOf(Columns.REASON), status.equals(ResultSchema.OK) ? "" : "does not fit, at all");
        r.set(COLUMNS.indexOf(Columns.ENERGY_PJ), energy);
        r.set(COLUMNS.indexOf(Columns.LATENCY_CYCLES), latency);
        r.set(COLUMNS.indexOf(Columns.EVAL_MS), "7");
        return r;
    }

    @Test
    void resultCellsOfAnEarlierRunReadBackByKey(@TempDir Path tmp) throws IOException {
        Path csv = tmp.resolve(ResultSchema.POINTS_CSV);
        PointsCsv.write(csv, COLUMNS, List.of(row(0, ResultSchema.OK, "2.0", "5"), row(1, ResultSchema.INFEASIBLE, "", "")));
        // an interrupted write leaves half a line: it is not a finished point
        Files.writeString(csv, Files.readString(csv) + "2,k2,fsr");
        Map<String, List<String>> results = PointsCsv.readResults(csv, COLUMNS);
        assertThat(results).containsOnlyKeys("k0", "k1");
        assertThat(results.get("k1")).isEqualTo(row(1, ResultSchema.INFEASIBLE, "", "").subList(Columns.RESULT_FROM, COLUMNS.size()));
        // rows kept for a later run hold only their key and results
        Path old = tmp.resolve("kept.csv");
        PointsCsv.writeResults(old, COLUMNS, new LinkedHashMap<>(results));
        assertThat(PointsCsv.readResults(old, COLUMNS)).isEqualTo(results);
        assertThatThrownBy(() -> PointsCsv.readResults(csv, Columns.of(List.of("dram")))).isInstanceOf(IOException.class)
                .hasMessageContaining("header differs").hasMessageContaining("Maybe");
    }

    @Test
    void paretoKeepsTheFeasibleFrontInRowOrderWithoutTimings(@TempDir Path tmp) throws IOException {
        List<List<String>> rows = List.of(row(0, ResultSchema.OK, "2.0", "5"), row(1, ResultSchema.OK, "3.0", "6"),
                row(2, ResultSchema.INFEASIBLE, "", ""), row(3, ResultSchema.OK, "1.0", "9"));
        Path file = tmp.resolve(ResultSchema.PARETO_CSV);
        ParetoFile.write(file, rows, List.of(Columns.ENERGY_PJ, Columns.LATENCY_CYCLES), COLUMNS);
        List<List<String>> front = PointsCsv.parse(Files.readString(file));
        assertThat(front.get(0)).isEqualTo(Columns.pareto(COLUMNS));
        assertThat(front.subList(1, front.size())).containsExactly(rows.get(0).subList(0, COLUMNS.size() - 1),
                rows.get(3).subList(0, COLUMNS.size() - 1));
    }

    /** The front kept row by row (only its values and row numbers) is the front of all rows, on random rows with ties and duplicates. */
    @Test
    void incrementalFrontIsTheFrontOfAllRows(@TempDir Path tmp) throws IOException {
        java.util.Random random = new java.util.Random(15);
        List<String> edpColumns = List.of(Columns.ENERGY_PJ, Columns.LATENCY_CYCLES, Columns.EDP);
        for (List<String> objectives : List.of(List.of(Columns.ENERGY_PJ), List.of(Columns.ENERGY_PJ, Columns.LATENCY_CYCLES), edpColumns)) {
            for (int trial = 0; trial < 20; trial++) {
                List<List<String>> rows = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    boolean ok = random.nextInt(10) > 0;
                    List<String> r = row(i, ok ? ResultSchema.OK : ResultSchema.INFEASIBLE, ok ? Double.toString(random.nextInt(12) + 0.5) : "",
                            ok ? Integer.toString(random.nextInt(12)) : "");
                    r.set(COLUMNS.indexOf(Columns.EDP), ok ? Integer.toString(random.nextInt(4)) : "");
                    r.set(COLUMNS.indexOf(Columns.REASON), ok ? "" : "a \"quoted\", reason");
                    rows.add(r);
                }
                Path csv = tmp.resolve("points.csv");
                PointsCsv.write(csv, COLUMNS, rows);
                ParetoFile.Incremental front = new ParetoFile.Incremental(objectives, COLUMNS);
                rows.forEach(front::add);
                front.write(tmp.resolve("incremental.csv"), csv);
                ParetoFile.write(tmp.resolve("all.csv"), rows, objectives, COLUMNS);
                assertThat(Files.readString(tmp.resolve("incremental.csv"))).isEqualTo(Files.readString(tmp.resolve("all.csv")));
            }
        }
    }

    @Test
    void detailsLinesCarryTheSchemaKeys(@TempDir Path tmp) throws IOException {
        ObjectNode result = new ObjectMapper().createObjectNode().put(ResultSchema.Details.ENERGY_PJ, 2.0);
        String ok = DetailsJsonl.line(4, "k4", result, "");
        String no = DetailsJsonl.line(5, "k5", null, "does not fit");
        assertThat(ok).isEqualTo("{\"point_id\":4,\"point_key\":\"k4\",\"status\":\"ok\",\"result\":{\"energy_pj\":2.0}}");
        assertThat(no).isEqualTo("{\"point_id\":5,\"point_key\":\"k5\",\"status\":\"infeasible\",\"reason\":\"does not fit\"}");
        assertThat(ResultFolder.pointId(no)).isEqualTo(5);
        Path file = tmp.resolve(ResultSchema.DETAILS_JSONL);
        DetailsJsonl.writeLines(file, List.of(ok, no));
        Files.writeString(file, Files.readString(file) + "{\"point_id\":6,");
        Map<String, ObjectNode> back = DetailsJsonl.read(file);
        assertThat(back).containsOnlyKeys("k4", "k5");
        assertThat(DetailsJsonl.renumbered(back.get("k4"), 9)).startsWith("{\"point_id\":9,\"point_key\":\"k4\"");
        assertThat(DetailsJsonl.renumbered(null, 9)).isEmpty();
    }

    @Test
    void manifestStartsWithTheIdentityAndReadsBack(@TempDir Path tmp) throws IOException {
        ManifestIdentity id = new ManifestIdentity("ab12", 2, "1/1", COLUMNS, true);
        new ManifestFile("x.yaml", "x", id).progress(2, 2, true).objectives(List.of(Columns.ENERGY_PJ)).ended(Instant.EPOCH).write(tmp);
        var manifest = new ObjectMapper().readTree(tmp.resolve(ResultSchema.MANIFEST_JSON).toFile());
        List<String> fields = new ArrayList<>();
        manifest.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).startsWith("exploration", "name", "points_sha256", "points_total", "shard", "columns", "details", "points",
                "points_done", "complete", "objectives", "jdk", "start", "end");
        assertThat(ManifestIdentity.read(manifest)).contains(id);
        assertThat(Files.readString(tmp.resolve(ResultSchema.MANIFEST_JSON))).startsWith("{\n  \"exploration\" : \"x.yaml\"").endsWith("}\n");
    }
}
