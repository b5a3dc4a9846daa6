package io.defines.core.depthfirst;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.RepoPaths;
import io.defines.core.compat.CompatFlags;
import io.defines.core.golden.GoldenRuns;
import io.defines.core.hardware.Accelerator;
import io.defines.core.input.MappingReader;
import io.defines.core.input.WorkloadReader;
import io.defines.core.mapping.Mapping;
import io.defines.core.schedule.OverlapStrategy;
import io.defines.core.schedule.StackSettings;
import io.defines.core.schedule.TileSize;
import io.defines.core.testdomain.GeneratedDags;
import io.defines.core.workload.Layer;
import io.defines.core.workload.Workload;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reduced tile grid (runs of alike columns and rows visited once) yields exactly the tile types and
 * tile counts of visiting every tile: generated networks with padding, strides, dilation and branches
 * (positional stacks), every cut into stacks of one, two and all layers, tile sizes that leave remainder
 * tiles, six overlap pairs (each strategy in each direction beside each other one), both modes.
 */
class ReducedGridTest {

    private static final Accelerator ACC = new GoldenRuns(RepoPaths.root()).accelerator("meta-prototype-df");
    private static final List<TileSize> TILES = List.of(new TileSize(1, 1), new TileSize(2, 3), new TileSize(5, 2),
            new TileSize(4, 1 << 20));
    private static final OverlapStrategy R = OverlapStrategy.RECOMPUTE;
    private static final OverlapStrategy C = OverlapStrategy.CACHE;
    private static final OverlapStrategy G = OverlapStrategy.GLOBAL;
    /** Every strategy in each direction, and each next to each other one. */
    private static final List<OverlapStrategy[]> PAIRS = List.of(new OverlapStrategy[] {R, R}, new OverlapStrategy[] {C, C},
            new OverlapStrategy[] {G, G}, new OverlapStrategy[] {C, R}, new OverlapStrategy[] {R, G}, new OverlapStrategy[] {G, C});

    @Test
    void reducedGridGivesTheTileTypesOfTheFullGrid() {
        int compared = 0;
        int reducedSomething = 0;
        for (long seed = 1; seed <= 5; seed++) {
            GeneratedDags.Dag dag = GeneratedDags.generate(seed);
            Workload w = WorkloadReader.read("dag.yaml", new StringReader(dag.yaml())).orThrow();
            Mapping m = MappingReader.read("m.yaml", new StringReader(GeneratedDags.MAPPING), w, ACC).orThrow();
            MemoryChains chains = new MemoryChains(ACC);
            StackGraph graph = new StackGraph(w, m);
            List<Integer> order = w.topologicalOrder().stream().map(Layer::id).toList();
            for (List<Integer> cuts : List.of(order, List.<Integer>of(), everyOther(order))) {
                for (CompatFlags flags : List.of(CompatFlags.FIXED, CompatFlags.DEFINES_2023)) {
                    for (Stack stack : new StackBuilder(graph).build(cuts, flags)) {
                        for (TileSize tile : TILES) {
                            TileGrid full = TileGrid.full(stack, tile);
                            TileGrid reduced = TileGrid.of(stack, tile);
                            assertThat(reduced.tiles()).isEqualTo(full.tiles());
                            if (reduced.slots() < full.slots()) {
                                reducedSomething++;
                            }
                            for (OverlapStrategy[] pair : PAIRS) {
                                StackSettings s = new StackSettings(tile, pair[0], pair[1]);
                                CachePlanner planner = new CachePlanner(stack, chains, s, flags);
                                List<TileType> expected = TileTypes.classify(stack, full, planner.plan(full), s);
                                List<TileType> actual = TileTypes.classify(stack, reduced, planner.plan(reduced), s);
                                assertThat(actual).as("seed %d, cuts %s, %s, %s", seed, cuts, s, flags).isEqualTo(expected);
                                compared++;
                            }
                        }
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(500);
        assertThat(reducedSomething).isGreaterThan(50);
    }

    @Test
    void runsKeepTheirFirstAndLastMembers() {
        List<long[]> axis = TileGrid.axis(10, 1);
        List<long[]> reduced = TileGrid.reduce(axis, i -> i == 0 ? "first" : "rest");
        assertThat(reduced).extracting(a -> a[0] + ":" + a[1] + "x" + a[2]).containsExactly("0:1x1", "1:1x1", "2:1x7", "9:1x1");
        assertThat(TileGrid.reduce(TileGrid.axis(3, 1), i -> "same")).hasSize(3);
    }

    private static List<Integer> everyOther(List<Integer> order) {
        List<Integer> cuts = new ArrayList<>();
        for (int i = 1; i < order.size(); i += 2) {
            cuts.add(order.get(i));
        }
        return cuts;
    }
}
