package org.daxsim.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.sim.TraceWorld.ok;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code map [--svg FILE]}: the physical picture of the current host. */
class MapCommandTest {
  /**
   * The layout of {@link TraceWorld}, by hand: dax0.2's range 0 is [R0 + 2G, R0 + 4G) at pgoff
   * 0, range 1 is [R0, R0 + 2G) at pgoff 0x80000 (2 GiB / 4 KiB), the rest of region0 and all
   * of region1 free. famfs: superblock at device offset 0 (2 MiB), log at 2 MiB (8 MiB), pad at
   * 10 MiB (2036 MiB: 1.99 GiB, all in range 0), f at 2046 MiB: its first 2 MiB are the last
   * 2 MiB of range 0 (R0 + 2G + 2046M = 0x1ffe00000), the next 2 MiB the start of range 1.
   */
  private static final String EXPECTED = ""
      + "region0 0x100000000-0x2ffffffff (8 GiB)\n"
      + "  DEVICE  RANGE  PGOFF    PHYS                     SIZE\n"
      + "  dax0.2  0      0x0      0x180000000-0x1ffffffff  2 GiB\n"
      + "  dax0.2  1      0x80000  0x100000000-0x17fffffff  2 GiB\n"
      + "  free                    0x200000000-0x2ffffffff  4 GiB\n"
      + "region1 0x340000000-0x3bfffffff (2 GiB)\n"
      + "  DEVICE  RANGE  PGOFF  PHYS                     SIZE\n"
      + "  free                  0x340000000-0x3bfffffff  2 GiB\n"
      + "famfs /mnt/famfs on /dev/dax0.2\n"
      + "  FILE               EXTENT  DEVOFF      LENGTH    PHYS\n"
      + "  .meta/.log         0       0x200000    8 MiB     0x180200000-0x1809fffff\n"
      + "  .meta/.superblock  0       0x0         2 MiB     0x180000000-0x1801fffff\n"
      + "  f                  0       0x7fe00000  2 MiB     0x1ffe00000-0x1ffffffff\n"
      + "  f                  0       0x80000000  2 MiB     0x100000000-0x1001fffff\n"
      + "  pad                0       0xa00000    1.99 GiB  0x180a00000-0x1ffdfffff\n";

  @Test
  void theTextShowsRegionsRangesInPgoffOrderGapsAndFileExtentsPlaced() throws Exception {
    Shell sh = TraceWorld.famfs();
    assertThat(ok(sh, "map").stdout()).isEqualTo(EXPECTED);
  }

  @Test
  void aHostWithoutRegionsSaysSo() throws Exception {
    Shell sh = DaxSim.newShell(DaxSim.newWorld());
    assertThat(ok(sh, "map").stdout()).isEqualTo("no dax regions\n");
  }

  @Test
  void theSvgIsWellFormedWithOneRectPerRangeGapAndExtentPiece() throws Exception {
    Shell sh = TraceWorld.famfs();
    Result r = ok(sh, "map --svg /tmp/map.svg");
    assertThat(r.stdout()).isEqualTo(EXPECTED);
    String svg = ok(sh, "cat /tmp/map.svg").stdout();
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    Document doc = f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    Element root = doc.getDocumentElement();
    assertThat(root.getLocalName()).isEqualTo("svg");
    assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
    NodeList rects = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
    List<String> ranges = new ArrayList<>();
    List<String> free = new ArrayList<>();
    List<String> extents = new ArrayList<>();
    for (int i = 0; i < rects.getLength(); i++) {
      Element e = (Element) rects.item(i);
      String title = e.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title").item(0)
          .getTextContent();
      switch (e.getAttribute("class")) {
        case "range" -> ranges.add(title);
        case "free" -> free.add(title);
        case "extent" -> extents.add(title);
        default -> throw new AssertionError("unexpected rect " + e.getAttribute("class"));
      }
    }
    assertThat(ranges).containsExactly(
        "dax0.2 range 0: pgoff 0x0, 0x180000000-0x1ffffffff (2 GiB)",
        "dax0.2 range 1: pgoff 0x80000, 0x100000000-0x17fffffff (2 GiB)");
    assertThat(free).containsExactly("free: 0x200000000-0x2ffffffff (4 GiB)",
        "free: 0x340000000-0x3bfffffff (2 GiB)");
    assertThat(extents).containsExactly(
        "/mnt/famfs/.meta/.log extent 0: devoff 0x200000 -> 0x180200000-0x1809fffff (8 MiB)",
        "/mnt/famfs/.meta/.superblock extent 0: devoff 0x0 -> 0x180000000-0x1801fffff (2 MiB)",
        "/mnt/famfs/f extent 0: devoff 0x7fe00000 -> 0x1ffe00000-0x1ffffffff (2 MiB)",
        "/mnt/famfs/f extent 0: devoff 0x80000000 -> 0x100000000-0x1001fffff (2 MiB)",
        "/mnt/famfs/pad extent 0: devoff 0xa00000 -> 0x180a00000-0x1ffdfffff (1.99 GiB)");
    // range 0 starts halfway along region0's 1000-pixel bar, range 1 at its left edge (20)
    Element r0 = (Element) rects.item(0);
    assertThat(r0.getAttribute("x")).isEqualTo("270.00");
    assertThat(r0.getAttribute("width")).isEqualTo("250.00");
    assertThat(((Element) rects.item(1)).getAttribute("x")).isEqualTo("20.00");
  }

  @Test
  void badUsageAndAnUncreatableFileFailWithoutWritingAnything() throws Exception {
    Shell sh = TraceWorld.famfs();
    Result r = sh.execute("map --png x");
    assertThat(r).isEqualTo(Result.fail(1, "EINVAL",
        "map: unexpected argument '--png'; usage: map [--svg FILE] (Invalid argument)\n"));
    assertThat(sh.execute("map --svg").exit()).isEqualTo(1);
    Result nodir = sh.execute("map --svg /nodir/m.svg");
    assertThat(nodir).isEqualTo(Result.fail(1, "ENOENT",
        "map: can't create /nodir/m.svg (No such file or directory)\n"));
    assertThat(sh.execute("ls /tmp").stdout()).doesNotContain("m.svg");
  }
}
