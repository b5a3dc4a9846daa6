package io.defines.core.mapper;

import io.defines.core.cost.PreparedProblem;
import io.defines.core.mapper.loma.LoopPrimeFactors;
import io.defines.core.mapper.loma.Lpf;
import io.defines.core.mapping.TemporalLoop;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The temporal loops of one problem under its mapping entry's {@code temporal_ordering} (ZigZag's
 * constrained mappings; docs/input-formats.md): the listed loops, innermost first, are fixed — {@code
 * [OX, 112]} a loop of exactly that size, {@code [K, "*"]} all of K that is left — and {@code ["*",
 * "*"]} stands for the loops the search orders itself (those listed before it are the innermost,
 * those after it the outermost). Without {@code ["*", "*"]} the listed loops must be all of them.
 * Listed dimensions the tile does not loop over in time (size 1, or unrolled whole) are skipped; a
 * size that does not divide what is left, or loops left unplaced, make the problem infeasible with
 * {@link #problem} saying why.
 *
 * @param inner   the fixed innermost loops, innermost first
 * @param free    the loop sizes the search orders (all of them without a temporal_ordering)
 * @param outer   the fixed outermost loops, innermost first
 * @param problem why the ordering cannot hold for this problem, or null
 * @param problemAt the index of the listed loop that cannot hold, −1 for the ordering as a whole
 */
public record TemporalOrder(List<Lpf> inner, Map<String, Long> free, List<Lpf> outer, String problem, int problemAt) {

    /** {@code ordering} applied (public for the mapping file's checks) to the problem's temporal loop sizes ({@code temporalLoops}) of a layer with dims {@code layerDims}. */
    public static TemporalOrder of(List<TemporalLoop> ordering, Map<String, Long> temporalLoops, Collection<String> layerDims) {
        Map<String, Long> left = new LinkedHashMap<>();
        temporalLoops.forEach((d, s) -> {
            if (s > 1) {
                left.put(d, s);
            }
        });
        if (ordering.isEmpty()) {
            return new TemporalOrder(List.of(), left, List.of(), null, -1);
        }
        List<Lpf> inner = new ArrayList<>();
        List<Lpf> outer = new ArrayList<>();
        boolean wildcard = false;
        for (int at = 0; at < ordering.size(); at++) {
            TemporalLoop loop = ordering.get(at);
            if (loop.layerDim().equals("*")) {
                if (wildcard) {
                    return failed("temporal_ordering has more than one [\"*\", \"*\"]", at);
                }
                wildcard = true;
                continue;
            }
            if (!layerDims.contains(loop.layerDim())) {
                return failed("temporal_ordering names " + loop.layerDim() + ", which is not a loop dimension of the layer " + layerDims, at);
            }
            long have = left.getOrDefault(loop.layerDim(), 1L);
            long size = loop.size() == null ? have : loop.size();
            if (size == 1) {
                continue;
            }
            if (have % size != 0) {
                return failed("temporal_ordering asks for a loop of " + loop.layerDim() + " of size " + size + ", but " + have
                        + (have == 1 ? " (nothing) is" : " is") + " left of " + loop.layerDim() + " in time here (tile and spatial unrolling)"
                        + " and " + size + " does not divide it", at);
            }
            if (have / size == 1) {
                left.remove(loop.layerDim());
            } else {
                left.put(loop.layerDim(), have / size);
            }
            (wildcard ? outer : inner).add(new Lpf(loop.layerDim(), size));
        }
        if (!wildcard && !left.isEmpty()) {
            return failed("temporal_ordering leaves temporal loops unplaced: " + left
                    + "; list them, or add [\"*\", \"*\"] where the search may place them", -1);
        }
        return new TemporalOrder(List.copyOf(inner), left, List.copyOf(outer), null, -1);
    }

    /** The mapping entry's temporal_ordering applied to the problem's temporal loops ({@link LomaMapper#temporalLoops}). */
    static TemporalOrder of(PreparedProblem p) {
        return of(p.problem().mapping().temporalOrdering(), LomaMapper.temporalLoops(p), p.problem().tileLoopSizes().keySet());
    }

    /** Whether LOMA's limit {@code lpfLimit} merges prime factors of the free loops (then LOMA does not see every ordering of them). */
    boolean merges(int lpfLimit) {
        return LoopPrimeFactors.of(free, lpfLimit).size() < LoopPrimeFactors.of(free, Integer.MAX_VALUE).size();
    }

    private static TemporalOrder failed(String why, int at) {
        return new TemporalOrder(List.of(), Map.of(), List.of(), why, at);
    }

    /** Loops in all: fixed and free (after prime factorisation, {@code freeCount}). */
    int size(int freeCount) {
        return inner.size() + freeCount + outer.size();
    }
}
