package io.defines.core.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A layer's einsum-like equation, e.g. {@code O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]}.
 * The first operand is the output; the others are the inputs in equation order (DeFiNES uses this
 * order for double-buffering and on-loading).
 */
public record Equation(String text, Operand output, List<Operand> inputs, boolean accumulates) {

    private static final Pattern OPERAND = Pattern.compile("\\s*([A-Za-z]\\w*)((?:\\s*\\[\\s*\\w*\\s*\\])*)\\s*");
    private static final Pattern INDEX = Pattern.compile("\\[\\s*(\\w*)\\s*\\]");

    public Equation {
        inputs = List.copyOf(inputs);
    }

    public Optional<Operand> operand(String name) {
        if (output.name().equals(name)) {
            return Optional.of(output);
        }
        for (Operand o : inputs) {
            if (o.name().equals(name)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /** All operands, output first. */
    public List<Operand> operands() {
        List<Operand> all = new ArrayList<>();
        all.add(output);
        all.addAll(inputs);
        return all;
    }

    /**
     * Parses an equation. Returns an error message (and no equation) when it does not have the
     * shape {@code OUT = IN (* | +) IN …} with bracketed indices.
     */
    public static Result parse(String text) {
        String s = text.strip();
        int eq = s.indexOf('=');
        if (eq < 0) {
            return Result.error("no '=' in the equation");
        }
        boolean accumulates = eq > 0 && s.charAt(eq - 1) == '+';
        String lhs = s.substring(0, accumulates ? eq - 1 : eq);
        String rhs = s.substring(eq + 1);
        if (rhs.indexOf('=') >= 0) {
            return Result.error("more than one '=' in the equation");
        }
        Operand out = parseOperand(lhs);
        if (out == null) {
            return Result.error("the left side '" + lhs.strip() + "' is not an operand with indices such as O[b][k][oy][ox]");
        }
        String[] parts = rhs.split("[*+]");
        if (parts.length < 1 || rhs.isBlank()) {
            return Result.error("the right side is empty");
        }
        List<Operand> ins = new ArrayList<>();
        for (String part : parts) {
            Operand o = parseOperand(part);
            if (o == null) {
                return Result.error("'" + part.strip() + "' is not an operand with indices such as I[b][c][iy][ix]");
            }
            if (o.name().equals(out.name()) || ins.stream().anyMatch(x -> x.name().equals(o.name()))) {
                return Result.error("operand " + o.name() + " appears twice");
            }
            ins.add(o);
        }
        return new Result(new Equation(text, out, ins, accumulates), null);
    }

    private static Operand parseOperand(String part) {
        Matcher m = OPERAND.matcher(part);
        if (!m.matches()) {
            return null;
        }
        List<String> idx = new ArrayList<>();
        Matcher im = INDEX.matcher(m.group(2));
        while (im.find()) {
            if (!im.group(1).isEmpty()) {
                idx.add(im.group(1).toUpperCase(Locale.ROOT));
            }
        }
        return new Operand(m.group(1), idx);
    }

    /** Parse outcome: an equation or an error message. */
    public record Result(Equation equation, String error) {
        static Result error(String message) {
            return new Result(null, message);
        }
    }
}
