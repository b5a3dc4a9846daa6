package io.defines.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.defines.results.ResultSchema.Columns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a sweep folder by the schema's names. */
class ResultFolderTest {

    static final String HEADER = String.join(",", Columns.of(List.of("dram")));

    static Path folder(Path dir) throws IOException {
        Files.writeString(dir.resolve(ResultSchema.POINTS_CSV), HEADER + "\n"
                + "0,k0,fsrcnn,acc,m.yaml,60,72,fully-cached,6,fixed,auto,ok,,10.0,5,50.0,7,1.0,100,200,9.0,3\n"
                + "1,k1,fsrcnn,acc,m.yaml,1,1,fully-cached,6,fixed,auto,infeasible,does not fit,,,,,,,,,4\n");
        Files.writeString(dir.resolve(ResultSchema.DETAILS_JSONL), "{\"point_id\":0,\"point_key\":\"k0\",\"status\":\"ok\",\"result\":{\"energy_pj\":10.0}}\n"
                + "{\"point_id\":1,\"point_key\":\"k1\",\"status\":\"infeasible\",\"reason\":\"does not fit\"}\n");
        return dir;
    }

    @Test
    void readsRowsByColumnName(@TempDir Path tmp) throws IOException {
        ResultFolder f = ResultFolder.read(folder(tmp));
        assertThat(f.points()).hasSize(2);
        ResultPoint p = f.points().get(0);
        assertThat(p.ok()).isTrue();
        assertThat(p.energyPj()).isEqualTo(10.0);
        assertThat(p.latencyCycles()).isEqualTo(5.0);
        assertThat(p.onchipPeakBits()).isEqualTo(200.0);
        assertThat(p.columns()).containsEntry(Columns.energy("dram"), "9.0");
        assertThat(p.label()).isEqualTo("60×72 fully-cached");
        assertThat(f.points().get(1).ok()).isFalse();
        assertThat(f.points().get(1).energyPj()).isNaN();
        assertThat(f.feasible()).containsExactly(p);
        assertThat(f.overlaps()).containsExactly("fully-cached");
        assertThat(f.manifest().isEmpty()).isTrue();
    }

    @Test
    void detailsOfTheGivenPointsOnly(@TempDir Path tmp) throws IOException {
        ResultFolder f = ResultFolder.read(folder(tmp));
        assertThat(f.hasDetails()).isTrue();
        Map<Integer, com.fasterxml.jackson.databind.JsonNode> d = f.details(Set.of(0, 1));
        assertThat(d).containsOnlyKeys(0); // the infeasible point has no result
        assertThat(d.get(0).get("energy_pj").asDouble()).isEqualTo(10.0);
        assertThat(f.details(Set.of(1))).isEmpty();
    }

    @Test
    void pointIdWithoutParsing() {
        assertThat(ResultFolder.pointId("{\"point_id\":42,\"point_key\":\"ab\"}")).isEqualTo(42);
        assertThat(ResultFolder.pointId("{\"point_key\":\"ab\"}")).isEqualTo(-1);
    }

    @Test
    void missingFileOrColumnIsAnIoExceptionForTheUser(@TempDir Path tmp) throws IOException {
        assertThatThrownBy(() -> ResultFolder.read(tmp)).isInstanceOf(NoSuchFileException.class);
        Files.writeString(tmp.resolve(ResultSchema.POINTS_CSV), "a,b\n1,2\n");
        assertThatThrownBy(() -> ResultFolder.read(tmp)).isInstanceOf(IOException.class).hasMessageContaining("no column 'point_id'");
    }
}
