package io.defines.core.input;

import io.defines.core.input.Diagnostic.Severity;
import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one input file instead of stopping at the first. */
public final class Problems {

    private final String file;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    public Problems(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    public void error(int line, int column, String pointer, String message, String hint) {
        diagnostics.add(new Diagnostic(Severity.ERROR, file, line, column, pointer, message, hint));
    }

    public void warning(int line, int column, String pointer, String message, String hint) {
        diagnostics.add(new Diagnostic(Severity.WARNING, file, line, column, pointer, message, hint));
    }

    /** An error located at a node. */
    public void error(Node at, String message, String hint) {
        error(at.line(), at.column(), at.pointer(), message, hint);
    }

    public void warning(Node at, String message, String hint) {
        warning(at.line(), at.column(), at.pointer(), message, hint);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public int errorCount() {
        return (int) diagnostics.stream().filter(Diagnostic::isError).count();
    }

    /** All diagnostics so far, in source order. */
    public List<Diagnostic> diagnostics() {
        List<Diagnostic> sorted = new ArrayList<>(diagnostics);
        sorted.sort(Diagnostic.BY_POSITION);
        return List.copyOf(sorted);
    }
}
