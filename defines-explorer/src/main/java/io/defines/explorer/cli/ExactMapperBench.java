package io.defines.explorer.cli;

import io.defines.core.compat.CompatFlags;
import io.defines.core.cost.LayerCost;
import io.defines.core.cost.SingleLayerProblem;
import io.defines.core.golden.GoldenRuns;
import io.defines.core.mapper.ExactMapper;
import io.defines.core.mapper.LomaMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code defines bench --mapper exact}: the exact mapper on the golden single-layer problems (default
 * mode), one thread: time per problem (median, slowest), orderings it evaluated against the size of
 * its space and against LOMA's at LPF 8, and its energy against LOMA's at LPF 6 and LPF 8 (gain per
 * problem: distribution, best, worst). Optionally one CSV row per problem.
 */
final class ExactMapperBench {

    private static final LomaMapper LOMA = new LomaMapper();

    /** One problem's figures. */
    record Figures(GoldenRuns.Row row, double exactPj, double lpf6Pj, double lpf8Pj, long exactNs, long evaluated,
                   BigInteger space, long lpf8Orderings, boolean proven) {

        double gainOver(double lomaPj) {
            return exactPj / lomaPj - 1;
        }
    }

    private ExactMapperBench() {
    }

    static void run(ExactMapper exact, GoldenRuns golden, int maxRows, Path csv, PrintWriter out) throws IOException {
        List<GoldenRuns.Row> rows = golden.layerRows(8, CompatFlags.FIXED);
        if (maxRows > 0 && rows.size() > maxRows) {
            rows = rows.subList(0, maxRows);
        }
        out.printf(Locale.ROOT, "exact mapper (%s, budget %,d orderings): %d golden single-layer problems, default mode, 1 thread%n",
                exact.name(), exact.budget(), rows.size());
        for (GoldenRuns.Row row : rows.subList(0, Math.min(50, rows.size()))) {
            exact.evaluate(row.problem()); // warm-up: JIT compilation
        }
        List<Figures> all = new ArrayList<>();
        for (GoldenRuns.Row row : rows) {
            SingleLayerProblem p8 = row.problem();
            long s = System.nanoTime();
            LayerCost result = exact.evaluate(p8);
            long dt = System.nanoTime() - s;
            LayerCost lpf8 = LOMA.evaluate(p8);
            LayerCost lpf6 = LOMA.evaluate(p8.withLpfLimit(6));
            all.add(new Figures(row, energy(result), energy(lpf6), energy(lpf8), dt, result.orderingsEnumerated(),
                    ExactMapper.spaceSize(p8), lpf8.orderingsEnumerated(), result instanceof LayerCost.Mapped m && m.provenOptimal()));
        }
        report(all, exact.budget(), out);
        if (csv != null) {
            write(all, csv);
            out.println("per problem: " + csv);
        }
        out.flush();
    }

    private static double energy(LayerCost c) {
        return c instanceof LayerCost.Mapped m ? m.energyPj() : Double.NaN;
    }

    private static void report(List<Figures> all, long budget, PrintWriter out) {
        long[] ns = all.stream().mapToLong(Figures::exactNs).sorted().toArray();
        double total = Arrays.stream(ns).sum() / 1e9;
        out.printf(Locale.ROOT, "time per problem: median %.2f ms, p90 %.2f ms, slowest %.1f ms; all %.1f s%n",
                ns[ns.length / 2] / 1e6, ns[(int) (ns.length * 0.9)] / 1e6, ns[ns.length - 1] / 1e6, total);
        Figures slowest = all.stream().max(Comparator.comparingLong(Figures::exactNs)).orElseThrow();
        out.printf(Locale.ROOT, "slowest: %s, %,d orderings evaluated of %,d%n", slowest.row(), slowest.evaluated(), slowest.space());
        long evaluated = all.stream().mapToLong(Figures::evaluated).sum();
        long lpf8 = all.stream().mapToLong(Figures::lpf8Orderings).sum();
        BigInteger space = all.stream().map(Figures::space).reduce(BigInteger.ZERO, BigInteger::add);
        List<Figures> proven = all.stream().filter(Figures::proven).toList();
        long provenEvaluated = proven.stream().mapToLong(Figures::evaluated).sum();
        BigInteger provenSpace = proven.stream().map(Figures::space).reduce(BigInteger.ZERO, BigInteger::add);
        out.printf(Locale.ROOT, "proven optimal: %d of %d problems (%,d orderings evaluated of their %s: %.1f %%, the rest pruned); "
                        + "the other %d ran out of the budget of %,d orderings and return the better of their best and LOMA's%n",
                proven.size(), all.size(), provenEvaluated, provenSpace, 100.0 * provenEvaluated / provenSpace.doubleValue(),
                all.size() - proven.size(), budget);
        out.printf(Locale.ROOT, "orderings: exact evaluated %,d in all (LOMA's runs included) of a space of %s; LOMA at LPF 8 enumerates %,d%n",
                evaluated, space, lpf8);
        gains("LPF 6", all.stream().mapToDouble(f -> f.gainOver(f.lpf6Pj())).toArray(), out);
        gains("LPF 8", all.stream().mapToDouble(f -> f.gainOver(f.lpf8Pj())).toArray(), out);
    }

    private static void gains(String what, double[] gains, PrintWriter out) {
        double[] g = Arrays.stream(gains).filter(x -> !Double.isNaN(x)).sorted().toArray();
        long lower = Arrays.stream(g).filter(x -> x < -1e-12).count();
        long higher = Arrays.stream(g).filter(x -> x > 1e-12).count();
        out.printf(Locale.ROOT, "energy exact / %s - 1 over %d problems: lower on %d, equal on %d, higher on %d; best %+.3f %%, median %+.4f %%, worst %+.4f %%%n",
                what, g.length, lower, g.length - lower - higher, higher, 100 * g[0], 100 * g[g.length / 2], 100 * g[g.length - 1]);
    }

    private static void write(List<Figures> all, Path csv) throws IOException {
        try (Writer w = Files.newBufferedWriter(csv)) {
            w.write("problem,exact_energy_pj,lpf6_energy_pj,lpf8_energy_pj,exact_ns,exact_orderings_evaluated,space_orderings,lpf8_orderings,proven_optimal\n");
            for (Figures f : all) {
                w.write(String.format(Locale.ROOT, "\"%s\",%s,%s,%s,%d,%d,%s,%d,%s%n", f.row(), f.exactPj(), f.lpf6Pj(), f.lpf8Pj(),
                        f.exactNs(), f.evaluated(), f.space(), f.lpf8Orderings(), f.proven()));
            }
        }
    }
}
