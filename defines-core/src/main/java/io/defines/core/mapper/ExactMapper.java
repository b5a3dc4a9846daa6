package io.defines.core.mapper;

import com.google.common.collect.ImmutableMultiset;
import com.google.common.collect.Multiset;
import io.defines.core.cost.LayerCost;
import io.defines.core.cost.PreparedProblem;
import io.defines.core.cost.SingleLayerProblem;
import io.defines.core.mapper.loma.LoopPrimeFactors;
import io.defines.core.mapper.loma.Lpf;
import java.math.BigInteger;
import java.util.List;

/**
 * The exact temporal-mapping search (docs/single-layer-model.md, "The exact mapper"): the lowest
 * energy over every ordering of the temporal loops' prime factors — LOMA's space with no LPF limit —
 * each allocated bottom-up as LOMA allocates it ({@link FastAllocator}). Equal factors are one choice
 * (orderings as multiset permutations). The search walks the orderings innermost loop first; as soon
 * as an ordering's innermost loops decide its whole allocation ({@link DecidedPrefix#decidedBy}), every
 * ordering with the same innermost loops allocates alike and differs only in the order of the rest,
 * which all sit in every operand's top level. There the order matters to the energy only through the
 * stationarity merge-down (an operand's irrelevant loops at the bottom of its top level join the level
 * below), so the rest is searched as sequences of whole dimensions (all its loops of one dimension
 * together), and only until every operand has met a loop it depends on: any order of the rest is
 * matched or beaten by one of those, since grouping a dimension's loops can only lengthen each
 * operand's run of irrelevant loops. The first ordering with the strictly lowest energy in this walk
 * wins (innermost position first, loops in the ascending (dimension, factor) order; the rest's
 * dimensions in the layer's order). Stateless and thread-safe.
 */
public final class ExactMapper implements TemporalMapper, OrderingSearch.Strategy {

    /**
     * The default budget: orderings evaluated before a search gives up proving its winner optimal
     * (case study 1 in about 35 s on 2 cores; {@code exact:1000000} proves more, see the README).
     */
    public static final long DEFAULT_BUDGET = 250_000;

    private final OrderingEnergy.Factory energies;
    private final long budget;
    private final long boundFrom;
    private final LomaMapper loma;

    /** The exact search with the {@link #DEFAULT_BUDGET}. */
    public ExactMapper() {
        this(DEFAULT_BUDGET);
    }

    /** The exact search evaluating at most {@code budget} orderings per problem (then: the best found, not proven). */
    public ExactMapper(long budget) {
        this(FastEnergy::new, budget, BOUND_FROM);
    }

    /** The search comparing orderings by the energies {@code energies} builds (tests wrap {@link FastEnergy}). */
    ExactMapper(OrderingEnergy.Factory energies, long budget, long boundFrom) {
        if (budget < 1) {
            throw new IllegalArgumentException("the exact mapper's budget must be at least one ordering, not " + budget);
        }
        this.energies = energies;
        this.budget = budget;
        this.boundFrom = boundFrom;
        this.loma = new LomaMapper(energies);
    }

    /** Orderings evaluated per problem before the search gives up proving its winner optimal. */
    public long budget() {
        return budget;
    }

    @Override
    public String name() {
        return budget == DEFAULT_BUDGET ? "exact" : "exact:" + budget;
    }

    @Override
    public LayerCost evaluate(SingleLayerProblem problem) {
        return searchAndEvaluate(problem);
    }

    /**
     * The walk over the prime-factor orderings, ended early when the budget runs out. LOMA's search
     * goes first and sets the bar — at the problem's LPF limit when that merges factors (so the result
     * is never worse than LOMA's there), else at LPF 6 for spaces large enough to bound — and the walk
     * keeps only orderings strictly below it: the result is LOMA's winner unless the walk finds lower
     * energy, and is proven optimal exactly when the walk ended by itself (nothing in the space is
     * below the winner).
     */
    @Override
    public OrderingSearch.Outcome search(PreparedProblem p, TemporalOrder order) {
        List<Lpf> primes = LoopPrimeFactors.of(order.free(), Integer.MAX_VALUE);
        boolean merges = order.merges(p.problem().lpfLimit());
        boolean large = spaceSize(primes).compareTo(BigInteger.valueOf(boundFrom)) > 0;
        OrderingSearch.Winner bar = null;
        if (merges || large) {
            bar = loma.search(merges ? p : PreparedProblem.of(p.problem().withLpfLimit(SEED_LPF))).winner();
        }
        OrderingSearch search = new OrderingSearch(p, order, primes.size(), energies, true);
        if (bar != null) {
            search.raiseBar(bar.energyPj());
        }
        Walk w = new Walk(search, primes, p, budget, large);
        w.descend(0);
        return search.outcome(w.enumerated, !w.stopped, bar);
    }

    /** The LPF limit of the search that sets the bar when the problem's own limit merges nothing. */
    static final int SEED_LPF = 6;

    /** Spaces of more orderings than this are searched with bounds (below, computing them costs more than it saves). */
    static final long BOUND_FROM = 20_000;

    /** How many orderings LOMA's space with no LPF limit holds for {@code p} (the multiset permutations of its free prime factors). */
    public static BigInteger spaceSize(SingleLayerProblem problem) {
        PreparedProblem p = PreparedProblem.of(problem);
        TemporalOrder order = TemporalOrder.of(p);
        if (order.problem() != null) {
            return BigInteger.ZERO;
        }
        return spaceSize(LoopPrimeFactors.of(order.free(), Integer.MAX_VALUE));
    }

    /** The multiset permutations of {@code primes} (sorted). */
    static BigInteger spaceSize(List<Lpf> primes) {
        BigInteger n = factorial(primes.size());
        int run = 1;
        for (int i = 1; i <= primes.size(); i++) {
            if (i < primes.size() && primes.get(i).equals(primes.get(i - 1))) {
                run++;
            } else {
                n = n.divide(factorial(run));
                run = 1;
            }
        }
        return n;
    }

    private static BigInteger factorial(int k) {
        BigInteger f = BigInteger.ONE;
        for (int i = 2; i <= k; i++) {
            f = f.multiply(BigInteger.valueOf(i));
        }
        return f;
    }

    /** One search's walk over the orderings: the distinct factors with the counts left to place. */
    private static final class Walk {
        final OrderingSearch search;
        final int[] kindDim;
        final long[] kindFactor;
        final int[] left;
        /** Per free position: the kind the walk placed there. */
        final int[] placedKind;
        /** Per operand and dimension index: the operand does not depend on it (its data does not change along it). */
        final boolean[][] irrelevant;
        final int nDims;
        final long budget;
        long enumerated;
        /** The budget ran out before the walk ended. */
        boolean stopped;
        /** Whether to bound subtrees by their settled energy: for spaces where it pays off. */
        final boolean bounding;
        /** The last ordering evaluated fitted: the bound may be asked about its innermost loops. */
        boolean lastFits;
        /** Positions from here on were searched by the last ordering's completion: the walk backs up to before it. */
        int coveredFrom = Integer.MAX_VALUE;

        Walk(OrderingSearch search, List<Lpf> primes, PreparedProblem p, long budget, boolean bounding) {
            this.search = search;
            this.budget = budget;
            this.bounding = bounding;
            List<Multiset.Entry<Lpf>> kinds = ImmutableMultiset.copyOf(primes).entrySet().asList(); // in ascending order, as sorted
            kindDim = new int[kinds.size()];
            kindFactor = new long[kinds.size()];
            left = new int[kinds.size()];
            for (int k = 0; k < kinds.size(); k++) {
                kindDim[k] = search.dimIndex.get(kinds.get(k).getElement().dim());
                kindFactor[k] = kinds.get(k).getElement().factor();
                left[k] = kinds.get(k).getCount();
            }
            placedKind = new int[search.freeCount];
            nDims = search.dimIndex.size();
            irrelevant = new boolean[p.operands().size()][];
            for (int o = 0; o < irrelevant.length; o++) {
                irrelevant[o] = LoopArrays.mask(p.operands().get(o).ir(), search.dimIndex);
            }
        }

        /** Places every kind left at free position {@code at}, in turn, and walks on. */
        void descend(int at) {
            if (stopped) {
                return;
            }
            if (at == search.freeCount) {
                complete();
                return;
            }
            for (int k = 0; k < kindDim.length; k++) {
                if (left[k] == 0) {
                    continue;
                }
                left[k]--;
                placedKind[at] = k;
                search.setFree(at, kindDim[k], kindFactor[k]);
                descend(at + 1);
                left[k]++;
                if (stopped || coveredFrom <= search.innerCount + at || bounding && lastFits && anotherAfter(k) && beaten(search.innerCount + at)) {
                    return;
                }
            }
        }

        /** Whether a kind after {@code k} is left to try at the current position. */
        private boolean anotherAfter(int k) {
            for (int j = k + 1; j < left.length; j++) {
                if (left[j] > 0) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Whether no ordering starting with the first {@code k} loops of the last one evaluated (which
         * fitted) can beat the best found: its settled energy reaches it. A small margin keeps rounding
         * from cutting an ordering that would win.
         */
        private boolean beaten(int k) {
            return search.knownEnergy(k) >= search.bestEnergy() * (1 + 1e-12);
        }

        /**
         * The ordering is complete: evaluate it, and when its allocation was decided before its end,
         * search the order of the rest (free positions from {@code from}) by whole dimensions.
         */
        private void complete() {
            if (enumerated >= budget) {
                stopped = true;
                return;
            }
            enumerated++;
            boolean fits = search.evaluateCurrent();
            lastFits = fits;
            int decided = search.allocator.decided.decidedBy;
            int from = Math.max(decided, search.innerCount) - search.innerCount;
            if (from >= search.freeCount) {
                coveredFrom = Integer.MAX_VALUE;
                return;
            }
            coveredFrom = search.innerCount + from;
            if (!fits) {
                return; // every ordering with these innermost loops fails alike
            }
            int[] kindsLeft = new int[kindDim.length];
            for (int i = from; i < search.freeCount; i++) {
                kindsLeft[placedKind[i]]++;
            }
            boolean[] alive = new boolean[irrelevant.length];
            boolean anyAlive = false;
            for (int o = 0; o < alive.length; o++) {
                alive[o] = runReaches(o, search.innerCount + from);
                anyAlive |= alive[o];
            }
            if (!anyAlive) {
                return; // the order of the rest cannot change the energy: this ordering stands for all
            }
            if (!worthGrouping(kindsLeft)) {
                coveredFrom = Integer.MAX_VALUE; // as few orderings of the rest as sequences of its dimensions: walk them all
                return;
            }
            rest(from, kindsLeft, new boolean[nDims], alive);
        }

        /**
         * Whether the rest's orderings ({@code kindsLeft}) outnumber the sequences of its dimensions by
         * more than one (the ordering already evaluated): only then does searching it by whole
         * dimensions save evaluations.
         */
        private boolean worthGrouping(int[] kindsLeft) {
            boolean[] seen = new boolean[nDims];
            int dimsLeft = 0;
            int loops = 0;
            for (int k = 0; k < kindDim.length; k++) {
                if (kindsLeft[k] > 0 && !seen[kindDim[k]]) {
                    seen[kindDim[k]] = true;
                    dimsLeft++;
                }
                loops += kindsLeft[k];
            }
            double sequences = 1;
            for (int i = 2; i <= dimsLeft; i++) {
                sequences *= i;
            }
            double orderings = 1;
            int placed = 0;
            for (int k = 0; k < kindDim.length; k++) {
                for (int c = 1; c <= kindsLeft[k]; c++) {
                    placed++;
                    orderings = orderings * placed / c;
                }
            }
            return loops > 1 && orderings > sequences + 1;
        }

        /**
         * Whether operand {@code o}'s top level starts with loops it does not depend on all the way to
         * position {@code at}: only then can the order from {@code at} on lengthen its merge-down.
         */
        private boolean runReaches(int o, int at) {
            int[] cuts = search.allocator.cuts[o];
            int topStart = cuts.length >= 2 ? cuts[cuts.length - 2] : 0;
            for (int i = topStart; i < at; i++) {
                if (!irrelevant[o][search.dims[i]]) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Free positions from {@code at} on hold the kinds {@code kindsLeft}: places whole dimensions
         * while some operand's run of irrelevant loops is still {@code alive}, then the rest in kind order,
         * and evaluates each such ordering (the first one was evaluated by the caller's walk).
         */
        private void rest(int at, int[] kindsLeft, boolean[] usedDim, boolean[] alive) {
            boolean anyAlive = false;
            for (boolean a : alive) {
                anyAlive |= a;
            }
            if (!anyAlive || at == search.freeCount) {
                int i = at;
                for (int k = 0; k < kindDim.length; k++) {
                    for (int c = 0; c < kindsLeft[k]; c++) {
                        search.setFree(i++, kindDim[k], kindFactor[k]);
                    }
                }
                enumerated++;
                search.evaluateCurrent();
                return;
            }
            for (int d = 0; d < nDims; d++) {
                if (usedDim[d]) {
                    continue;
                }
                int i = at;
                int[] taken = new int[kindDim.length];
                for (int k = 0; k < kindDim.length; k++) {
                    if (kindDim[k] == d) {
                        for (int c = 0; c < kindsLeft[k]; c++) {
                            search.setFree(i++, kindDim[k], kindFactor[k]);
                        }
                        taken[k] = kindsLeft[k];
                    }
                }
                if (i == at) {
                    continue;
                }
                for (int k = 0; k < kindDim.length; k++) {
                    kindsLeft[k] -= taken[k];
                }
                boolean[] next = alive.clone();
                for (int o = 0; o < next.length; o++) {
                    next[o] &= irrelevant[o][d];
                }
                usedDim[d] = true;
                rest(i, kindsLeft, usedDim, next);
                usedDim[d] = false;
                for (int k = 0; k < kindDim.length; k++) {
                    kindsLeft[k] += taken[k];
                }
            }
        }
    }
}
