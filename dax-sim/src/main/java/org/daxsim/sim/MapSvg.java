package org.daxsim.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SVG form of {@code map}: one horizontal bar per dax region, scaled to its size, with a
 * rectangle per device range ({@code class="range"}, coloured per device) and per free gap
 * ({@code class="free"}), and above it a thinner rectangle per physically placed piece of a
 * famfs file extent or strip ({@code class="extent"}); every rectangle has a {@code <title>}
 * a browser shows as its tooltip. Standalone SVG 1.1, UTF-8.
 */
final class MapSvg {
  private static final int WIDTH = 1000;
  private static final int LEFT = 20;
  private static final int BAR = 40;
  private static final int LANE = 14;
  private static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#59a14f", "#b07aa1",
      "#76b7b2", "#edc948", "#ff9da7", "#9c755f"};

  private MapSvg() {}

  static String render(String hostName, HostMap map) {
    List<String> body = new ArrayList<>();
    Map<String, String> colour = new LinkedHashMap<>();
    int y = 30;
    body.add(text(LEFT, 20, "daxsim map of " + hostName, "title"));
    for (HostMap.RegionView rv : map.regions) {
      long start = rv.region().start();
      long size = rv.region().size();
      body.add(text(LEFT, y + 12, String.format("region%d %s (%s)", rv.region().id(),
          MapCommand.span(start, rv.region().end()), MapCommand.size(size)), "label"));
      int laneY = y + 18;
      int barY = laneY + LANE + 2;
      for (HostMap.Span s : rv.ranges()) {
        String c = colour.computeIfAbsent(s.dev(), d -> COLOURS[colour.size() % COLOURS.length]);
        body.add(rect("range", x(s.start(), start, size), barY, w(s.size(), size), BAR, c,
            String.format("%s range %d: pgoff %s, %s (%s)", s.dev(), s.range(),
                MapCommand.hex(s.pgoff()), MapCommand.span(s.start(), s.end()),
                MapCommand.size(s.size()))));
      }
      for (HostMap.Span s : rv.gaps()) {
        body.add(rect("free", x(s.start(), start, size), barY, w(s.size(), size), BAR,
            "#dddddd", String.format("free: %s (%s)", MapCommand.span(s.start(), s.end()),
                MapCommand.size(s.size()))));
      }
      for (HostMap.FamfsView f : map.famfs) {
        for (HostMap.Piece p : f.pieces()) {
          if (p.phys() < 0 || p.phys() < start || p.phys() - start >= size) {
            continue;
          }
          body.add(rect("extent", x(p.phys(), start, size), laneY, w(p.length(), size), LANE,
              "#e15759", String.format("%s/%s extent %s: devoff %s -> %s (%s)",
                  f.mountPoint(), p.file(), p.extent(), MapCommand.hex(p.devOffset()),
                  MapCommand.span(p.phys(), p.phys() + p.length() - 1),
                  MapCommand.size(p.length()))));
        }
      }
      y = barY + BAR + 24;
    }
    StringBuilder b = new StringBuilder();
    b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    b.append(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
        + "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"monospace\" "
        + "font-size=\"12\">%n", WIDTH + 2 * LEFT, y, WIDTH + 2 * LEFT, y));
    for (String line : body) {
      b.append("  ").append(line).append('\n');
    }
    b.append("</svg>\n");
    return b.toString();
  }

  private static double x(long addr, long start, long size) {
    return LEFT + (double) (addr - start) * WIDTH / size;
  }

  /** At least one pixel wide, so that small extents stay visible. */
  private static double w(long len, long size) {
    return Math.max(1.0, (double) len * WIDTH / size);
  }

  private static String rect(String cls, double x, int y, double w, int h, String fill,
      String title) {
    return String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%.2f\" y=\"%d\" width=\"%.2f\" "
        + "height=\"%d\" fill=\"%s\" stroke=\"#333333\" stroke-width=\"0.5\"><title>%s</title>"
        + "</rect>", cls, x, y, w, h, fill, esc(title));
  }

  private static String text(int x, int y, String s, String cls) {
    return String.format("<text class=\"%s\" x=\"%d\" y=\"%d\">%s</text>", cls, x, y, esc(s));
  }

  /** XML character escaping for text and attribute content. */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        default -> b.append(c < 0x20 && c != '\t' && c != '\n' ? '?' : c);
      }
    }
    return b.toString();
  }
}
