package io.defines.explorer.results;

import io.defines.results.ParetoFront;
import io.defines.results.ResultSchema.Columns;
import io.defines.results.ResultSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/** pareto.csv: the feasible rows of points.csv that no other feasible row beats in all objectives. */
public final class ParetoFile {
    private ParetoFile() {
    }

    /**
     * Writes the front of {@code rows} (in row order) over the given objective columns (all minimised),
     * in the columns of pareto.csv: without eval_ms, because the front is part of the determinism
     * promise and timings are not.
     */
    public static void write(Path file, List<List<String>> rows, List<String> objectiveColumns, List<String> columns) throws IOException {
        int status = columns.indexOf(Columns.STATUS);
        int[] objective = objectiveColumns.stream().mapToInt(columns::indexOf).toArray();
        List<double[]> values = new ArrayList<>();
        List<List<String>> ok = new ArrayList<>();
        for (List<String> row : rows) {
            if (row.get(status).equals(ResultSchema.OK)) {
                ok.add(row);
                double[] v = new double[objective.length];
                for (int k = 0; k < v.length; k++) {
                    v[k] = Double.parseDouble(row.get(objective[k]));
                }
                values.add(v);
            }
        }
        List<String> header = Columns.pareto(columns);
        List<List<String>> front = new ArrayList<>();
        for (int i : ParetoFront.of(values)) {
            front.add(ok.get(i).subList(0, header.size()));
        }
        PointsCsv.write(file, header, front);
    }

    /**
     * The front of rows seen one at a time, keeping only the current front's objective values and row
     * numbers (equal points share one entry), not the rows: a sweep's memory does not grow with its
     * points. {@link #write} then copies the front's rows from the points.csv the rows were written to.
     * Same front as {@link #write(Path, List, List, List)} for numbers that are not NaN.
     */
    public static final class Incremental {
        private final int status;
        private final int[] objective;
        private final List<String> columns;
        /** Distinct objective vectors of the front, and per vector the row numbers (0-based, in order) that have it. */
        private final List<double[]> values = new ArrayList<>();
        private final List<int[]> rowsOf = new ArrayList<>();
        private final List<Integer> counts = new ArrayList<>();
        private int row;

        public Incremental(List<String> objectiveColumns, List<String> columns) {
            this.columns = columns;
            this.status = columns.indexOf(Columns.STATUS);
            this.objective = objectiveColumns.stream().mapToInt(columns::indexOf).toArray();
        }

        /** The next row of points.csv (rows must come in file order). */
        public void add(List<String> cells) {
            int r = row++;
            if (!cells.get(status).equals(ResultSchema.OK)) {
                return;
            }
            double[] v = new double[objective.length];
            for (int k = 0; k < v.length; k++) {
                v[k] = Double.parseDouble(cells.get(objective[k]));
                if (Double.isNaN(v[k])) {
                    return;
                }
            }
            for (int g = 0; g < values.size(); g++) {
                double[] f = values.get(g);
                if (Arrays.equals(f, v)) {
                    int n = counts.get(g);
                    int[] rs = rowsOf.get(g);
                    if (n == rs.length) {
                        rs = Arrays.copyOf(rs, n * 2);
                        rowsOf.set(g, rs);
                    }
                    rs[n] = r;
                    counts.set(g, n + 1);
                    return;
                }
                if (ParetoFront.dominates(f, v)) {
                    return;
                }
            }
            for (int g = values.size() - 1; g >= 0; g--) {
                if (ParetoFront.dominates(v, values.get(g))) {
                    values.remove(g);
                    rowsOf.remove(g);
                    counts.remove(g);
                }
            }
            values.add(v);
            rowsOf.add(new int[] {r, 0});
            counts.add(1);
        }

        /** Writes pareto.csv from the rows of {@code pointsCsv} (the file whose rows were added, header first). */
        public void write(Path file, Path pointsCsv) throws IOException {
            BitSet front = new BitSet();
            for (int g = 0; g < values.size(); g++) {
                int[] rs = rowsOf.get(g);
                for (int k = 0; k < counts.get(g); k++) {
                    front.set(rs[k]);
                }
            }
            List<String> header = Columns.pareto(columns);
            try (BufferedReader in = Files.newBufferedReader(pointsCsv, StandardCharsets.UTF_8);
                 Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write(PointsCsv.line(header));
                in.readLine(); // the header
                String line;
                for (int r = 0; (line = in.readLine()) != null && r < row; r++) {
                    if (front.get(r)) {
                        out.write(PointsCsv.line(PointsCsv.parse(line + "\n").get(0).subList(0, header.size())));
                    }
                }
            }
        }
    }
}
