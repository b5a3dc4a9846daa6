package io.defines.explorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep, then every figure in every format from its result files. */
class PlotCommandTest {

    static final List<String> FIGURES = List.of("heatmap-energy", "heatmap-latency", "pareto-energy-latency", "pareto-energy-memory",
            "breakdown-energy", "breakdown-latency", "mac-count", "memory-accesses", "tile-types");

    @Test
    void drawsEveryFigureInEveryFormat(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        CliTest.Run s = CliTest.run("sweep", SweepCommandTest.exploration(tmp).toString(), "--out", out.toString(), "--threads", "2");
        assertThat(s.exit()).as(s.err()).isZero();
        CliTest.Run r = CliTest.run("plot", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("× 3 formats").contains("per-point figures for points [");
        Path figs = out.resolve("figures");
        List<String> names = new ArrayList<>(FIGURES);
        try (var files = Files.list(figs)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("top-memory-level-p") && n.endsWith(".png"))
                    .forEach(n -> names.add(n.substring(0, n.length() - 4)));
        }
        assertThat(names).as("one top-memory-level figure per overlap strategy's best point").hasSize(FIGURES.size() + 3);
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        for (String n : names) {
            assertThat(Files.size(figs.resolve(n + ".png"))).as(n).isGreaterThan(1000);
            assertThat(dbf.newDocumentBuilder().parse(figs.resolve(n + ".svg").toFile()).getDocumentElement().getTagName()).isEqualTo("svg");
            try (PDDocument d = Loader.loadPDF(figs.resolve(n + ".pdf").toFile())) {
                assertThat(d.getNumberOfPages()).isEqualTo(1);
            }
        }
        // --select and one format
        CliTest.Run one = CliTest.run("plot", out.toString(), "--formats", "svg", "--select", "0", "--out", tmp.resolve("sel").toString());
        assertThat(one.exit()).as(one.err()).isZero();
        assertThat(tmp.resolve("sel/top-memory-level-p0.svg")).exists();
        assertThat(tmp.resolve("sel/heatmap-energy.png")).doesNotExist();
    }

    @Test
    void badInputExitsTwoWithAHint(@TempDir Path tmp) throws IOException {
        CliTest.Run none = CliTest.run("plot", tmp.toString());
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("points.csv").contains("Maybe").doesNotContain("Exception");
        Files.writeString(tmp.resolve("points.csv"), "a,b\n1,2\n");
        CliTest.Run wrong = CliTest.run("plot", tmp.toString());
        assertThat(wrong.exit()).isEqualTo(2);
        assertThat(wrong.err()).contains("no column 'point_id'").contains("Maybe");
        CliTest.Run fmt = CliTest.run("plot", tmp.toString(), "--formats", "png,eps");
        assertThat(fmt.exit()).isEqualTo(2);
        assertThat(fmt.err()).contains("'eps'").contains("Maybe --formats png,svg,pdf");
    }
}
