package io.defines.plot.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.defines.plot.figures.FiguresTestAccess;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** Files are well-formed: PNG decodes at 2×, SVG parses as XML with text as shapes, PDF opens with one page and no fonts. */
class ExporterTest {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void writesAllThreeFormats(@TempDir Path dir) throws Exception {
        Figure f = FiguresTestAccess.heatmap();
        Path png = Exporter.write(f, Format.PNG, dir);
        Path svg = Exporter.write(f, Format.SVG, dir);
        Path pdf = Exporter.write(f, Format.PDF, dir);
        assertThat(png.getFileName().toString()).isEqualTo("heatmap-energy.png");
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(f.width() * Exporter.PNG_SCALE);
        assertThat(img.getHeight()).isEqualTo(f.height() * Exporter.PNG_SCALE);
        // not blank: the heatmap's darkest colour is somewhere
        boolean dark = false;
        for (int x = 0; x < img.getWidth() && !dark; x += 3) {
            for (int y = 0; y < img.getHeight() && !dark; y += 3) {
                dark = (img.getRGB(x, y) & 0xFFFFFF) < 0x505050;
            }
        }
        assertThat(dark).isTrue();

        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        dbf.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false); // offline: do not fetch the SVG DTD
        Document doc = dbf.newDocumentBuilder().parse(svg.toFile());
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(doc.getDocumentElement().getAttribute("width")).isEqualTo(Integer.toString(f.width()));
        assertThat(doc.getElementsByTagNameNS("*", "text").getLength()).as("text drawn as shapes").isZero();
        assertThat(doc.getElementsByTagNameNS("*", "path").getLength()).isGreaterThan(100);

        try (PDDocument d = Loader.loadPDF(pdf.toFile())) {
            assertThat(d.getNumberOfPages()).isEqualTo(1);
            PDPage page = d.getPage(0);
            assertThat(page.getMediaBox().getWidth()).isEqualTo((float) f.width());
            assertThat(page.getMediaBox().getHeight()).isEqualTo((float) f.height());
            assertThat(fonts(page.getResources())).as("no fonts: text is outlines").isZero();
        }
        assertThat(Files.size(pdf)).isPositive();
    }

    private static int fonts(PDResources r) throws java.io.IOException {
        if (r == null) {
            return 0;
        }
        int n = 0;
        for (COSName ignored : r.getFontNames()) {
            n++;
        }
        for (COSName x : r.getXObjectNames()) {
            if (r.getXObject(x) instanceof PDFormXObject form) {
                n += fonts(form.getResources());
            }
        }
        return n;
    }
}
