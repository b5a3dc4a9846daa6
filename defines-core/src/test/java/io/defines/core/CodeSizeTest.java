package io.defines.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.CallableDeclaration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Size rules of the project's design (docs/developer.md): no main source file of any module over
 * 400 lines, no method or constructor over 80 lines. A class that grows past them is split by
 * responsibility, not by line count.
 */
class CodeSizeTest {

    static final int MAX_FILE_LINES = 400;
    static final int MAX_METHOD_LINES = 80;

    @Test
    void noMainClassOver400LinesAndNoMethodOver80() throws IOException {
        StaticJavaParser.getParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17);
        List<String> violations = new ArrayList<>();
        List<Path> files;
        // every module's main sources (this test runs in defines-core; its siblings are next to it)
        try (Stream<Path> s = Files.walk(Path.of("..").toAbsolutePath().normalize(), 14)) {
            files = s.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")
                    && p.getFileName() != null && !p.toString().contains("/target/")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            long lines = Files.readAllLines(f).size();
            if (lines > MAX_FILE_LINES) {
                violations.add(f + ": " + lines + " lines");
            }
            CompilationUnit cu = StaticJavaParser.parse(f);
            for (CallableDeclaration<?> m : cu.findAll(CallableDeclaration.class)) {
                int length = m.getEnd().orElseThrow().line - m.getBegin().orElseThrow().line + 1;
                if (length > MAX_METHOD_LINES) {
                    violations.add(f + ": " + m.getNameAsString() + " " + length + " lines");
                }
            }
        }
        assertThat(violations).as("files over %d lines, methods over %d lines", MAX_FILE_LINES, MAX_METHOD_LINES).isEmpty();
    }
}
