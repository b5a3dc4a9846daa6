package io.defines.explorer.validation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.defines.core.input.Diagnostic;
import io.defines.core.input.InputText;
import io.defines.core.input.MapReader;
import io.defines.core.input.Parsed;
import io.defines.core.input.Problems;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.OverlapStrategy;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a measurement CSV (docs/validation.md): a header row, then one row per measured schedule;
 * lines starting with {@code #} are comments. Every problem is reported at FILE:LINE:COL with the
 * column name as the pointer, a hint, and all problems at once.
 */
public final class MeasurementReader {

    static final List<String> REQUIRED = List.of("id", "workload", "accelerator", "tile_x", "tile_y", "overlap", "source");
    static final List<String> OPTIONAL = List.of("mapping", "cuts", "lpf_limit", "compat", "clock_mhz", "rel_uncertainty", "include", "notes");

    private MeasurementReader() {
    }

    private record Cell(String text, int line, int column) {
    }

    /** Reads a file through {@link InputText} (size, type and encoding checks; a UTF-8 byte-order mark skipped). */
    public static Parsed<List<Measurement>> read(Path file) {
        Problems problems = new Problems(file.toString());
        String text = InputText.read(file, problems);
        if (text == null) {
            return new Parsed<>(null, problems.diagnostics());
        }
        return read(file.toString(), new StringReader(text), file.toAbsolutePath().getParent());
    }

    /** @param base folder that relative paths in the file are resolved against */
    public static Parsed<List<Measurement>> read(String name, Reader reader, Path base) {
        Problems problems = new Problems(name);
        String text;
        try {
            StringWriter all = new StringWriter();
            reader.transferTo(all);
            text = all.toString();
        } catch (IOException e) {
            problems.error(1, 1, "", "cannot read the file: " + e.getMessage(), "check the path and permissions");
            return new Parsed<>(null, problems.diagnostics());
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a UTF-8 byte-order mark, not part of the first line
        }
        List<List<Cell>> rows = InputText.reportNuls(text, problems, 0) > 0 ? null : cells(text, problems);
        if (rows == null) {
            return new Parsed<>(null, problems.diagnostics());
        }
        return measurements(rows, problems, base);
    }

    /** The cells of every row with their positions, or null with the CSV syntax problem reported where it is. */
    private static List<List<Cell>> cells(String text, Problems problems) {
        List<List<Cell>> rows = new ArrayList<>();
        CsvMapper mapper = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withComments();
        try (CsvParser p = mapper.getFactory().createParser(new StringReader(text))) {
            p.setSchema(schema);
            p.enable(CsvParser.Feature.WRAP_AS_ARRAY);
            // with WRAP_AS_ARRAY the file is one array; each row starts with a START_ARRAY of its own
            List<Cell> row = null;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_ARRAY) {
                    if (row != null) {
                        rows.add(row);
                    }
                    row = new ArrayList<>();
                } else if (t == JsonToken.VALUE_STRING && row != null) {
                    var loc = p.currentTokenLocation();
                    row.add(new Cell(p.getText().trim(), loc.getLineNr(), loc.getColumnNr()));
                }
            }
            if (row != null) {
                rows.add(row);
            }
            return rows;
        } catch (IOException | RuntimeException e) {
            int[] quote = unclosedQuote(text);
            if (quote != null) {
                problems.error(quote[0], quote[1], "", "this quote opens a cell that is never closed, so the rest of the file would be one cell",
                        "close the quote at the end of the cell; a quote inside a quoted cell is written twice (\"\")");
            } else {
                JsonLocation loc = e instanceof JsonProcessingException j ? j.getLocation() : null;
                String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
                problems.error(loc == null ? 1 : Math.max(1, loc.getLineNr()), loc == null ? 1 : Math.max(1, loc.getColumnNr()), "",
                        "not a readable CSV file: " + Diagnostic.shorten(firstLine(why)), "save it as comma-separated UTF-8 text with a header row");
            }
            return null;
        }
    }

    private static String firstLine(String s) {
        return s == null ? "syntax error" : s.lines().findFirst().orElse(s);
    }

    /**
     * Line and column of the quote that opens a cell never closed (RFC 4180: a cell that starts with a
     * quote ends at a quote not doubled), or null; comment lines (starting with {@code #}) are skipped.
     */
    static int[] unclosedQuote(String text) {
        int line = 1;
        int col = 1;
        boolean cellStart = true;
        boolean lineStart = true;
        int[] open = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (open != null) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        i++;
                        col++;
                    } else {
                        open = null;
                    }
                }
            } else if (lineStart && c == '#') {
                while (i + 1 < text.length() && text.charAt(i + 1) != '\n') {
                    i++;
                }
            } else if (cellStart && c == '"') {
                open = new int[] {line, col};
            }
            cellStart = open == null && (c == ',' || c == '\n');
            lineStart = open == null && c == '\n';
            if (c == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return open;
    }

    private static Parsed<List<Measurement>> measurements(List<List<Cell>> rows, Problems problems, Path base) {
        rows.removeIf(r -> r.isEmpty() || (r.size() == 1 && r.get(0).text().isEmpty()));
        if (rows.isEmpty()) {
            problems.error(1, 1, "", "the file has no header row", "start with: " + String.join(",", REQUIRED) + ",latency_cycles");
            return new Parsed<>(null, problems.diagnostics());
        }
        List<Cell> header = rows.get(0);
        Map<String, Integer> col = new LinkedHashMap<>();
        Set<String> known = new HashSet<>(REQUIRED);
        known.addAll(OPTIONAL);
        for (Metric m : Metric.values()) {
            known.add(m.column());
        }
        for (int i = 0; i < header.size(); i++) {
            Cell h = header.get(i);
            String column = h.text().toLowerCase(Locale.ROOT);
            if (!known.contains(column)) {
                String s = MapReader.closest(column, known);
                problems.error(h.line(), h.column(), "/" + h.text(), "unknown column " + Diagnostic.quote(h.text()),
                        s != null ? "you meant " + Diagnostic.quote(s) + "?" : "known columns: " + String.join(", ", known.stream().sorted().toList()));
            } else if (col.put(column, i) != null) {
                problems.error(h.line(), h.column(), "/" + h.text(), "column " + Diagnostic.quote(h.text()) + " appears twice", "keep one of them");
            }
        }
        for (String req : REQUIRED) {
            if (!col.containsKey(req)) {
                problems.error(header.get(0).line(), 1, "", "no column " + Diagnostic.quote(req), "add a " + Diagnostic.quote(req) + " column to the header");
            }
        }
        if (Arrays.stream(Metric.values()).noneMatch(m -> col.containsKey(m.column()))) {
            problems.error(header.get(0).line(), 1, "", "no measured metric column",
                    "add at least one of latency_cycles, latency_ms, energy_pj, tops_per_w, tops_per_w_core, offchip_bits");
        }
        if (problems.hasErrors()) {
            return new Parsed<>(null, problems.diagnostics());
        }
        List<Measurement> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (List<Cell> row : rows.subList(1, rows.size())) {
            Measurement m = row(row, header, col, ids, problems, base);
            if (m != null) {
                out.add(m);
            }
        }
        if (out.isEmpty() && !problems.hasErrors()) {
            problems.error(header.get(0).line(), 1, "", "the file has a header but no rows", "add one row per measured schedule");
        }
        return problems.hasErrors() ? new Parsed<>(null, problems.diagnostics()) : new Parsed<>(List.copyOf(out), problems.diagnostics());
    }

    /** One measurement row, or null with its problems reported at the cells. */
    private static Measurement row(List<Cell> row, List<Cell> header, Map<String, Integer> col, Set<String> ids, Problems problems, Path base) {
        int before = problems.errorCount();
        int line = row.get(0).line();
        if (row.size() > header.size()) {
            Cell extra = row.get(header.size());
            problems.error(extra.line(), extra.column(), "", "row has " + row.size() + " cells, the header " + header.size(),
                    "quote cells that contain commas, or add a column name");
            return null;
        }
        RowReader rr = new RowReader(row, col, problems, line, base);
        String id = rr.text("id", true);
        if (id != null && !ids.add(id)) {
            rr.error("id", "id " + Diagnostic.quote(id) + " is used twice", "give every row its own id");
        }
        Path workload = rr.file("workload");
        Path accelerator = rr.file("accelerator");
        Path mapping = rr.optionalFile("mapping");
        long tx = rr.tile("tile_x");
        long ty = rr.tile("tile_y");
        String overlap = rr.text("overlap", true);
        if (overlap != null && OverlapStrategy.parsePair(overlap) == null) {
            rr.error("overlap", Diagnostic.quote(overlap) + " is not an overlap strategy",
                    "fully-recompute, h-cached-v-recompute, fully-cached, or h=<s>,v=<s> with recompute, cache or global");
        }
        String cuts = rr.text("cuts", false);
        if (cuts == null || cuts.isEmpty()) {
            cuts = "auto";
        } else if (cutProblem(cuts) != null) {
            rr.error("cuts", "cuts " + Diagnostic.quote(cuts) + ": " + cutProblem(cuts) + "; cuts are auto, none, layer-by-layer or distinct layer ids"
                    + " separated by ';'", "e.g. 3;7");
        }
        double lpf = rr.number("lpf_limit", false, 8, 1, 12);
        if (lpf != Math.rint(lpf)) {
            rr.error("lpf_limit", "lpf_limit " + lpf + " is not an integer", "LOMA's loop-prime-factor limit is a whole number from 1 to 12, e.g. 6");
        }
        String compat = rr.text("compat", false);
        if (compat == null || compat.isEmpty()) {
            compat = "fixed";
        } else if (!compat.equals("fixed") && !compat.equals("defines2023")) {
            rr.error("compat", "compat " + Diagnostic.quote(compat) + " is not fixed or defines2023", "leave it empty for the fixed model");
        }
        double clock = rr.number("clock_mhz", false, 0, 1e-6, 1e6);
        double unc = rr.number("rel_uncertainty", false, 0.05, 1e-6, 10);
        String include = rr.text("include", false);
        boolean inc = include == null || include.isEmpty() || include.equalsIgnoreCase("yes") || include.equalsIgnoreCase("true");
        if (include != null && !include.isEmpty() && !inc && !include.equalsIgnoreCase("no") && !include.equalsIgnoreCase("false")) {
            rr.error("include", "include " + Diagnostic.quote(include) + " is not yes or no", "no = report the row but leave it out of errors and calibration");
        }
        Map<Metric, Double> measured = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            if (col.containsKey(m.column())) {
                double v = rr.number(m.column(), false, Double.NaN, Double.MIN_VALUE, Double.MAX_VALUE);
                if (!Double.isNaN(v)) {
                    measured.put(m, v);
                }
            }
        }
        if (measured.isEmpty() && problems.errorCount() == before) {
            problems.error(line, 1, "", "row " + Diagnostic.quote(id) + " has no measured value", "fill at least one metric cell");
        }
        if (measured.containsKey(Metric.LATENCY_MS) && clock == 0) {
            rr.error("latency_ms", "latency_ms needs the clock frequency", "fill clock_mhz for this row");
        }
        String source = rr.text("source", true);
        String notes = rr.text("notes", false);
        return problems.errorCount() != before ? null : new Measurement(id, workload, accelerator, mapping, tx, ty, overlap, cuts, (int) lpf,
                compat, clock, measured, unc, inc, source, notes == null ? "" : notes, line);
    }

    /** Typed access to one row's cells, reporting problems at the cell. */
    private static final class RowReader {
        private final List<Cell> row;
        private final Map<String, Integer> col;
        private final Problems problems;
        private final int line;
        private final Path base;

        RowReader(List<Cell> row, Map<String, Integer> col, Problems problems, int line, Path base) {
            this.row = row;
            this.col = col;
            this.problems = problems;
            this.line = line;
            this.base = base;
        }

        Cell cell(String name) {
            Integer i = col.get(name);
            return i == null || i >= row.size() ? null : row.get(i);
        }

        void error(String name, String message, String hint) {
            Cell c = cell(name);
            problems.error(c == null ? line : c.line(), c == null ? 1 : c.column(), "/" + name, message, hint);
        }

        String text(String name, boolean required) {
            Cell c = cell(name);
            if (c == null || c.text().isEmpty()) {
                if (required) {
                    error(name, Diagnostic.quote(name) + " is empty", "every row needs " + name);
                }
                return c == null ? null : "";
            }
            return c.text();
        }

        Path file(String name) {
            String t = text(name, true);
            if (t == null || t.isEmpty()) {
                return null;
            }
            Path p = base == null ? Path.of(t) : base.resolve(t).normalize();
            if (!Files.isRegularFile(p)) {
                error(name, "file " + Diagnostic.quote(t) + " does not exist (looked for " + p + ")", "paths are relative to the measurement file's folder");
                return null;
            }
            return p;
        }

        Path optionalFile(String name) {
            String t = text(name, false);
            return t == null || t.isEmpty() ? null : file(name);
        }

        long tile(String name) {
            String t = text(name, true);
            if (t == null || t.isEmpty()) {
                return -1;
            }
            if (t.equals("full")) {
                return 0;
            }
            try {
                long v = Long.parseLong(t);
                if (v > 0) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            error(name, name + " " + Diagnostic.quote(t) + " is not a positive integer or 'full'", "tile sizes are in the last layer's output pixels, e.g. 960");
            return -1;
        }

        double number(String name, boolean required, double absent, double min, double max) {
            String t = text(name, required);
            if (t == null || t.isEmpty()) {
                return absent;
            }
            try {
                double v = Double.parseDouble(t);
                if (v >= min && v <= max && Double.isFinite(v)) {
                    return v;
                }
                error(name, name + " " + Diagnostic.shorten(t) + " is out of range", "a number from " + min + " to " + max);
            } catch (NumberFormatException e) {
                error(name, name + " " + Diagnostic.quote(t) + " is not a number", "write a plain number such as 6180000 or 6.18e6");
            }
            return absent;
        }
    }

    /** Why {@code text} is not a cut policy (CutPolicy.parse's message), or null when it is one. */
    private static String cutProblem(String text) {
        try {
            CutPolicy.parse(text);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
