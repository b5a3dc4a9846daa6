package io.defines.explorer.results;

import io.defines.results.ParetoFront;
import io.defines.results.ResultSchema.Columns;
import io.defines.results.ResultSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
}
