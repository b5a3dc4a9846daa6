package io.defines.explorer.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.defines.core.input.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs are read once per file, keys identify a point's resolved inputs, and bad inputs stop a sweep before it starts. */
class InputCatalogTest {

    @Test
    void keysIdentifyEachPointAndDoNotDependOnTheList() throws IOException {
        List<DesignPoint> points = SweepTest.points(SweepTest.META);
        InputCatalog all = new InputCatalog(points);
        assertThat(new HashSet<>(all.keys())).hasSize(points.size());
        assertThat(all.fileHashes()).containsOnlyKeys(SweepTest.FSRCNN, SweepTest.META, SweepTest.MAPPING);
        InputCatalog tail = new InputCatalog(points.subList(5, points.size()));
        assertThat(tail.key(0)).isEqualTo(all.key(5));
        assertThat(tail.pointsHash()).isNotEqualTo(all.pointsHash());
        assertThat(new InputCatalog(points).pointsHash()).isEqualTo(all.pointsHash());
        assertThat(all.memoryNames()).isNotEmpty().doesNotHaveDuplicates();
        assertThat(all.workload(points.get(0))).isSameAs(all.workload(points.get(7)));
    }

    @Test
    void aChangedInputFileChangesTheKey(@TempDir Path tmp) throws IOException {
        Path copy = tmp.resolve("meta-prototype-df.yaml");
        Files.writeString(copy, Files.readString(SweepTest.META) + "\n# a comment\n");
        assertThat(new InputCatalog(SweepTest.points(copy)).key(0)).isNotEqualTo(new InputCatalog(SweepTest.points(SweepTest.META)).key(0));
    }

    @Test
    void invalidInputsAreReportedTogether(@TempDir Path tmp) throws IOException {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "name: bad\n");
        assertThatThrownBy(() -> new InputCatalog(SweepTest.points(bad))).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).diagnostics()).isNotEmpty());
    }
}
