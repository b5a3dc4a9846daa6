package io.defines.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.defines.core.compat.CompatFlags;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The typed schedule values: one parser each for tile sizes, cut policies and overlap pairs. */
class ScheduleValuesTest {

    @Test
    void tileSizesAreAtMostTwoToTheThirtyOneMinusOne() {
        assertThat(TileSize.parse("2147483647x1")).isEqualTo(new TileSize(2147483647, 1));
        assertThatThrownBy(() -> TileSize.parse("2147483648x1")).hasMessage(
                "'2147483648x1' is not of the form <TX>x<TY> with sizes from 1 to 2147483647 (2^31-1) output pixels");
        assertThatThrownBy(() -> TileSize.parse("1x999999999999999999")).hasMessageContaining("from 1 to 2147483647");
    }

    @Test
    void tileSizes() {
        assertThat(TileSize.parse("60x72")).isEqualTo(new TileSize(60, 72));
        assertThat(TileSize.parse("1X1")).isEqualTo(new TileSize(1, 1));
        assertThat(TileSize.parse("960×540").toString()).isEqualTo("960x540");
        for (String bad : List.of("60by72", "0x5", "5x0", "-1x3", "x", "", "99999999999999999999x1")) {
            assertThatThrownBy(() -> TileSize.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("<TX>x<TY>");
        }
        assertThatThrownBy(() -> new TileSize(0, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cutPolicies() {
        assertThat(CutPolicy.parse("auto")).isInstanceOf(CutPolicy.Auto.class);
        assertThat(CutPolicy.parse("none")).isInstanceOf(CutPolicy.Fused.class);
        assertThat(CutPolicy.parse("layer-by-layer")).isInstanceOf(CutPolicy.LayerByLayer.class);
        assertThat(CutPolicy.parse("3,7")).isEqualTo(new CutPolicy.After(List.of(3, 7)));
        assertThat(CutPolicy.parse("3;7")).isEqualTo(new CutPolicy.After(List.of(3, 7)));
        assertThat(CutPolicy.parse("-1")).isEqualTo(new CutPolicy.After(List.of(-1)));
        // the text form round-trips: it is what points.csv's cuts column holds
        for (String text : List.of("auto", "none", "layer-by-layer", "3;7", "-1;0;4")) {
            assertThat(CutPolicy.parse(text).text()).isEqualTo(text);
        }
        assertThatThrownBy(() -> CutPolicy.parse("3,x")).hasMessageContaining("'x' is not a layer id");
        // a repeated id made a stack without layers, and every point failed; an empty list meant nothing
        assertThatThrownBy(() -> CutPolicy.parse("3,3")).hasMessage("cuts lists layer 3 twice");
        assertThatThrownBy(() -> CutPolicy.parse("3;7;3")).hasMessage("cuts lists layer 3 twice");
        assertThatThrownBy(() -> CutPolicy.parse("")).hasMessage("cuts lists no layer ids");
        assertThatThrownBy(() -> CutPolicy.parse("3,,4")).hasMessageContaining("'' is not a layer id");
        assertThatThrownBy(() -> CutPolicy.parse("99999999999")).hasMessage(
                "cuts entry 99999999999 is not a layer id: ids are from -1 (the network input) to 2147483647 (2^31-1)");
        assertThatThrownBy(() -> CutPolicy.parse("-2")).hasMessageContaining("ids are from -1");
    }

    @Test
    void overlapPairs() {
        assertThat(OverlapPair.parse("fully-cached")).isEqualTo(new OverlapPair(OverlapStrategy.CACHE, OverlapStrategy.CACHE));
        assertThat(OverlapPair.parse("h-cached-v-recompute")).isEqualTo(new OverlapPair(OverlapStrategy.CACHE, OverlapStrategy.RECOMPUTE));
        assertThat(OverlapPair.parse("h=global, v=recompute")).isEqualTo(new OverlapPair(OverlapStrategy.GLOBAL, OverlapStrategy.RECOMPUTE));
        assertThatThrownBy(() -> OverlapPair.parse("sometimes")).hasMessageContaining("'sometimes'");
        assertThat(OverlapStrategy.parsePair("h=cache,v=never")).isNull();
    }

    @Test
    void strategiesAreRegisteredByName() {
        assertThat(OverlapStrategy.names()).startsWith("recompute", "cache", "global");
        for (String name : List.of("recompute", "cache", "global")) {
            OverlapStrategy s = OverlapStrategy.parse(name);
            assertThat(s.cliName()).isEqualTo(name);
            // point keys of earlier sweeps hold the upper-case names: resumable runs depend on it
            assertThat(s.toString()).isEqualTo(name.toUpperCase(java.util.Locale.ROOT));
        }
        assertThat(OverlapStrategy.RECOMPUTE.reusesOverlap()).isFalse();
        assertThat(OverlapStrategy.CACHE.reusesOverlap()).isTrue();
        assertThat(OverlapStrategy.GLOBAL.reusesOverlap()).isTrue();
        assertThatThrownBy(() -> OverlapStrategy.parse("sometimes")).hasMessageContaining("recompute, cache, global");
        assertThatThrownBy(() -> OverlapStrategy.register(OverlapStrategy.CACHE)).hasMessageContaining("already registered");
    }

    @Test
    void aScheduleGivesEveryStackItsSettings() {
        StackSettings a = new StackSettings(new TileSize(4, 4), OverlapStrategy.CACHE, OverlapStrategy.RECOMPUTE);
        StackSettings b = new StackSettings(new TileSize(8, 2), OverlapStrategy.GLOBAL, OverlapStrategy.CACHE);
        Schedule uniform = new Schedule(CutPolicy.AUTO, List.of(a), 6, CompatFlags.FIXED);
        assertThat(uniform.forStack(0, 3)).isEqualTo(a);
        assertThat(uniform.forStack(2, 3)).isEqualTo(a);
        Schedule perStack = new Schedule(new CutPolicy.After(List.of(1)), List.of(a, b), 6, CompatFlags.FIXED);
        assertThat(perStack.forStack(1, 2)).isEqualTo(b);
        assertThatThrownBy(() -> perStack.forStack(0, 3)).hasMessageContaining("settings for 2 stacks, but its cuts make 3");
        assertThatThrownBy(() -> new Schedule(CutPolicy.AUTO, List.of(), 6, CompatFlags.FIXED)).isInstanceOf(IllegalArgumentException.class);
        assertThat(b.overlapText()).isEqualTo("h=global,v=cache");
    }
}
