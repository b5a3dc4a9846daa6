package io.defines.explorer.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.RepoPaths;
import io.defines.core.schedule.OverlapStrategy;
import io.defines.explorer.results.ResultRow;
import io.defines.results.ResultSchema.Columns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepTest {

    static final Path ROOT = RepoPaths.root();
    static final Path FSRCNN = ROOT.resolve("workloads/fsrcnn.yaml");
    static final Path META = ROOT.resolve("hardware/meta-prototype-df.yaml");
    static final Path MAPPING = ROOT.resolve("hardware/mappings/meta-prototype/fsrcnn.yaml");
    static final List<OverlapStrategy[]> MODES = List.of(
            new OverlapStrategy[] {OverlapStrategy.RECOMPUTE, OverlapStrategy.RECOMPUTE},
            new OverlapStrategy[] {OverlapStrategy.CACHE, OverlapStrategy.RECOMPUTE},
            new OverlapStrategy[] {OverlapStrategy.CACHE, OverlapStrategy.CACHE});
    static final List<String> MODE_NAMES = List.of("fully-recompute", "h-cached-v-recompute", "fully-cached");

    /** FSRCNN, 3 modes × tile_x {60, 240} × tile_y {72, 270} at LPF 4: 12 points, some dominated. */
    static List<DesignPoint> points(Path accelerator) {
        List<DesignPoint> out = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            for (long tx : new long[] {60, 240}) {
                for (long ty : new long[] {72, 270}) {
                    out.add(new DesignPoint(FSRCNN, accelerator, MAPPING, tx, ty, MODE_NAMES.get(m), MODES.get(m)[0], MODES.get(m)[1], 4,
                            "fixed", "auto"));
                }
            }
        }
        return out;
    }

    static final List<Objective> EL = List.of(Objective.ENERGY, Objective.LATENCY);

    /** points.csv without its eval_ms column (the one column outside the determinism promise). */
    static String withoutTimings(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().map(l -> l.substring(0, l.lastIndexOf(','))).collect(Collectors.joining("\n"));
    }

    @Test
    void sameFilesForAnyThreadCount(@TempDir Path tmp) throws IOException {
        Sweep.Summary one = new Sweep(points(META), 1).run(tmp.resolve("t1"), EL, null);
        Sweep.Summary two = new Sweep(points(META), 2).run(tmp.resolve("t2"), EL, null);
        assertThat(one.complete()).isTrue();
        assertThat(one.evaluated()).isEqualTo(12);
        assertThat(two.evaluated()).isEqualTo(12);
        assertThat(withoutTimings(tmp.resolve("t1/points.csv"))).isEqualTo(withoutTimings(tmp.resolve("t2/points.csv")));
        assertThat(Files.readString(tmp.resolve("t1/pareto.csv"))).isEqualTo(Files.readString(tmp.resolve("t2/pareto.csv")));
        assertThat(Files.readString(tmp.resolve("t1/details.jsonl"))).isEqualTo(Files.readString(tmp.resolve("t2/details.jsonl")));
        List<String> details = Files.readAllLines(tmp.resolve("t1/details.jsonl"));
        assertThat(details).hasSize(12);
        assertThat(details.get(3)).startsWith("{\"point_id\":3,\"point_key\":\"").contains("\"status\":\"ok\",\"result\":{\"energy_pj\":")
                .contains("\"tile_types\"").contains("\"actions\"");
        List<String> rows = Files.readAllLines(tmp.resolve("t1/points.csv"));
        assertThat(rows).hasSize(13);
        Sweep sweep = new Sweep(points(META), 1);
        List<String> header = List.of(rows.get(0).split(","));
        assertThat(header).isEqualTo(sweep.columns());
        assertThat(header.subList(0, Columns.BASE.size())).isEqualTo(Columns.BASE);
        List<String> memories = io.defines.core.input.AcceleratorReader.read(META).orThrow().memories().stream()
                .map(io.defines.core.hardware.Memory::name).toList();
        assertThat(header.subList(Columns.BASE.size(), header.size() - 1)).isEqualTo(memories.stream().map(Columns::energy).toList());
        assertThat(header.get(header.size() - 1)).isEqualTo("eval_ms");
        // per row: memory energies plus MAC energy are the total; the off-chip memory sees traffic; some data stays on chip
        for (String row : rows.subList(1, rows.size())) {
            String[] c = row.split(",");
            assertThat(c).hasSize(header.size());
            double sum = Double.parseDouble(c[header.indexOf("mac_energy_pj")]);
            for (String m : memories) {
                sum += Double.parseDouble(c[header.indexOf(Columns.energy(m))]);
            }
            double total = Double.parseDouble(c[header.indexOf("energy_pj")]);
            assertThat(sum).isCloseTo(total, org.assertj.core.api.Assertions.within(1e-9 * total));
            assertThat(Long.parseLong(c[header.indexOf("dram_access_bits")])).isPositive();
            assertThat(Long.parseLong(c[header.indexOf("onchip_peak_bits")])).isPositive();
        }
        assertThat(rows.get(1)).startsWith("0,").contains(",fsrcnn,meta-prototype-df,fsrcnn.yaml,60,72,fully-recompute,4,fixed,auto,ok,,");
        // the front: non-empty, no more than the feasible points, and every row of it is a row of points.csv
        List<String> front = Files.readAllLines(tmp.resolve("t1/pareto.csv"));
        assertThat(front.size()).isBetween(2, 13);
        assertThat(withoutTimings(tmp.resolve("t1/points.csv")).lines().toList()).containsAll(front);
        // fully cached 60 × 72 is the best in both energy and latency of these 12 points
        assertThat(front).hasSize(2);
        assertThat(front.get(1)).contains(",60,72,fully-cached,");
        // a front over energy and on-chip need: every front row is non-dominated in those two columns
        new Sweep(points(META), 2).run(tmp.resolve("mem"), List.of(Objective.ENERGY, Objective.ONCHIP_PEAK_BITS), null);
        List<String> memFront = Files.readAllLines(tmp.resolve("mem/pareto.csv"));
        int ei = header.indexOf("energy_pj");
        int mi = header.indexOf("onchip_peak_bits");
        List<String[]> all = rows.subList(1, rows.size()).stream().map(r -> r.split(",")).toList();
        assertThat(memFront.size()).isGreaterThan(1);
        for (String f : memFront.subList(1, memFront.size())) {
            String[] c = f.split(",");
            double e = Double.parseDouble(c[ei]);
            long m = Long.parseLong(c[mi]);
            assertThat(all).noneMatch(o -> Double.parseDouble(o[ei]) <= e && Long.parseLong(o[mi]) <= m
                    && (Double.parseDouble(o[ei]) < e || Long.parseLong(o[mi]) < m));
        }
        // the memo is shared across points: the 12 schedules repeat single-layer problems
        assertThat(one.cacheHits()).isPositive();
    }

    @Test
    void pointByPointEvaluationWritesTheSameFiles(@TempDir Path tmp) throws IOException {
        new Sweep(points(META), 2).run(tmp.resolve("run"), EL, null);
        Sweep s = new Sweep(points(META), 1);
        List<ResultRow> rows = new ArrayList<>();
        for (int i = s.size() - 1; i >= 0; i--) { // any order
            rows.add(s.evaluatePoint(i));
        }
        s.writeAll(tmp.resolve("rows"), rows, EL);
        assertThat(withoutTimings(tmp.resolve("rows/points.csv"))).isEqualTo(withoutTimings(tmp.resolve("run/points.csv")));
        assertThat(Files.readString(tmp.resolve("rows/pareto.csv"))).isEqualTo(Files.readString(tmp.resolve("run/pareto.csv")));
        assertThat(Files.readString(tmp.resolve("rows/details.jsonl"))).isEqualTo(Files.readString(tmp.resolve("run/details.jsonl")));
    }

    @Test
    void resumesAnInterruptedRunToTheSameFiles(@TempDir Path tmp) throws IOException {
        new Sweep(points(META), 2).run(tmp.resolve("whole"), EL, null);
        Path dir = tmp.resolve("resumed");
        Sweep first = new Sweep(points(META), 2);
        Sweep.Summary part = first.run(dir, EL, (done, total, reused) -> {
            if (done == 5) {
                first.requestStop();
            }
        });
        assertThat(part.complete()).isFalse();
        assertThat(Files.exists(dir.resolve("pareto.csv"))).isFalse();
        List<String> partial = Files.readAllLines(dir.resolve("points.csv"));
        assertThat(partial.size()).isBetween(6, 12);
        // a hard kill can also leave half a row at the end
        Files.writeString(dir.resolve("points.csv"), String.join("\n", partial) + "\n" + partial.get(partial.size() - 1).substring(0, 20));
        Sweep.Summary rest = new Sweep(points(META), 2).run(dir, EL, null);
        assertThat(rest.complete()).isTrue();
        assertThat(rest.reused()).isEqualTo(partial.size() - 1);
        assertThat(rest.evaluated()).isEqualTo(12 - rest.reused());
        assertThat(withoutTimings(dir.resolve("points.csv"))).isEqualTo(withoutTimings(tmp.resolve("whole/points.csv")));
        assertThat(Files.readString(dir.resolve("pareto.csv"))).isEqualTo(Files.readString(tmp.resolve("whole/pareto.csv")));
        assertThat(Files.exists(dir.resolve("points.csv.old"))).isFalse();
        assertThat(Files.readString(dir.resolve("details.jsonl"))).isEqualTo(Files.readString(tmp.resolve("whole/details.jsonl")));
        assertThat(Files.exists(dir.resolve("details.jsonl.old"))).isFalse();
        // a third run reuses everything
        assertThat(new Sweep(points(META), 1).run(dir, EL, null).evaluated()).isZero();
    }

    /** A stop also stops copying an earlier run's rows (a resume of many finished points stops at once), and loses none of them. */
    @Test
    void aStoppedResumeKeepsTheRowsItDidNotCopy(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("out");
        new Sweep(points(META), 2).run(dir, EL, null);
        String csv = withoutTimings(dir.resolve("points.csv"));
        String pareto = Files.readString(dir.resolve("pareto.csv"));
        String details = Files.readString(dir.resolve("details.jsonl"));
        Sweep again = new Sweep(points(META), 2);
        Sweep.Summary part = again.run(dir, EL, (done, total, reused) -> {
            if (done == 3) {
                again.requestStop();
            }
        });
        assertThat(part.complete()).isFalse();
        assertThat(part.reused()).isEqualTo(3);
        assertThat(part.evaluated()).isZero();
        assertThat(Files.readAllLines(dir.resolve("points.csv"))).hasSize(4);
        Sweep.Summary rest = new Sweep(points(META), 1).run(dir, EL, null);
        assertThat(rest.complete()).isTrue();
        assertThat(rest.reused()).isEqualTo(12);
        assertThat(withoutTimings(dir.resolve("points.csv"))).isEqualTo(csv);
        assertThat(Files.readString(dir.resolve("pareto.csv"))).isEqualTo(pareto);
        assertThat(Files.readString(dir.resolve("details.jsonl"))).isEqualTo(details);
        assertThat(Files.exists(dir.resolve("points.csv.old"))).isFalse();
    }

    @Test
    void infeasiblePointsAreRowsWithAReason(@TempDir Path tmp) throws IOException {
        Path tiny = tmp.resolve("meta-prototype-df-tiny-dram.yaml");
        Files.writeString(tiny, Files.readString(META).replace("name: meta-prototype-df", "name: meta-prototype-df-tiny-dram")
                .replace("size: 10000000000", "size: 800"));
        List<DesignPoint> mixed = new ArrayList<>(points(META).subList(0, 2));
        mixed.addAll(points(tiny).subList(0, 2));
        Sweep.Summary s = new Sweep(mixed, 2).run(tmp.resolve("out"), EL, null);
        assertThat(s.complete()).isTrue();
        assertThat(s.infeasible()).isEqualTo(2);
        List<String> rows = Files.readAllLines(tmp.resolve("out/points.csv"));
        assertThat(rows.get(3)).contains(",infeasible,").contains("does not fit");
        assertThat(rows.get(3).split(",", -1)).hasSize(rows.get(0).split(",").length);
        assertThat(Files.readAllLines(tmp.resolve("out/pareto.csv"))).noneMatch(l -> l.contains("infeasible"));
        assertThat(Files.readAllLines(tmp.resolve("out/details.jsonl")).get(2)).contains("\"status\":\"infeasible\",\"reason\":\"layer");
    }
}
