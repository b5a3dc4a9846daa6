package io.defines.explorer.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarlierRowsTest {

    /** Lines found by key through byte offsets: equal keys share a line, the last line of a key wins, foreign keys are handed on. */
    @Test
    void findsLinesByKeyWithoutHoldingThem(@TempDir Path tmp) throws IOException {
        EarlierRows.KeyIndex keys = new EarlierRows.KeyIndex(List.of("c", "a", "b", "a"));
        String longLine = "b," + "é".repeat(70_000); // longer than the read buffer, not ASCII
        Path file = Files.writeString(tmp.resolve("f.csv"), "key,v\na,1\n" + longLine + "\nz,9\na,2\nc,3", StandardCharsets.UTF_8);
        try (EarlierRows rows = EarlierRows.index(file, true, keys, l -> l.substring(0, l.indexOf(',')))) {
            assertThat(rows.header()).isEqualTo("key,v");
            assertThat(rows.has(0)).as("c: its line has no newline yet").isFalse();
            assertThat(rows.line(1)).isEqualTo("a,2");
            assertThat(rows.line(3)).isEqualTo("a,2");
            assertThat(rows.line(2)).isEqualTo(longLine);
            BitSet except = new BitSet();
            except.set(1);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            rows.copyAllBut(except, "key,v", out);
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("key,v\n" + longLine + "\na,2\nz,9\n");
        }
    }
}
