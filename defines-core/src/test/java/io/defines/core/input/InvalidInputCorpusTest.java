package io.defines.core.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.RepoPaths;
import io.defines.core.load.Inputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of broken inputs under test resources invalid/: one mistake per file, and a header
 * saying which line the diagnostic must name and a fragment of its message:
 * <pre>
 * # expect-line: 17
 * # expect-message: larger than bandwidth_max
 * # defines-workload: ../context/workload.yaml        (mappings only: the context directive,
 * # defines-accelerator: ../context/accelerator.yaml  which validate itself also reads)
 * </pre>
 */
public class InvalidInputCorpusTest {

    private static final Pattern HEADER = Pattern.compile("^#\\s*([a-z-]+):\\s*(.*?)\\s*$");

    /** One broken file and what its diagnostic must say. */
    public record Case(Path file, int line, String message, Path workload, Path accelerator) {
        @Override
        public String toString() {
            return file.getParent().getFileName() + "/" + file.getFileName();
        }
    }

    /** All cases, read from the source tree so that other modules' tests can use them too. */
    public static Stream<Case> corpus() throws IOException {
        Path root = RepoPaths.root().resolve("defines-core/src/test/resources/invalid");
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") && !p.getParent().getFileName().toString().equals("context"))
                    .sorted().toList();
        }
        return files.stream().map(InvalidInputCorpusTest::parse);
    }

    static Case parse(Path file) {
        int line = -1;
        String message = null;
        Path workload = null;
        Path accelerator = null;
        try {
            for (String l : Files.readAllLines(file)) {
                Matcher m = HEADER.matcher(l);
                if (!m.matches()) {
                    break;
                }
                switch (m.group(1)) {
                    case "expect-line" -> line = Integer.parseInt(m.group(2));
                    case "expect-message" -> message = m.group(2);
                    case "defines-workload" -> workload = file.getParent().resolve(m.group(2)).normalize();
                    case "defines-accelerator" -> accelerator = file.getParent().resolve(m.group(2)).normalize();
                    default -> { }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (line < 0 || message == null) {
            throw new IllegalStateException(file + " lacks its '# expect-line:' / '# expect-message:' header");
        }
        return new Case(file, line, message, workload, accelerator);
    }

    @Test
    void theCorpusCoversAtLeastThirtyMistakes() throws IOException {
        List<Case> cases = corpus().toList();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
        assertThat(cases.stream().map(c -> c.file().getParent().getFileName().toString()).distinct())
                .containsExactlyInAnyOrder("accelerator", "workload", "mapping");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachMistakeIsReportedAtItsLine(Case c) {
        // no explicit context: mapping cases name theirs in the '# defines-…' header, which validate reads
        InputFiles.Validation v = Inputs.validate(c.file(), null);
        assertThat(v.ok()).as("%s must be invalid", c).isFalse();
        List<Diagnostic> errors = v.diagnostics().stream().filter(Diagnostic::isError).toList();
        assertThat(errors).as("errors of %s", c)
                .anySatisfy(d -> {
                    assertThat(d.file()).isEqualTo(c.file().toString());
                    assertThat(d.line()).isEqualTo(c.line());
                    assertThat(d.message()).contains(c.message());
                    assertThat(d.column()).isPositive();
                    assertThat(d.hint()).as("every error carries a 'Maybe' hint").isNotBlank();
                });
    }

    @Test
    void contextFilesAreValid() {
        Path ctx = RepoPaths.root().resolve("defines-core/src/test/resources/invalid/context");
        assertThat(Inputs.validate(ctx.resolve("workload.yaml"), null).ok()).isTrue();
        assertThat(Inputs.validate(ctx.resolve("accelerator.yaml"), null).ok()).isTrue();
    }
}
