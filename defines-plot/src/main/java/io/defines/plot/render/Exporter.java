package io.defines.plot.render;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.batik.dom.GenericDOMImplementation;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.w3c.dom.Document;

/**
 * Writes a {@link Figure} as PNG (rendered at {@code PNG_SCALE}× for print), SVG (Batik, text as
 * shapes, so it looks the same without the fonts) or PDF (PDFBox, text as vector outlines, so no font
 * is embedded). All three run headless.
 */
public final class Exporter {
    /** PNG pixels per point: 2 gives 144 dpi, sharp at column width. */
    public static final int PNG_SCALE = 2;

    private Exporter() {
    }

    /** Writes {@code dir/<name>.<ext>} and returns its path. */
    public static Path write(Figure f, Format format, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(f.name() + "." + format.extension());
        switch (format) {
            case PNG -> png(f, file);
            case SVG -> svg(f, file);
            case PDF -> pdf(f, file);
        }
        return file;
    }

    static void prepare(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    }

    private static void background(Figure f, Graphics2D g) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, f.width(), f.height());
    }

    private static void png(Figure f, Path file) throws IOException {
        BufferedImage img = new BufferedImage(f.width() * PNG_SCALE, f.height() * PNG_SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            prepare(g);
            g.scale(PNG_SCALE, PNG_SCALE);
            background(f, g);
            f.draw(g);
        } finally {
            g.dispose();
        }
        ImageIO.write(img, "png", file.toFile());
    }

    private static void svg(Figure f, Path file) throws IOException {
        Document doc = GenericDOMImplementation.getDOMImplementation().createDocument("http://www.w3.org/2000/svg", "svg", null);
        SVGGeneratorContext ctx = SVGGeneratorContext.createDefault(doc);
        ctx.setComment("defines-plot");
        SVGGraphics2D g = new SVGGraphics2D(ctx, true); // text as shapes
        g.setSVGCanvasSize(new Dimension(f.width(), f.height()));
        prepare(g);
        background(f, g);
        f.draw(g);
        try (Writer w = new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8)) {
            g.stream(w, true);
        }
        g.dispose();
    }

    private static void pdf(Figure f, Path file) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(f.width(), f.height()));
            doc.addPage(page);
            PdfBoxGraphics2D g = new PdfBoxGraphics2D(doc, f.width(), f.height()); // text as vector shapes by default
            prepare(g);
            background(f, g);
            f.draw(g);
            g.dispose();
            PDFormXObject form = g.getXFormObject();
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.drawForm(form);
            }
            doc.getDocumentInformation().setCreator("defines-plot");
            try (var out = new BufferedOutputStream(Files.newOutputStream(file))) {
                doc.save(out); // a stream: PDFBox warns when saving over an existing file by name
            }
        }
    }
}
