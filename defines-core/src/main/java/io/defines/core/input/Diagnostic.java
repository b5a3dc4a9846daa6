package io.defines.core.input;

import java.util.Comparator;
import java.util.Objects;

/**
 * One problem found in an input file: where it is, which field, what is wrong, and a hint.
 *
 * <p>Rendered as {@code FILE:LINE:COL: /json/pointer: message} followed by an indented
 * {@code Maybe …} line when a hint is known. Lines and columns are 1-based.
 */
public record Diagnostic(Severity severity, String file, int line, int column, String pointer,
                         String message, String hint) {

    /** How bad a problem is: errors make an input invalid, warnings do not. */
    public enum Severity { ERROR, WARNING }

    /** Orders diagnostics by file, then position, then pointer. */
    public static final Comparator<Diagnostic> BY_POSITION = Comparator
            .comparing(Diagnostic::file)
            .thenComparingInt(Diagnostic::line)
            .thenComparingInt(Diagnostic::column)
            .thenComparing(Diagnostic::pointer);

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The two-line human form used by the CLI. */
    public String render() {
        StringBuilder sb = new StringBuilder()
                .append(file).append(':').append(line).append(':').append(column).append(": ")
                .append(pointer.isEmpty() ? "/" : pointer).append(": ");
        if (severity == Severity.WARNING) {
            sb.append("warning: ");
        }
        sb.append(message);
        if (hint != null && !hint.isBlank()) {
            sb.append(System.lineSeparator()).append("  Maybe ").append(hint);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
