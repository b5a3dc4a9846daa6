package io.defines.explorer.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded mutations of a text input file: deleted and duplicated lines (keys), values swapped for
 * extreme numbers or other types, truncations, byte flips, NUL bytes, broken UTF-8, UTF-16, a BOM,
 * anchors and aliases (defined and undefined), a second document, a very long value. Each mutant says
 * what was done and whether a required key was deleted.
 */
final class Mutator {

    /** A mutant: its bytes, what was done, and the required key it deleted (null if none). */
    record Mutant(byte[] bytes, String description, String deletedRequiredKey) {
    }

    private static final Pattern KEY_VALUE = Pattern.compile("^(\\s*(?:- )?)([A-Za-z_][\\w.]*):(\\s+)(\\S.*?)\\s*$");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])\\d+(?:\\.\\d+)?(?![\\w.])");
    private static final List<String> EXTREMES = List.of("0", "-1", "2147483648", "4294967296", "9223372036854775807",
            "9223372036854775808", "1e400", "-1e400", ".nan", ".inf", "6.5", "0.5", "abc", "[]", "{}", "~", "''", "[1, [2]]",
            "{a: 1}", "true", "0x10", "1_000");

    private final Random random;
    private final Set<String> requiredKeys;

    Mutator(long seed, Set<String> requiredKeys) {
        this.random = new Random(seed);
        this.requiredKeys = requiredKeys;
    }

    Mutant mutate(String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int kind = random.nextInt(14);
        return switch (kind) {
            case 0, 1 -> deleteLine(lines);
            case 2 -> duplicateLine(lines);
            case 3, 4 -> replaceValue(lines);
            case 5 -> replaceNumber(lines);
            case 6 -> truncate(text);
            case 7 -> flipByte(text);
            case 8 -> insertBytes(text, new byte[] {0}, "a NUL byte");
            case 9 -> insertBytes(text, new byte[] {(byte) 0xC3, (byte) 0x28}, "malformed UTF-8 (C3 28)");
            case 10 -> encodings(text);
            case 11 -> alias(lines);
            case 12 -> new Mutant((text + "\n---\n" + text).getBytes(StandardCharsets.UTF_8), "a second document", null);
            default -> longValue(lines);
        };
    }

    private Mutant deleteLine(List<String> lines) {
        int i = random.nextInt(lines.size());
        String removed = lines.remove(i);
        Matcher m = KEY_VALUE.matcher(removed);
        String key = m.matches() ? m.group(2) : removed.trim().replaceAll(":$", "");
        // a key line with its value on the same line, or a key opening a block
        boolean required = requiredKeys.contains(key) && (m.matches() || removed.trim().endsWith(":")) && !removed.trim().startsWith("#");
        if (required && !m.matches()) {
            // a block key: drop its indented block too, so the key is really gone
            int indent = indent(removed);
            while (i < lines.size() && (lines.get(i).isBlank() || indent(lines.get(i)) > indent)) {
                lines.remove(i);
            }
        }
        return text(lines, "deleted line " + (i + 1) + ": " + removed.trim(), required ? key : null);
    }

    private static int indent(String l) {
        int k = 0;
        while (k < l.length() && l.charAt(k) == ' ') {
            k++;
        }
        return k;
    }

    private Mutant duplicateLine(List<String> lines) {
        int i = random.nextInt(lines.size());
        lines.add(i, lines.get(i));
        return text(lines, "duplicated line " + (i + 1) + ": " + lines.get(i).trim(), null);
    }

    private Mutant replaceValue(List<String> lines) {
        List<Integer> candidates = keyValueLines(lines);
        if (candidates.isEmpty()) {
            return duplicateLine(lines);
        }
        int i = candidates.get(random.nextInt(candidates.size()));
        Matcher m = KEY_VALUE.matcher(lines.get(i));
        m.matches();
        String value = EXTREMES.get(random.nextInt(EXTREMES.size()));
        lines.set(i, m.group(1) + m.group(2) + ":" + m.group(3) + value);
        return text(lines, "line " + (i + 1) + ": " + m.group(2) + " := " + value, null);
    }

    private Mutant replaceNumber(List<String> lines) {
        List<Integer> withNumbers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).trim().startsWith("#") && NUMBER.matcher(lines.get(i)).find()) {
                withNumbers.add(i);
            }
        }
        if (withNumbers.isEmpty()) {
            return replaceValue(lines);
        }
        int i = withNumbers.get(random.nextInt(withNumbers.size()));
        Matcher m = NUMBER.matcher(lines.get(i));
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        int[] s = spans.get(random.nextInt(spans.size()));
        String value = EXTREMES.get(random.nextInt(11));
        String l = lines.get(i);
        lines.set(i, l.substring(0, s[0]) + value + l.substring(s[1]));
        return text(lines, "line " + (i + 1) + ": number " + l.substring(s[0], s[1]) + " := " + value, null);
    }

    private Mutant truncate(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int at = random.nextInt(b.length + 1);
        return new Mutant(Arrays.copyOf(b, at), "truncated at byte " + at, null);
    }

    private Mutant flipByte(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int at = random.nextInt(b.length);
        byte old = b[at];
        b[at] = (byte) random.nextInt(256);
        return new Mutant(b, String.format("byte %d: %02X -> %02X", at, old & 0xFF, b[at] & 0xFF), null);
    }

    private Mutant insertBytes(String text, byte[] insert, String what) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int at = random.nextInt(b.length + 1);
        byte[] out = new byte[b.length + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at, out, at + insert.length, b.length - at);
        return new Mutant(out, what + " at byte " + at, null);
    }

    private Mutant encodings(String text) {
        return switch (random.nextInt(3)) {
            case 0 -> new Mutant(("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE), "UTF-16LE with a BOM", null);
            case 1 -> new Mutant(text.getBytes(StandardCharsets.UTF_16BE), "UTF-16BE without a BOM", null);
            default -> new Mutant(("\uFEFF" + text).getBytes(StandardCharsets.UTF_8), "a UTF-8 BOM", null);
        };
    }

    private Mutant alias(List<String> lines) {
        List<Integer> candidates = keyValueLines(lines);
        if (candidates.size() < 2) {
            return duplicateLine(lines);
        }
        int a = candidates.get(random.nextInt(candidates.size()));
        int b = candidates.get(random.nextInt(candidates.size()));
        Matcher ma = KEY_VALUE.matcher(lines.get(a));
        ma.matches();
        boolean undefined = random.nextInt(3) == 0;
        if (!undefined) {
            lines.set(a, ma.group(1) + ma.group(2) + ":" + ma.group(3) + "&anchor " + ma.group(4));
        }
        Matcher mb = KEY_VALUE.matcher(lines.get(b));
        mb.matches();
        lines.set(b, mb.group(1) + mb.group(2) + ":" + mb.group(3) + (undefined ? "*undefined" : "*anchor"));
        return text(lines, undefined ? "undefined alias at line " + (b + 1) : "alias of line " + (a + 1) + " at line " + (b + 1), null);
    }

    private Mutant longValue(List<String> lines) {
        List<Integer> candidates = keyValueLines(lines);
        if (candidates.isEmpty()) {
            return duplicateLine(lines);
        }
        int i = candidates.get(random.nextInt(candidates.size()));
        Matcher m = KEY_VALUE.matcher(lines.get(i));
        m.matches();
        lines.set(i, m.group(1) + m.group(2) + ":" + m.group(3) + "x".repeat(200_000));
        return text(lines, "line " + (i + 1) + ": " + m.group(2) + " := 200 000 characters", null);
    }

    private static List<Integer> keyValueLines(List<String> lines) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).trim().startsWith("#") && KEY_VALUE.matcher(lines.get(i)).matches()) {
                out.add(i);
            }
        }
        return out;
    }

    private static Mutant text(List<String> lines, String description, String deletedRequiredKey) {
        return new Mutant(String.join("\n", lines).getBytes(StandardCharsets.UTF_8), description, deletedRequiredKey);
    }
}
