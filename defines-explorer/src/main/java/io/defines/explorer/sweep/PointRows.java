package io.defines.explorer.sweep;

import io.defines.core.input.InputFiles;
import io.defines.explorer.results.DetailsJsonl;
import io.defines.explorer.results.ResultRow;
import io.defines.results.ResultSchema.Columns;
import io.defines.results.ResultSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The points.csv cells and details.jsonl line of each point, in the columns of {@link Columns}. */
final class PointRows {
    private final InputCatalog inputs;
    private final List<String> columns;

    PointRows(InputCatalog inputs) {
        this.inputs = inputs;
        this.columns = Columns.of(inputs.memoryNames());
    }

    /** The columns of points.csv: one energy column per memory of the points' accelerators. */
    List<String> columns() {
        return columns;
    }

    /** Point {@code i} evaluated to {@code r}: its row. */
    ResultRow row(int i, PointResult r) throws IOException {
        List<String> cells = new ArrayList<>(pointCells(i));
        cells.addAll(resultCells(r));
        return new ResultRow(i, cells, DetailsJsonl.line(i, inputs.key(i), r.ok() ? r.details() : null, r.reason()));
    }

    /** Point {@code i} with the result cells of an earlier run. */
    List<String> reused(int i, List<String> resultCells) {
        List<String> cells = new ArrayList<>(pointCells(i));
        cells.addAll(resultCells);
        return cells;
    }

    /** The cells of {@link Columns#POINT}. */
    private List<String> pointCells(int i) {
        DesignPoint p = inputs.point(i);
        return List.of(Integer.toString(i), inputs.key(i), InputFiles.stem(p.workload()), InputFiles.stem(p.accelerator()),
                p.mapping().getFileName().toString(), Long.toString(p.tileX()), Long.toString(p.tileY()), p.overlap(),
                Integer.toString(p.lpfLimit()), p.compat(), p.cuts());
    }

    /** The cells from {@link Columns#STATUS} to {@link Columns#EVAL_MS}. */
    private List<String> resultCells(PointResult r) {
        List<String> out = new ArrayList<>();
        if (!r.ok()) {
            out.addAll(List.of(ResultSchema.INFEASIBLE, r.reason().replaceAll("\\s+", " ")));
            while (out.size() < columns.size() - Columns.RESULT_FROM - 1) {
                out.add("");
            }
        } else {
            out.addAll(List.of(ResultSchema.OK, "", Double.toString(r.energyPj()), Long.toString(r.latencyCycles()), Double.toString(r.edp()),
                    Long.toString(r.macCount()), Double.toString(r.macEnergyPj()), Long.toString(r.dramAccessBits()),
                    Long.toString(r.onChipPeakBits())));
            for (String m : inputs.memoryNames()) {
                Double e = r.energyPerMemoryPj().get(m);
                out.add(e == null ? "" : Double.toString(e));
            }
        }
        out.add(Long.toString(r.evalMillis()));
        return out;
    }
}
