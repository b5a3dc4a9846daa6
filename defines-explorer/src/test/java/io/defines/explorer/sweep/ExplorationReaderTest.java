package io.defines.explorer.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.core.RepoPaths;
import io.defines.core.input.Diagnostic;
import io.defines.core.input.Parsed;
import io.defines.core.schedule.CutPolicy;
import io.defines.core.schedule.OverlapStrategy;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplorationReaderTest {

    static final Path EXPLORATIONS = RepoPaths.root().resolve("explorations");

    static Parsed<Exploration> read(String yaml) {
        return ExplorationReader.read("x.yaml", new StringReader(yaml), EXPLORATIONS);
    }

    @Test
    void expandsInADeterministicOrderWithFullTilesAndTheMappingRule() {
        Parsed<Exploration> p = read("""
                workloads: [../workloads/fsrcnn.yaml]
                accelerators: [../hardware/meta-prototype-df.yaml]
                overlap: [fully-cached, "h=global,v=cache"]
                tile_x: [60, full]
                tile_y: full
                """);
        assertThat(p.diagnostics()).isEmpty();
        List<DesignPoint> pts = p.value().points();
        assertThat(pts).extracting(d -> d.overlap() + " " + d.tileX() + "x" + d.tileY())
                .containsExactly("fully-cached 60x540", "fully-cached 960x540", "h=global,v=cache 60x540", "h=global,v=cache 960x540");
        assertThat(pts.get(2).horizontal()).isEqualTo(OverlapStrategy.GLOBAL);
        assertThat(pts.get(0).mapping()).isEqualTo(RepoPaths.root().resolve("hardware/mappings/meta-prototype/fsrcnn.yaml"));
        assertThat(pts.get(0).lpfLimit()).isEqualTo(8);
        assertThat(pts.get(0).compat()).isEqualTo("fixed");
        assertThat(pts.get(0).cuts()).isEqualTo("auto");
        assertThat(p.value().objectives()).containsExactly(Objective.ENERGY, Objective.LATENCY);
        assertThat(p.value().out()).isNull(); // the command then writes to results/<name> in the working folder
    }

    @Test
    void shippedExplorationsAreValid() {
        for (var e : java.util.Map.of("case-study-1", 108, "case-study-1-all-overlaps", 324, "library", 300).entrySet()) {
            Parsed<Exploration> p = ExplorationReader.read(EXPLORATIONS.resolve(e.getKey() + ".yaml"));
            assertThat(p.diagnostics()).as(e.getKey()).isEmpty();
            assertThat(p.value().points()).as(e.getKey()).hasSize(e.getValue());
            assertThat(p.value().name()).isEqualTo(e.getKey());
        }
    }

    /** mapper: names a registered mapper (default loma); an unknown one is an error at its place with the closest name. */
    @Test
    void theMapperIsChosenByName() {
        String base = """
                workloads: [../workloads/fsrcnn.yaml]
                accelerators: [../hardware/meta-prototype-df.yaml]
                overlap: fully-cached
                tile_x: 60
                tile_y: 72
                """;
        assertThat(read(base).diagnostics()).isEmpty();
        assertThat(read(base).value().mapper()).isEqualTo("loma");
        assertThat(read(base + "mapper: exact\n").value().mapper()).isEqualTo("exact");
        assertThat(read(base + "mapper: exact:1000\n").value().mapper()).isEqualTo("exact:1000");
        for (String wrong : List.of("exact:0", "loma:5", "exact:many")) {
            assertThat(read(base + "mapper: " + wrong + "\n").diagnostics()).as(wrong)
                    .anySatisfy(d -> assertThat(d.hint()).contains("exact:N gives the exact mapper a budget"));
        }
        Parsed<Exploration> bad = read(base + "mapper: exakt\n");
        assertThat(bad.value()).isNull();
        assertThat(bad.diagnostics()).anySatisfy(d -> {
            assertThat(d.line()).isEqualTo(6);
            assertThat(d.message()).contains("mapper 'exakt' is not a mapper");
            assertThat(d.hint()).contains("exact");
        });
    }

    @Test
    void zipPairsTheTileLists() {
        Parsed<Exploration> p = read("""
                workloads: ../workloads/fsrcnn.yaml
                accelerators: ../hardware/meta-prototype-df.yaml
                overlap: fully-recompute
                tile_x: [1, 4]
                tile_y: [18, 72]
                combine: zip
                cuts: [3]
                """);
        assertThat(p.diagnostics()).isEmpty();
        assertThat(p.value().points()).extracting(d -> d.tileX() + "x" + d.tileY()).containsExactly("1x18", "4x72");
        assertThat(p.value().points().get(0).cuts()).isEqualTo("3");
    }

    @Test
    void collectsEveryProblemWithItsPlaceAndAHint() {
        Parsed<Exploration> p = read("""
                workloads: [../workloads/nope.yaml]
                accelerators: [../hardware/meta-prototype-df.yaml]
                overlap: [fully-cashed]
                tile_x: [0, 4]
                tile_y: [big]
                lpf_limit: 99
                compat: defines2022
                objectives: [energy, area]
                combine: zip
                tile_size: 3
                """);
        assertThat(p.ok()).isFalse();
        List<String> rendered = p.diagnostics().stream().map(Diagnostic::render).toList();
        assertThat(rendered).anySatisfy(s -> assertThat(s).startsWith("x.yaml:1:13: /workloads/0: file").contains("does not exist"))
                .anySatisfy(s -> assertThat(s).startsWith("x.yaml:3:11: /overlap/0:").contains("'fully-cashed'").contains("Maybe"))
                .anySatisfy(s -> assertThat(s).startsWith("x.yaml:4:10: /tile_x/0:").contains("positive integers, 'full' or ranges"))
                .anySatisfy(s -> assertThat(s).startsWith("x.yaml:5:10: /tile_y/0:"))
                .anySatisfy(s -> assertThat(s).startsWith("x.yaml:6:12: /lpf_limit:"))
                .anySatisfy(s -> assertThat(s).startsWith("x.yaml:7:9: /compat:").contains("defines2022"))
                .anySatisfy(s -> assertThat(s).startsWith("x.yaml:8:22: /objectives/1:").contains("'area'"))
                .anySatisfy(s -> assertThat(s).contains("unknown key 'tile_size'"));
        assertThat(p.diagnostics()).allSatisfy(d -> assertThat(d.render()).contains("Maybe"));
    }

    @TempDir
    static Path models;

    /** FSRCNN at 960 × 540 as exported with "same" padding, built with the protobuf builders. */
    static Path fsrcnn() {
        Path p = models.resolve("fsrcnn.onnx");
        return java.nio.file.Files.exists(p) ? p : io.defines.core.onnx.OnnxGraphs.write(models, "fsrcnn.onnx",
                io.defines.core.onnx.ZooNetworks.fsrcnn().graph());
    }

    @Test
    void onnxWorkloadsWithTheirImportOptions() {
        Parsed<Exploration> p = read("""
                workloads: [%s]
                accelerators: [../hardware/meta-prototype-df.yaml]
                mappings: [../hardware/mappings/meta-prototype/by-operator-type.yaml]
                overlap: [fully-cached]
                tile_x: [full]
                tile_y: [72]
                onnx:
                  precision: {W: 4, O_final: 4}
                  skip_unsupported: true
                """.formatted(fsrcnn()));
        assertThat(p.diagnostics()).isEmpty();
        DesignPoint d = p.value().points().get(0);
        assertThat(d.tileX()).isEqualTo(960); // 'full' from the imported last layer
        assertThat(d.onnx()).isEqualTo(new io.defines.core.onnx.OnnxOptions(4, 8, 16, 4, true));
        Parsed<Exploration> bad = read("""
                workloads: [%s]
                accelerators: [../hardware/meta-prototype-df.yaml]
                overlap: [fully-cached]
                tile_x: [full]
                tile_y: [72]
                onnx: {precision: {W: 0}, skip: true}
                """.formatted(fsrcnn()));
        List<String> r = bad.diagnostics().stream().map(Diagnostic::render).toList();
        assertThat(r).anySatisfy(s -> assertThat(s).contains("/onnx/precision/W").contains("1 to 64 bits"))
                .anySatisfy(s -> assertThat(s).contains("unknown key 'skip'"));
    }

    @Test
    void rangesExpandArithmeticallyAndGeometrically() {
        Parsed<Exploration> p = read("""
                workloads: ../workloads/fsrcnn.yaml
                accelerators: ../hardware/meta-prototype-df.yaml
                overlap: fully-cached
                tile_x: [{from: 1, to: 960, times: 4}, full]
                tile_y: [{from: 60, to: 200, step: 60}]
                objectives: [energy, onchip_peak_bits, DRAM_ACCESS_BITS]
                """);
        assertThat(p.diagnostics()).isEmpty();
        assertThat(p.value().objectives()).containsExactly(Objective.ENERGY, Objective.ONCHIP_PEAK_BITS, Objective.DRAM_ACCESS_BITS);
        assertThat(p.value().points()).extracting(d -> d.tileX() + "x" + d.tileY()).containsExactly(
                "1x60", "1x120", "1x180", "4x60", "4x120", "4x180", "16x60", "16x120", "16x180", "64x60", "64x120", "64x180",
                "256x60", "256x120", "256x180", "960x60", "960x120", "960x180");
    }

    @Test
    void badRangesAreReportedWithTheirPlace() {
        Parsed<Exploration> p = read("""
                workloads: ../workloads/fsrcnn.yaml
                accelerators: ../hardware/meta-prototype-df.yaml
                overlap: fully-cached
                tile_x: [{from: 8, to: 4, step: 2}, {from: 1, to: 8}, {from: 1, to: 8, times: 1}]
                tile_y: [{from: 1, to: 8, stpe: 2}, {from: 1, to: 100000000, step: 1}]
                """);
        List<String> rendered = p.diagnostics().stream().map(Diagnostic::render).toList();
        assertThat(rendered).anySatisfy(s -> assertThat(s).startsWith("x.yaml:4:24: /tile_x/0/to:").contains("ends (4) before it starts (8)"))
                .anySatisfy(s -> assertThat(s).startsWith("x.yaml:4:37: /tile_x/1:").contains("exactly one of 'step'"))
                .anySatisfy(s -> assertThat(s).startsWith("x.yaml:4:79: /tile_x/2/times:").contains("at least 2"))
                .anySatisfy(s -> assertThat(s).contains("/tile_y/0").contains("unknown key 'stpe'").contains("you meant 'step'"))
                .anySatisfy(s -> assertThat(s).contains("/tile_y/1").contains("more than 10000 tile sizes"));
        assertThat(p.diagnostics()).allSatisfy(d -> assertThat(d.render()).contains("Maybe"));
    }

    @Test
    void cutsMustNameLayersOfTheWorkload() {
        Parsed<Exploration> p = read("""
                workloads: ../workloads/fsrcnn.yaml
                accelerators: ../hardware/meta-prototype-df.yaml
                overlap: fully-cached
                tile_x: 60
                tile_y: 72
                cuts: [3, 42]
                """);
        assertThat(p.ok()).isFalse();
        assertThat(p.diagnostics()).hasSize(1);
        assertThat(p.diagnostics().get(0).render()).startsWith("x.yaml:6:11: /cuts/1: cut after layer 42, which fsrcnn.yaml does not have")
                .contains("Maybe");
    }

    @Test
    void cutsAreOneTypedPolicyAndAnEmptyListIsAnError() {
        String base = """
                workloads: ../workloads/fsrcnn.yaml
                accelerators: ../hardware/meta-prototype-df.yaml
                overlap: fully-cached
                tile_x: 60
                tile_y: 72
                """;
        Parsed<Exploration> ids = read(base + "cuts: [3, 5]\n");
        assertThat(ids.diagnostics()).isEmpty();
        assertThat(ids.value().points().get(0).schedule().cuts()).isEqualTo(new CutPolicy.After(List.of(3, 5)));
        assertThat(ids.value().points().get(0).cuts()).isEqualTo("3;5");
        assertThat(read(base + "cuts: layer-by-layer\n").value().points().get(0).schedule().cuts()).isEqualTo(CutPolicy.LAYER_BY_LAYER);
        Parsed<Exploration> empty = read(base + "cuts: []\n");
        assertThat(empty.ok()).isFalse();
        assertThat(empty.diagnostics().get(0).render()).startsWith("x.yaml:6:").contains("/cuts: cuts lists no layer ids").contains("Maybe cuts: none");
        Parsed<Exploration> huge = read(base + "cuts: [99999999999]\n");
        assertThat(huge.ok()).isFalse();
        assertThat(huge.diagnostics().get(0).render()).contains("/cuts/0: cuts entries are layer ids, from -1 (the network input) to 2147483647 (2^31-1), found 99999999999");
    }

    @Test
    void missingRequiredKeysAreReported() {
        Parsed<Exploration> p = read("workloads: [../workloads/fsrcnn.yaml]\n");
        List<String> rendered = p.diagnostics().stream().map(Diagnostic::render).toList();
        assertThat(String.join("\n", rendered)).contains("accelerators").contains("overlap").contains("tile_x").contains("tile_y");
    }

    @Test
    void anExplorationFileIsReadLikeEveryInputAliasesBomAndSecondDocumentsIncluded(@TempDir Path dir) throws IOException {
        String written = """
                workloads: [%1$s/workloads/fsrcnn.yaml]
                accelerators: [%1$s/hardware/meta-prototype-df.yaml]
                overlap: [fully-cached]
                tile_x: [60, 120]
                tile_y: [60, 120]
                """.formatted(RepoPaths.root());
        String aliased = """
                workloads: [%1$s/workloads/fsrcnn.yaml]
                accelerators: [%1$s/hardware/meta-prototype-df.yaml]
                overlap: [fully-cached]
                tile_x: &tiles [60, 120]
                tile_y: *tiles
                """.formatted(RepoPaths.root());
        Path f = dir.resolve("x.yaml");
        Files.write(f, ("\uFEFF" + aliased).getBytes(StandardCharsets.UTF_8));
        Parsed<Exploration> a = ExplorationReader.read(f);
        assertThat(a.diagnostics()).isEmpty();
        assertThat(a.value().points()).isEqualTo(read(written).value().points());
        Files.writeString(f, written + "---\nname: other\n");
        assertThat(ExplorationReader.read(f).diagnostics()).singleElement()
                .satisfies(d -> assertThat(d.render()).startsWith(f + ":7:1: /: a second YAML document").contains("Maybe"));
    }

    @Test
    void aMissingTileYIsAnErrorEvenNextToTileX() {
        // tile_x is within edit distance 1 of tile_y: the missing key used to be taken for a misspelling and not reported,
        // and the exploration ran 0 points
        Parsed<Exploration> p = read("""
                workloads: ../workloads/fsrcnn.yaml
                accelerators: ../hardware/meta-prototype-df.yaml
                overlap: fully-cached
                tile_x: 60
                """);
        assertThat(p.ok()).isFalse();
        assertThat(p.diagnostics()).extracting(Diagnostic::render)
                .containsExactly("x.yaml:1:1: /: the exploration has no 'tile_y'" + System.lineSeparator()
                        + "  Maybe add 'tile_y: [1, 4, 16, 60, full]'");
    }

    @Test
    void repeatedCutsAndNumbersOutOfRangeAreRefusedAtTheirPlace() {
        String base = """
                workloads: ../workloads/fsrcnn.yaml
                accelerators: ../hardware/meta-prototype-df.yaml
                overlap: fully-cached
                """;
        // cuts: [3, 3] used to run, every point infeasible, and the sweep said to run it again to resume
        Parsed<Exploration> twice = read(base + "tile_x: 60\ntile_y: 72\ncuts: [3, 3]\n");
        assertThat(twice.ok()).isFalse();
        assertThat(twice.diagnostics()).extracting(Diagnostic::render).containsExactly("x.yaml:6:11: /cuts/1: cuts lists layer 3 twice"
                + System.lineSeparator() + "  Maybe cuts are distinct layer ids, each once: cuts: [3, 7]; cuts: none for one stack");
        Parsed<Exploration> id = read(base + "tile_x: 60\ntile_y: 72\ncuts: [-2]\n");
        assertThat(id.diagnostics()).extracting(Diagnostic::message)
                .containsExactly("cuts entries are layer ids, from -1 (the network input) to 2147483647 (2^31-1), found -2");
        // a tile size too large for a long used to read as 'not a positive integer'; one above 2^31-1 was accepted
        Parsed<Exploration> tile = read(base + "tile_x: [99999999999999999999, 3000000000]\ntile_y: 72\n");
        assertThat(tile.diagnostics()).extracting(Diagnostic::message).containsExactly(
                "tile_x entry must be positive and at most 2147483647 (2^31-1) output pixels, found 99999999999999999999",
                "tile_x entry must be positive and at most 2147483647 (2^31-1) output pixels, found 3000000000");
        // a step near 2^62 used to overflow the range to negative tile sizes
        Parsed<Exploration> range = read(base + "tile_x: [{from: 1, to: 9223372036854775807, step: 4611686018427387904}]\ntile_y: 72\n");
        assertThat(range.diagnostics()).extracting(Diagnostic::message).containsExactly(
                "'to' must be positive and at most 2147483647 (2^31-1) output pixels, found 9223372036854775807",
                "'step' must be positive and at most 2147483647 (2^31-1) output pixels, found 4611686018427387904");
        Parsed<Exploration> lpf = read(base + "tile_x: 60\ntile_y: 72\nlpf_limit: 0\n");
        assertThat(lpf.diagnostics()).extracting(Diagnostic::message).containsExactly("lpf_limit must be from 1 to 64, found 0");
        Parsed<Exploration> half = read(base + "tile_x: 60\ntile_y: 72\nlpf_limit: 6.5\n");
        assertThat(half.diagnostics()).extracting(Diagnostic::message).containsExactly("'lpf_limit' must be an integer, found the number 6.5");
    }
}
