package io.defines.core.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files are read as strict UTF-8, and refused before reading when they cannot be input files. */
class InputTextTest {

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aUtf8ByteOrderMarkIsSkipped() throws IOException {
        Path f = write("a.yaml", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8("a: 1\n")));
        Problems p = new Problems("a.yaml");
        Node.MapNode root = (Node.MapNode) YamlTreeReader.read(f, p);
        assertThat(p.diagnostics()).isEmpty();
        assertThat(root.entries().keySet()).containsExactly("a");
        assertThat(root.entries().get("a").keyColumn()).isEqualTo(1);
    }

    @Test
    void utf16And32ByteOrderMarksAreErrorsAtTheStartWithAHint() throws IOException {
        for (byte[] bom : new byte[][] {{(byte) 0xFF, (byte) 0xFE}, {(byte) 0xFE, (byte) 0xFF}, {(byte) 0xFF, (byte) 0xFE, 0, 0}, {0, 0, (byte) 0xFE, (byte) 0xFF}}) {
            Problems p = new Problems("a.yaml");
            assertThat(YamlTreeReader.read(write("a.yaml", concat(bom, "a: 1\n".getBytes(StandardCharsets.UTF_16LE))), p)).isNull();
            assertThat(p.diagnostics()).singleElement().satisfies(d -> {
                assertThat(d.line()).isEqualTo(1);
                assertThat(d.column()).isEqualTo(1);
                assertThat(d.message()).contains("byte-order mark").containsPattern("UTF-(16|32)");
                assertThat(d.hint()).contains("save the file as UTF-8");
            });
        }
    }

    @Test
    void malformedUtf8IsReportedAtTheOffendingByteNamingIt() throws IOException {
        // "é" in Latin-1 on line 2, after "name: caf"
        Path f = write("a.yaml", concat(utf8("a: 1\nname: caf"), new byte[] {(byte) 0xE9}, utf8("\nb: é\n")));
        Problems p = new Problems("a.yaml");
        assertThat(YamlTreeReader.read(f, p)).isNull();
        assertThat(p.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.column()).isEqualTo(10);
            assertThat(d.message()).contains("0xE9").contains("not valid UTF-8");
            assertThat(d.hint()).contains("UTF-8");
        });
    }

    @Test
    void columnsAfterMultiByteCharactersCountCharacters() throws IOException {
        Path f = write("a.yaml", concat(utf8("x: é€"), new byte[] {(byte) 0xC3}, utf8("\n")));
        Problems p = new Problems("a.yaml");
        assertThat(YamlTreeReader.read(f, p)).isNull();
        assertThat(p.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.column()).isEqualTo(6);
            assertThat(d.message()).contains("0xC3");
        });
    }

    @Test
    void manyBadBytesAreListedUpToALimitAndCounted() {
        byte[] bytes = new byte[30];
        java.util.Arrays.fill(bytes, (byte) 0xFF);
        Problems p = new Problems("a.yaml");
        assertThat(InputText.decode(bytes, p)).isNull();
        assertThat(p.diagnostics()).hasSize(InputText.MAX_LISTED + 1);
        assertThat(p.diagnostics()).anySatisfy(d -> assertThat(d.message()).startsWith("20 more encoding problems"));
    }

    @Test
    void aNulByteIsAnErrorAtItsPositionSayingTheFileLooksBinary() throws IOException {
        Path f = write("a.yaml", concat(utf8("a: 1\nbb: x"), new byte[] {0}, utf8("\n")));
        Problems p = new Problems("a.yaml");
        assertThat(YamlTreeReader.read(f, p)).isNull();
        assertThat(p.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.column()).isEqualTo(6);
            assertThat(d.message()).contains("NUL");
            assertThat(d.hint()).contains("binary or UTF-16");
        });
        Problems q = new Problems("a.yaml");
        assertThat(YamlTreeReader.read("a.yaml", new java.io.StringReader("a: \0\n"), q)).isNull();
        assertThat(q.diagnostics()).singleElement().satisfies(d -> assertThat(d.column()).isEqualTo(4));
    }

    @Test
    void aUtf16FileWithoutByteOrderMarkIsCaughtByItsNulBytes() throws IOException {
        Problems p = new Problems("a.yaml");
        assertThat(YamlTreeReader.read(write("a.yaml", "a: 1\n".getBytes(StandardCharsets.UTF_16LE)), p)).isNull();
        assertThat(p.diagnostics()).isNotEmpty().allSatisfy(d -> assertThat(d.message()).contains("NUL"));
    }

    @Test
    void aFolderIsRefusedAtTheStart() {
        Problems p = new Problems("d");
        assertThat(YamlTreeReader.read(dir, p)).isNull();
        assertThat(p.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.message()).contains("folder");
            assertThat(d.hint()).isNotBlank();
        });
    }

    @Test
    void aDeviceIsRefusedBeforeReading() {
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(zero));
        Problems p = new Problems("/dev/zero");
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(30), () -> YamlTreeReader.read(zero, p))).isNull();
        assertThat(p.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.message()).contains("not a regular file");
            assertThat(d.hint()).isNotBlank();
        });
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedBeforeReading() throws IOException {
        Path big = dir.resolve("big.yaml");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(InputText.MAX_BYTES + 1); // sparse: no disk used
        }
        Problems p = new Problems("big.yaml");
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(30), () -> YamlTreeReader.read(big, p))).isNull();
        assertThat(p.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.message()).contains("67108865 bytes").contains("64 MiB");
            assertThat(d.hint()).isNotBlank();
        });
    }

    @Test
    void aMissingFileIsReportedWithAHint() {
        Problems p = new Problems("nope.yaml");
        assertThat(YamlTreeReader.read(dir.resolve("nope.yaml"), p)).isNull();
        assertThat(p.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.message()).isEqualTo("file not found");
            assertThat(d.hint()).contains("check the path");
        });
    }

    @Test
    void aLineLongerThanTheLimitIsRefusedAtItsLineAndQuickly() throws IOException {
        String huge = "a".repeat(4 * 1024 * 1024);
        Path f = write("a.yaml", utf8("- id: 1\n  name: " + huge + "\n"));
        Problems p = new Problems("a.yaml");
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(30), () -> YamlTreeReader.read(f, p))).isNull();
        assertThat(p.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(2);
            assertThat(d.column()).isEqualTo(YamlTreeReader.MAX_LINE_CHARS + 1);
            assertThat(d.message()).contains("has " + (huge.length() + 8) + " characters");
            assertThat(d.render().length()).isLessThan(400);
        });
    }

    @Test
    void aLongLineUnderTheLimitIsRead() {
        Problems p = new Problems("a.yaml");
        String value = "b".repeat(YamlTreeReader.MAX_LINE_CHARS - 10);
        Node.MapNode root = (Node.MapNode) YamlTreeReader.read("a.yaml", new java.io.StringReader("a: " + value + "\n"), p);
        assertThat(p.diagnostics()).isEmpty();
        assertThat(((Node.ScalarNode) root.get("a")).text()).isEqualTo(value);
    }
}
