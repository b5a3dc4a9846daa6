package io.defines.core.input;

import java.util.Arrays;
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

    /** Values longer than this many characters are shortened in messages ({@link #shorten}). */
    public static final int MAX_VALUE_CHARS = 60;

    /** Messages longer than this (a value quoted without {@link #quote}) are cut, so that no message echoes a huge input. */
    static final int MAX_MESSAGE_CHARS = 2000;

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
        pointer = shortenTokens(pointer);
        message = cut(message);
        hint = hint == null ? null : cut(hint);
    }

    /**
     * A value of an input as messages show it: unchanged up to {@value #MAX_VALUE_CHARS} characters,
     * else its first 50 characters and its length, e.g. {@code aaaa… (1048576 characters)}. Every
     * message that shows a value read from a file goes through here (or {@link #quote}).
     */
    public static String shorten(String value) {
        if (value == null || value.length() <= MAX_VALUE_CHARS) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(49)) ? 49 : 50;
        return value.substring(0, end) + "… (" + value.length() + " characters)";
    }

    /** A value in single quotes, {@link #shorten shortened}: {@code 'value'}. */
    public static String quote(Object value) {
        return "'" + shorten(String.valueOf(value)) + "'";
    }

    private static String shortenTokens(String pointer) {
        if (pointer.length() <= MAX_VALUE_CHARS) {
            return pointer;
        }
        return String.join("/", Arrays.stream(pointer.split("/", -1)).map(Diagnostic::shorten).toList());
    }

    private static String cut(String text) {
        return text.length() <= MAX_MESSAGE_CHARS ? text
                : text.substring(0, MAX_MESSAGE_CHARS - 100) + "… (" + text.length() + " characters in all)";
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
