package io.defines.core.input;

import java.util.List;

/**
 * The outcome of reading one input file: the domain value (null when there were errors) and every
 * diagnostic found, errors and warnings, in source order.
 */
public record Parsed<T>(T value, List<Diagnostic> diagnostics) {

    public Parsed {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean ok() {
        return value != null && diagnostics.stream().noneMatch(Diagnostic::isError);
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    /** The value, or an {@link InvalidInputException} carrying all diagnostics. */
    public T orThrow() {
        if (!ok()) {
            throw new InvalidInputException(diagnostics);
        }
        return value;
    }
}
