package io.defines.explorer.results;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.defines.results.ResultSchema.Columns;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writing and reading points.csv (and pareto.csv) rows in the columns of {@link Columns}. */
public final class PointsCsv {
    private static final ObjectWriter CSV_LINE = new CsvMapper().writer(CsvSchema.emptySchema().withLineSeparator("\n"));
    private static final CsvMapper READER = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

    private PointsCsv() {
    }

    /** One CSV line, with its newline. */
    public static String line(List<String> cells) throws IOException {
        return CSV_LINE.writeValueAsString(cells);
    }

    /** Writes the header and the rows. */
    public static void write(Path file, List<String> columns, List<List<String>> rows) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(line(columns));
            for (List<String> row : rows) {
                w.write(line(row));
            }
        }
    }

    /** The cells of every row of CSV text, in order. */
    public static List<List<String>> parse(String text) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<String[]> it = READER.readerFor(String[].class).readValues(text)) {
            while (it.hasNext()) {
                rows.add(Arrays.asList(it.next()));
            }
        }
        return rows;
    }

    /** The cells of one CSV line (without or with its newline). */
    public static List<String> cells(String line) throws IOException {
        try (MappingIterator<String[]> it = READER.readerFor(String[].class).readValues(line)) {
            return it.hasNext() ? Arrays.asList(it.next()) : List.of();
        }
    }

    /**
     * The result cells (from {@link Columns#STATUS} on) of every complete row of an earlier points.csv,
     * by point key. An IOException when its header is not {@code columns}.
     */
    public static Map<String, List<String>> readResults(Path csv, List<String> columns) throws IOException {
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        Map<String, List<String>> rows = new LinkedHashMap<>();
        if (end < 0) {
            return rows; // not even a complete header
        }
        int key = columns.indexOf(Columns.POINT_KEY);
        try (MappingIterator<String[]> it = READER.readerFor(String[].class).readValues(text.substring(0, end + 1))) {
            if (!it.hasNext() || !Arrays.asList(it.next()).equals(columns)) {
                throw new IOException(csv + ": not a points.csv of this version of defines (its header differs)."
                        + " Maybe sweep into a fresh --out folder");
            }
            while (it.hasNext()) {
                String[] r = it.next();
                if (r.length == columns.size()) {
                    rows.put(r[key], List.of(r).subList(Columns.RESULT_FROM, columns.size()));
                }
            }
        }
        return rows;
    }

    /** Writes rows that hold only their point key and result cells: what {@link #readResults} reads back. */
    public static void writeResults(Path file, List<String> columns, Map<String, List<String>> resultsByKey) throws IOException {
        int key = columns.indexOf(Columns.POINT_KEY);
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : resultsByKey.entrySet()) {
            List<String> row = new ArrayList<>(Collections.nCopies(Columns.RESULT_FROM, ""));
            row.set(key, e.getKey());
            row.addAll(e.getValue());
            rows.add(row);
        }
        write(file, columns, rows);
    }
}
