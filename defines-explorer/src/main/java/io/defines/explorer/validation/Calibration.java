package io.defines.explorer.validation;

import io.defines.core.depthfirst.ScheduleResult;
import io.defines.core.hardware.Accelerator;
import io.defines.core.hardware.Memory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * Fits calibration parameters to measurements by bounded, weighted least squares on relative errors
 * (ojalgo's convex QP solver): energy metrics are linear in the energy scales and latency is linear in
 * the control overhead once the mappings are fixed, so each round linearises at the current
 * accelerator, solves, rescales and re-evaluates (the mapper may pick other mappings for other costs),
 * until the parameters stop moving. Energy scales are bounded to [0, 1000]; the overhead to [0, 10⁹].
 */
final class Calibration {

    static final int MAX_ROUNDS = 10;
    static final double SCALE_MAX = 1000;
    static final double OVERHEAD_MAX = 1e9;

    /**
     * The outcome: per parameter its value (a factor on the input accelerator's energies, or cycles),
     * the accelerator it gives, the rows evaluated on it, leave-one-out relative errors by row id and
     * metric, the parameters no included measurement constrains, and per row the parameters that only
     * it constrains (its leave-one-out prediction uses the input values for them).
     */
    record Fit(Map<String, Double> values, Accelerator accelerator, List<ModelRuns.Run> runs, Map<String, Map<Metric, Double>> leaveOneOut,
               List<String> unconstrained, int rounds, Map<String, List<String>> onlyConstrainedBy) {
    }

    /** One linearised residual: the row's weighted sensitivities and target. */
    private record Equation(String rowId, Metric metric, double[] a, double b, double weight, double target, double rest, double usefulMacs) {
    }

    private final List<Parameter> params;
    private final Function<Accelerator, List<ModelRuns.Run>> evaluate;

    /** @param evaluate evaluates every measurement row on an accelerator, in file order */
    Calibration(List<Parameter> params, Function<Accelerator, List<ModelRuns.Run>> evaluate) {
        this.params = List.copyOf(params);
        this.evaluate = evaluate;
    }

    Fit fit(Accelerator base, List<ModelRuns.Run> baseRuns) {
        int n = params.size();
        double[] total = new double[n]; // factors on the base accelerator (overhead: cycles)
        for (int p = 0; p < n; p++) {
            total[p] = params.get(p).kind() == Parameter.Kind.OVERHEAD ? base.array().controlOverheadCycles() : 1.0;
        }
        Accelerator acc = base;
        List<ModelRuns.Run> runs = baseRuns;
        List<String> unconstrained = new ArrayList<>();
        int round = 0;
        while (round < MAX_ROUNDS) {
            round++;
            List<Equation> eqs = equations(runs);
            double[] current = new double[n];
            for (int p = 0; p < n; p++) {
                current[p] = params.get(p).kind() == Parameter.Kind.OVERHEAD ? total[p] : 1.0;
            }
            unconstrained.clear();
            for (int p = 0; p < n; p++) {
                final int q = p;
                if (eqs.stream().allMatch(e -> e.a()[q] == 0)) {
                    unconstrained.add(params.get(p).name());
                }
            }
            double[] x = solve(eqs, current);
            double move = 0;
            for (int p = 0; p < n; p++) {
                if (params.get(p).kind() == Parameter.Kind.OVERHEAD) {
                    double c = Math.round(x[p]);
                    move = Math.max(move, Math.abs(c - total[p]) / Math.max(1, total[p]));
                    total[p] = c;
                } else {
                    move = Math.max(move, Math.abs(x[p] - 1));
                    total[p] *= x[p];
                }
            }
            acc = apply(base, total);
            runs = evaluate.apply(acc);
            if (move < 1e-9) {
                break;
            }
        }
        // leave-one-out, linearised at the fitted point: refit without a row, predict that row. A parameter
        // that only the left-out row constrains falls back to the input accelerator's value (not the fit)
        List<Equation> eqs = equations(runs);
        double[] current = new double[n];
        for (int p = 0; p < n; p++) {
            current[p] = params.get(p).kind() == Parameter.Kind.OVERHEAD ? base.array().controlOverheadCycles() : 1.0 / total[p];
        }
        Map<String, Map<Metric, Double>> loo = new LinkedHashMap<>();
        List<String> ids = eqs.stream().map(Equation::rowId).distinct().toList();
        Map<String, List<String>> only = new LinkedHashMap<>();
        for (String id : ids) {
            List<Equation> others = eqs.stream().filter(e -> !e.rowId().equals(id)).toList();
            for (int p = 0; p < n; p++) {
                final int q = p;
                if (others.stream().allMatch(e -> e.a()[q] == 0) && eqs.stream().anyMatch(e -> e.rowId().equals(id) && e.a()[q] != 0)) {
                    only.computeIfAbsent(id, k -> new ArrayList<>()).add(params.get(p).name());
                }
            }
            double[] x = solve(others, current);
            for (Equation e : eqs) {
                if (e.rowId().equals(id)) {
                    loo.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(e.metric(), relativeError(e, x));
                }
            }
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (int p = 0; p < n; p++) {
            values.put(params.get(p).name(), total[p]);
        }
        return new Fit(values, acc, runs, loo, List.copyOf(unconstrained), round, only);
    }

    /** The relative error of equation {@code e}'s metric predicted with the factors {@code x} (linearised). */
    private static double relativeError(Equation e, double[] x) {
        double predicted = e.rest();
        for (int p = 0; p < x.length; p++) {
            predicted += e.a()[p] / e.weight() * x[p];
        }
        double model = switch (e.metric()) {
            case TOPS_PER_W, TOPS_PER_W_CORE -> 2.0 * e.usefulMacs() / predicted;
            default -> predicted;
        };
        double measured = switch (e.metric()) {
            case TOPS_PER_W, TOPS_PER_W_CORE -> 2.0 * e.usefulMacs() / e.target();
            default -> e.target();
        };
        return model / measured - 1;
    }

    /** The base accelerator with the parameters' total factors (and overhead) applied. */
    Accelerator apply(Accelerator base, double[] total) {
        Memory off = base.offChipMemory();
        double mac = 1;
        long overhead = base.array().controlOverheadCycles();
        Map<String, Double> mem = new LinkedHashMap<>();
        for (int p = 0; p < params.size(); p++) {
            Parameter q = params.get(p);
            if (q.kind() == Parameter.Kind.OVERHEAD) {
                overhead = Math.round(total[p]);
                continue;
            }
            if (q.coversMac()) {
                mac = total[p];
            }
            for (Memory m : base.memories()) {
                if (q.covers(m, off)) {
                    mem.put(m.name(), total[p]);
                }
            }
        }
        return ModelRuns.rescaled(base, mac, mem, overhead);
    }

    /** The linearised, weighted residual equations of the included, feasible rows (relative to the current point). */
    private List<Equation> equations(List<ModelRuns.Run> runs) {
        List<Equation> out = new ArrayList<>();
        for (ModelRuns.Run r : runs) {
            Measurement m = r.m();
            if (!m.include() || r.result() == null) {
                continue;
            }
            Memory off = r.acc().offChipMemory();
            Map<String, Double> perMemory = r.result().energyPerMemoryPj(r.acc());
            for (Map.Entry<Metric, Double> e : m.measured().entrySet()) {
                Metric metric = e.getKey();
                double meas = e.getValue();
                double[] a = new double[params.size()];
                double target;
                double rest;
                switch (metric) {
                    case ENERGY_PJ, TOPS_PER_W, TOPS_PER_W_CORE -> {
                        boolean core = metric == Metric.TOPS_PER_W_CORE;
                        target = metric == Metric.ENERGY_PJ ? meas : 2.0 * r.usefulMacs() / meas;
                        rest = core ? r.result().energyPj() - perMemory.get(off.name()) : r.result().energyPj();
                        for (int p = 0; p < params.size(); p++) {
                            Parameter q = params.get(p);
                            double share = 0;
                            if (q.coversMac()) {
                                share += r.result().macEnergyPj();
                            }
                            for (Memory mem : r.acc().memories()) {
                                if (q.covers(mem, off) && !(core && mem == off)) {
                                    share += perMemory.get(mem.name());
                                }
                            }
                            a[p] = share;
                            rest -= share; // the part not scaled by any parameter stays
                        }
                    }
                    case LATENCY_CYCLES, LATENCY_MS -> {
                        target = metric == Metric.LATENCY_CYCLES ? meas : meas * m.clockMhz() * 1e3;
                        rest = r.result().latencyCycles();
                        for (int p = 0; p < params.size(); p++) {
                            if (params.get(p).kind() == Parameter.Kind.OVERHEAD) {
                                a[p] = r.result().layerRuns();
                                rest -= r.acc().array().controlOverheadCycles() * (double) r.result().layerRuns();
                            }
                        }
                    }
                    default -> {
                        continue; // off-chip bits do not depend on the parameters
                    }
                }
                double w = 1.0 / (target * m.relUncertainty());
                double[] wa = new double[a.length];
                for (int p = 0; p < a.length; p++) {
                    wa[p] = w * a[p];
                }
                out.add(new Equation(m.id(), metric, wa, w * (target - rest), w, target, rest, r.usefulMacs()));
            }
        }
        return out;
    }

    /**
     * Minimises Σ (a·x − b)² + λ‖x − x0‖² within the bounds, with a tiny λ that only picks a value for
     * directions the equations leave free (they stay at x0).
     */
    private double[] solve(List<Equation> eqs, double[] x0) {
        int n = params.size();
        double[][] q = new double[n][n];
        double[] c = new double[n];
        for (Equation e : eqs) {
            for (int i = 0; i < n; i++) {
                c[i] += e.a()[i] * e.b();
                for (int j = 0; j < n; j++) {
                    q[i][j] += e.a()[i] * e.a()[j];
                }
            }
        }
        double trace = 0;
        for (int i = 0; i < n; i++) {
            trace += q[i][i];
        }
        double lambda = 1e-12 * Math.max(trace, 1e-300) / n;
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Variable[] v = new Variable[n];
        for (int i = 0; i < n; i++) {
            boolean overhead = params.get(i).kind() == Parameter.Kind.OVERHEAD;
            // overhead in units of 1000 cycles keeps the problem well scaled
            double unit = overhead ? 1000 : 1;
            v[i] = model.addVariable(params.get(i).name()).lower(0).upper((overhead ? OVERHEAD_MAX : SCALE_MAX) / unit);
        }
        Expression obj = model.addExpression("squared relative errors").weight(1);
        for (int i = 0; i < n; i++) {
            double ui = params.get(i).kind() == Parameter.Kind.OVERHEAD ? 1000 : 1;
            for (int j = 0; j < n; j++) {
                double uj = params.get(j).kind() == Parameter.Kind.OVERHEAD ? 1000 : 1;
                double qij = (q[i][j] + (i == j ? lambda : 0)) * ui * uj;
                if (qij != 0) {
                    obj.set(v[i], v[j], qij);
                }
            }
            obj.set(v[i], -2 * (c[i] + lambda * x0[i]) * ui);
        }
        Optimisation.Result res = model.minimise();
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double ui = params.get(i).kind() == Parameter.Kind.OVERHEAD ? 1000 : 1;
            x[i] = res.getState().isFeasible() ? res.doubleValue(i) * ui : x0[i];
        }
        return x;
    }
}
