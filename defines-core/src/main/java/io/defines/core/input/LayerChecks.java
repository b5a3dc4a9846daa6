package io.defines.core.input;

import io.defines.core.workload.DimRelation;
import io.defines.core.workload.Equation;
import io.defines.core.workload.Operand;
import io.defines.core.workload.Padding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks of one layer on its own (loops, relations, equation, precisions, sources, padding), the
 * first half of the workload reader's third step; the checks across layers follow in {@link
 * WorkloadReader}. Problems are reported in a fixed order, which is the order of the diagnostics that
 * share one position.
 */
final class LayerChecks {

    private static final Pattern RELATION = Pattern.compile(
            "^\\s*(\\w+)\\s*=\\s*(?:(\\d+)\\s*\\*\\s*)?([A-Za-z]\\w*)\\s*\\+\\s*(?:(\\d+)\\s*\\*\\s*)?([A-Za-z]\\w*)\\s*$");

    /** A layer that passed its own checks, before its inputs are resolved across layers. */
    record CheckedLayer(LayerDto dto, int id, String name, Equation equation, List<DimRelation> relations,
                        Map<String, Long> loopSizes, Map<String, Integer> precision, Map<String, Padding> padding,
                        Map<String, Long> prSizes) {
    }

    /** The relations that could be read, and every tensor dimension named on a left-hand side. */
    private record Relations(List<DimRelation> relations, Set<String> prDims) {
    }

    private final Problems problems;

    LayerChecks(Problems problems) {
        this.problems = problems;
    }

    /** Checks {@code d}; null when it has errors (all reported) or no id or equation. */
    CheckedLayer check(LayerDto d) {
        String what = "layer " + (d.id().present() ? IntRange.found(d.id()) : "?");
        int errorsBefore = problems.errorCount();
        IntRange.LAYER_ID.check(d.id(), problems, "layer id", "number the layers 0, 1, 2, …");
        List<String> dims = loopDims(d, what);
        Map<String, Long> loopSizes = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(dims.size(), d.loopSizes().size()); i++) {
            loopSizes.put(dims.get(i), d.loopSizes().get(i).value());
        }
        Relations relations = relations(d, what, dims);
        Equation eq = equation(d, what, dims, relations.prDims());
        Map<String, Integer> precision = new LinkedHashMap<>();
        if (eq != null) {
            precision = precision(d, what, eq);
            sources(d, what, eq);
        }
        List<String> prDims = prDims(d, what, relations.prDims());
        Map<String, Padding> padding = padding(d, what, prDims);
        Map<String, Long> prSizes = prSizes(d, what, prDims);
        if (problems.errorCount() > errorsBefore || eq == null || !d.id().present()) {
            return null;
        }
        if (!LayerProducts.check(problems, d, what, eq, relations.relations(), loopSizes, precision, padding, prSizes)) {
            return null;
        }
        int id = (int) (long) d.id().value();
        return new CheckedLayer(d, id, d.name().orElse("layer" + id), eq, relations.relations(), loopSizes, precision, padding, prSizes);
    }

    /** The loop dimensions, upper case, each once, in order; reports repeats, a size count that differs and sizes below 1. */
    private List<String> loopDims(LayerDto d, String what) {
        Set<String> dims = new LinkedHashSet<>();
        for (Located<String> dim : d.loopDims().values()) {
            String u = dim.value().toUpperCase(Locale.ROOT);
            if (!dims.add(u)) {
                problems.error(dim.node(), what + ": loop dimension " + u + " is listed twice", "list each loop dimension once");
            }
        }
        if (d.loopDims().given() && d.loopSizes().given() && d.loopDims().written() != d.loopSizes().written()) {
            problems.error(d.loopSizes().node(), what + ": " + d.loopDims().written() + " loop_dims but " + d.loopSizes().written()
                    + " loop_sizes", "give one size per loop dimension, in the same order");
        }
        for (Located<Long> s : d.loopSizes().values()) {
            IntRange.LOOP_SIZE.check(s, problems, what + ": loop size", "use 1 for a dimension the layer does not iterate over");
        }
        return new ArrayList<>(dims);
    }

    private Relations relations(LayerDto d, String what, List<String> dims) {
        List<DimRelation> relations = new ArrayList<>();
        Set<String> declaredPrDims = new LinkedHashSet<>();
        for (Located<String> rel : d.relations().values()) {
            Matcher m = RELATION.matcher(rel.value());
            if (!m.matches()) {
                problems.error(rel.node(), what + ": dimension relation " + Diagnostic.quote(rel.value()) + " is not of the form 'ix=S*ox+D*fx'",
                        "write e.g. 'ix=2*ox+1*fx' for stride 2 (coefficients are optional, default 1)");
                continue;
            }
            String lhs = m.group(1).toUpperCase(Locale.ROOT);
            DimRelation relation = relation(rel, m, lhs, what, dims);
            if (relation != null) {
                relations.add(relation);
            } else if (!dims.contains(lhs)) {
                declaredPrDims.add(lhs); // reported; keep the name so the equation check stays quiet
            }
        }
        Set<String> prDims = new LinkedHashSet<>();
        relations.forEach(r -> prDims.add(r.tensorDim()));
        prDims.addAll(declaredPrDims);
        return new Relations(relations, prDims);
    }

    /** One relation that matched the pattern; null (reported) when it names unknown dims or has a bad coefficient. */
    private DimRelation relation(Located<String> rel, Matcher m, String lhs, String what, List<String> dims) {
        String a = m.group(3).toUpperCase(Locale.ROOT);
        String b = m.group(5).toUpperCase(Locale.ROOT);
        long ca = m.group(2) == null ? 1 : digits(m.group(2));
        long cb = m.group(4) == null ? 1 : digits(m.group(4));
        boolean ok = true;
        for (String dim : List.of(a, b)) {
            if (!dims.contains(dim)) {
                String close = MapReader.closest(dim, dims);
                problems.error(rel.node(), what + ": dimension relation " + Diagnostic.quote(rel.value()) + " names " + dim
                                + ", which is not in loop_dims " + dims,
                        close != null ? "you meant " + close + "?" : "add " + dim + " to loop_dims (size 1 if unused)");
                ok = false;
            }
        }
        if (dims.contains(lhs)) {
            problems.error(rel.node(), what + ": " + lhs + " is defined by a relation but is also a loop dimension",
                    "name the tensor dimension differently (ix, iy) or remove it from loop_dims");
            ok = false;
        }
        for (long c : new long[] {ca, cb}) {
            if (!IntRange.COEFFICIENT.contains(c)) {
                problems.error(rel.node(), what + ": relation coefficients must be " + IntRange.COEFFICIENT.text() + ", found "
                        + (c == Long.MAX_VALUE ? "a larger number" : c) + " in '" + rel.value() + "'", "stride and dilation are at least 1");
                ok = false;
            }
        }
        return ok ? new DimRelation(lhs, a, (int) ca, b, (int) cb) : null;
    }

    /** The value of a run of decimal digits; {@link Long#MAX_VALUE} when it does not fit a long. */
    private static long digits(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The equation; null when absent or unreadable. Reports indices that are neither loop nor relation dims. */
    private Equation equation(LayerDto d, String what, List<String> dims, Set<String> prDims) {
        if (!d.equation().present()) {
            return null;
        }
        Equation.Result res = Equation.parse(d.equation().value());
        if (res.error() != null) {
            problems.error(d.equation().node(), what + ": cannot read equation: " + res.error(),
                    "write it as O[b][k][oy][ox]+=W[k][c][fy][fx]*I[b][c][iy][ix]");
            return null;
        }
        Equation eq = res.equation();
        Set<String> known = new LinkedHashSet<>(dims);
        known.addAll(prDims);
        for (Operand op : eq.operands()) {
            for (String idx : op.indices()) {
                if (!known.contains(idx)) {
                    String close = MapReader.closest(idx, known);
                    problems.error(d.equation().node(), what + ": index " + Diagnostic.quote(idx.toLowerCase(Locale.ROOT)) + " of operand "
                                    + op.name() + " is neither a loop dimension " + dims + " nor defined by dimension_relations",
                            close != null ? "you meant " + Diagnostic.quote(close.toLowerCase(Locale.ROOT)) + "?"
                                    : "add " + idx + " to loop_dims, or a relation such as '" + idx.toLowerCase(Locale.ROOT) + "=1*ox+1*fx'");
                }
            }
        }
        return eq;
    }

    private Map<String, Integer> precision(LayerDto d, String what, Equation eq) {
        Map<String, Integer> precision = new LinkedHashMap<>();
        Set<String> allowed = new LinkedHashSet<>();
        eq.operands().forEach(o -> allowed.add(o.name()));
        allowed.add("O_final");
        for (Map.Entry<String, Located<Long>> e : d.precision().values().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                String close = MapReader.closest(e.getKey(), allowed);
                problems.error(e.getValue().node(), what + ": operand_precision names '" + e.getKey()
                        + "', which is not an operand of the equation", close != null ? "you meant " + Diagnostic.quote(close) + "?" : "operands are " + allowed);
            } else if (!precisionRange(d, eq, e.getKey()).check(e.getValue(), problems, what + ": precision of " + e.getKey(),
                    "precision in bits, e.g. 8" + (e.getKey().equals("W") ? "; 0 only for a constant without data (a pooling window)" : ""))) {
                continue;
            } else {
                precision.put(e.getKey(), (int) (long) e.getValue().value());
            }
        }
        if (d.precision().given()) {
            for (Operand op : eq.operands()) {
                if (!d.precision().values().containsKey(op.name())) {
                    problems.error(d.precision().node(), what + ": operand_precision has no entry for operand " + op.name(),
                            "add '" + op.name() + ": <bits>'");
                }
            }
        }
        return precision;
    }

    /**
     * 0 to 64 bits for a constant operand (its operand_source is the layer itself and it is not I: a
     * pooling window's W carries no data), 1 to 64 bits for the rest (activations, outputs, O_final).
     */
    private static IntRange precisionRange(LayerDto d, Equation eq, String operand) {
        Located<Long> src = d.source().values().get(operand);
        boolean constant = !operand.equals("I") && !d.concatSources().containsKey(operand) && eq.inputs().stream().anyMatch(o -> o.name().equals(operand))
                && src != null && d.id().present() && src.value().equals(d.id().value());
        return constant ? new IntRange(0, 64, "bits") : IntRange.PRECISION;
    }

    private void sources(LayerDto d, String what, Equation eq) {
        for (Map.Entry<String, Located<Long>> e : d.source().values().entrySet()) {
            if (!IntRange.LAYER_ID.check(e.getValue(), problems, what + ": operand_source of " + e.getKey() + " (a layer id)",
                    "give the producing layer's id, or this layer's own id for constants (weights) and network inputs")) {
                continue;
            }
            notAnInput(e.getKey(), e.getValue().node(), what, eq);
        }
        for (Map.Entry<String, LayerDto.Items<LayerDto.PartSource>> e : d.concatSources().entrySet()) {
            concatenation(d, e.getKey(), e.getValue(), what);
            notAnInput(e.getKey(), e.getValue().node(), what, eq);
        }
        if (d.source().given()) {
            for (Operand op : eq.inputs()) {
                if (!d.hasSource(op.name())) {
                    problems.error(d.source().node(), what + ": operand_source has no entry for input operand " + op.name(),
                            "give the producing layer's id, or this layer's own id for constants (weights) and network inputs");
                }
            }
        }
    }

    private void notAnInput(String operand, Node at, String what, Equation eq) {
        if (eq.inputs().stream().noneMatch(o -> o.name().equals(operand))) {
            problems.error(at, what + ": operand_source names '" + operand + "', which is not an input operand of the equation",
                    "input operands are " + eq.inputs().stream().map(Operand::name).toList());
        }
    }

    /**
     * A concatenation lists two or more parts (or one producer's channel range), none of them the
     * layer's own id, and no producer's channel twice (a layer listed whole twice, or with overlapping
     * channel ranges).
     */
    private void concatenation(LayerDto d, String operand, LayerDto.Items<LayerDto.PartSource> parts, String what) {
        boolean oneWhole = parts.written() == 1 && parts.values().size() == 1 && parts.values().get(0).value().whole()
                && parts.values().get(0).value().upsample().none();
        if (parts.written() == 0 || oneWhole) {
            problems.error(parts.node(), what + ": operand_source of " + operand + " lists " + parts.written()
                            + " producer(s); a list means a concatenation of two or more parts, or one producer's channel range",
                    "write a single producer as a number: '" + operand + ": <producer id>'");
        }
        List<Located<LayerDto.PartSource>> seen = new ArrayList<>();
        for (Located<LayerDto.PartSource> at : parts.values()) {
            LayerDto.PartSource part = at.value();
            Located<Long> id = new Located<>(part.layer(), at.node());
            if (!IntRange.LAYER_ID.check(id, problems, what + ": a producer of the concatenation " + operand + " (a layer id)",
                    "list the ids of the layers whose outputs are concatenated")) {
                continue;
            }
            if (d.id().present() && id.value().equals(d.id().value())) {
                problems.error(at.node(), what + ": the concatenation " + operand + " lists the layer's own id " + id.value()
                                + ", which would mean a network input; a network input cannot be one part of a concatenation",
                        "give the network input its own layer (e.g. an identity pooling) and list that layer's id");
                continue;
            }
            for (Located<LayerDto.PartSource> other : seen) {
                if (other.value().layer() == part.layer() && overlap(other.value(), part)) {
                    problems.error(at.node(), what + ": the concatenation " + operand + " lists channels of layer " + id.value() + " twice",
                            "list each producer's channels once; a tensor concatenated with itself is not modelled");
                    break;
                }
            }
            seen.add(at);
        }
    }

    private static boolean overlap(LayerDto.PartSource a, LayerDto.PartSource b) {
        return a.whole() || b.whole() || a.from() < b.to() && b.from() < a.to();
    }

    /** The pr loop dims, upper case, in order; reports those no relation defines. */
    private List<String> prDims(LayerDto d, String what, Set<String> defined) {
        List<String> prDims = new ArrayList<>();
        for (Located<String> p : d.prLoopDims().values()) {
            String u = p.value().toUpperCase(Locale.ROOT);
            if (!defined.contains(u)) {
                problems.error(p.node(), what + ": pr_loop_dims names " + u + ", which no dimension relation defines",
                        defined.isEmpty() ? "add a dimension relation such as 'ix=1*ox+1*fx'" : "use one of " + defined);
            }
            prDims.add(u);
        }
        return prDims;
    }

    private Map<String, Padding> padding(LayerDto d, String what, List<String> prDims) {
        if (d.padding().given()) {
            if (!d.prLoopDims().given()) {
                problems.error(d.padding().node(), what + ": padding is given but pr_loop_dims is missing",
                        "add 'pr_loop_dims: [IX, IY]' naming the padded dimensions in order");
            } else if (d.padding().size() != prDims.size()) {
                problems.error(d.padding().node(), what + ": " + d.padding().size() + " padding pairs for " + prDims.size() + " pr_loop_dims",
                        "give one [before, after] pair per pr_loop_dims entry");
            }
        }
        Map<String, Padding> padding = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(prDims.size(), d.padding().size()); i++) {
            long[] pv = d.padding().get(i).value();
            if (!IntRange.PADDING.contains(pv[0]) || !IntRange.PADDING.contains(pv[1])) {
                problems.error(d.padding().get(i).node(), what + ": padding must be " + IntRange.PADDING.text() + ", found ["
                        + pv[0] + ", " + pv[1] + "]", "padding counts zero rows/columns added");
            } else {
                padding.put(prDims.get(i), new Padding((int) pv[0], (int) pv[1]));
            }
        }
        return padding;
    }

    private Map<String, Long> prSizes(LayerDto d, String what, List<String> prDims) {
        Map<String, Long> prSizes = new LinkedHashMap<>();
        if (!d.prLoopSizes().given()) {
            return prSizes;
        }
        if (!d.prLoopDims().given()) {
            problems.error(d.prLoopSizes().node(), what + ": pr_loop_sizes is given but pr_loop_dims is missing", "add 'pr_loop_dims: [IX, IY]'");
        } else if (d.prLoopSizes().size() != prDims.size()) {
            problems.error(d.prLoopSizes().node(), what + ": " + d.prLoopSizes().size() + " pr_loop_sizes for " + prDims.size() + " pr_loop_dims",
                    "give one size per pr_loop_dims entry");
        }
        for (int i = 0; i < Math.min(prDims.size(), d.prLoopSizes().size()); i++) {
            Located<Long> s = d.prLoopSizes().get(i);
            if (IntRange.LOOP_SIZE.check(s, problems, what + ": pr loop size", "the input extent in elements")) {
                prSizes.put(prDims.get(i), s.value());
            }
        }
        return prSizes;
    }
}
