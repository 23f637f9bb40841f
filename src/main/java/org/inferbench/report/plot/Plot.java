package org.inferbench.report.plot;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * One figure of the report: one or more XChart panels laid out in a grid, rendered as PNG and as SVG (through
 * VectorGraphics2D, as XChart's own VectorGraphicsEncoder does, so that several panels share one file).
 *
 * @param id file-name-safe identifier: the figure is written as plots/ID.png and plots/ID.svg
 */
public record Plot(String id, String title, List<Chart<?, ?>> panels, int columns, int panelWidth,
    int panelHeight) {
  public Plot {
    if (panels.isEmpty()) throw new IllegalArgumentException("plot " + id + ": expected at least one panel");
    panels = List.copyOf(panels);
  }

  public int width() {
    return panelWidth * Math.min(columns, panels.size());
  }

  public int height() {
    return panelHeight * ((panels.size() + columns - 1) / columns);
  }

  private void paint(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width(), height());
    for (int i = 0; i < panels.size(); i++) {
      Graphics2D sub = (Graphics2D) g.create((i % columns) * panelWidth, (i / columns) * panelHeight, panelWidth,
          panelHeight);
      panels.get(i).paint(sub, panelWidth, panelHeight);
      sub.dispose();
    }
  }

  public BufferedImage image() {
    BufferedImage img = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    paint(g);
    g.dispose();
    return img;
  }

  /** The figure as an SVG document (without the XML prolog, so that it can be inlined in HTML). */
  public String svg() {
    VectorGraphics2D g = new VectorGraphics2D();
    paint(g);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width(), height())).writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String s = out.toString(StandardCharsets.UTF_8);
    int start = s.indexOf("<svg");
    return start < 0 ? s : s.substring(start);
  }

  /** Writes DIR/ID.png and DIR/ID.svg; returns the SVG text. */
  public String write(Path dir) throws IOException {
    Files.createDirectories(dir);
    ImageIO.write(image(), "png", dir.resolve(id + ".png").toFile());
    String svg = svg();
    Files.writeString(dir.resolve(id + ".svg"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg);
    return svg;
  }
}
