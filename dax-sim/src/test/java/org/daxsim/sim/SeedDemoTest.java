package org.daxsim.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.daxsim.bus.DevDax;
import org.daxsim.bus.DevDaxRange;
import org.daxsim.bus.DirectAccessVariant;
import org.daxsim.core.Errno;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code daxsim demo seed}: the table's rows and verdicts, the device the allocator built, and
 * the bytes each path returned against the pattern computed here from SplittableRandom.
 */
class SeedDemoTest {
  static SeedDemo.Report report;

  @BeforeAll
  static void runDemo() throws Exception {
    report = SeedDemo.run();
  }

  /** CLI.md's pattern, from java.util.SplittableRandom itself. */
  static byte[] pattern(long seed, long offset, int len) {
    SplittableRandom r = new SplittableRandom(seed);
    long words = (offset + len + 7) / 8;
    byte[] all = new byte[(int) (words * 8)];
    for (int k = 0; k < words; k++) {
      long w = r.nextLong();
      for (int i = 0; i < 8; i++) {
        all[k * 8 + i] = (byte) (w >>> (8 * i));
      }
    }
    return Arrays.copyOfRange(all, (int) offset, (int) offset + len);
  }

  @Test
  void theDeviceHasTwoDiscontiguousRangesWithDax02InBetween() {
    Host h = report.world().currentHost();
    DevDax d = h.bus().device("dax0.1");
    // bus.c: dax0.1 16M at the region start, dax0.2 right after it, growth to 4G after dax0.2
    assertThat(d.ranges()).containsExactly(
        new DevDaxRange(0, 0x100000000L, 0x100ffffffL),
        new DevDaxRange(0x1000, 0x102000000L, 0x200ffffffL));
    assertThat(h.bus().device("dax0.2").ranges())
        .containsExactly(new DevDaxRange(0, 0x101000000L, 0x101ffffffL));
    assertThat(report.text()).contains(
        "  dax0.1 pgoff     0x0  phys [0x100000000, 0x100ffffff]  16 MiB\n"
            + "  dax0.1 pgoff  0x1000  phys [0x102000000, 0x200ffffff]  4080 MiB\n"
            + "  dax0.2 pgoff     0x0  phys [0x101000000, 0x101ffffff]  16 MiB   <- in between\n");
  }

  @Test
  void theFileCrossesTheBoundaryAndTheComparedSpanStraddlesIt() {
    // famfs's first file starts after the superblock (2M) and the log (8M): device byte 10M;
    // range 0 ends at device byte 16M = file offset 6M; the span is 32K either side
    assertThat(report.spanOffset()).isEqualTo(6L * 1024 * 1024 - 32 * 1024);
    assertThat(report.text()).contains("\t\ta00000\t8388608\n")
        .contains("Compared below: file bytes [0x5f8000, +65536).");
  }

  @Test
  void theTableRows() {
    assertThat(report.text()).contains(
        "variant          | read(2)            | mmap               | verdict\n"
            + "---------------- | ------------------ | ------------------ | -------\n"
            + "per-range        | 65536 bytes, match | 65536 bytes, match | correct\n"
            + "seed-phys        | EFAULT             | 65536 bytes, match"
            + " | BROKEN: read(2) fails\n"
            + "rfc-virt-offset  | 65536 bytes, WRONG | 65536 bytes, match"
            + " | BROKEN: read(2) returns wrong bytes\n"
            + "fsdev-full-span  | EFAULT             | 65536 bytes, match"
            + " | BROKEN: read(2) fails\n");
    assertThat(report.rows()).extracting(SeedDemo.Row::variant)
        .containsExactly(DirectAccessVariant.values());
  }

  @Test
  void theBytesEachPathReturned() {
    byte[] want = pattern(SeedDemo.FILE_SEED, report.spanOffset(), SeedDemo.SPAN);
    List<SeedDemo.Row> rows = report.rows();
    for (SeedDemo.Row r : rows) {
      assertThat(r.mmap().bytes()).as("mmap under %s", r.variant()).isEqualTo(want);
    }
    assertThat(rows.get(0).read().bytes()).isEqualTo(want);
    // seed-phys and fsdev-full-span: nothing copied, EFAULT
    for (int i : new int[] {1, 3}) {
      assertThat(rows.get(i).read().errno()).isEqualTo(Errno.EFAULT);
      assertThat(rows.get(i).read().done()).isZero();
    }
    // rfc-virt-offset: range 0's half is right, the other half is dax0.2's first 32 KiB
    byte[] rfc = rows.get(2).read().bytes();
    assertThat(Arrays.copyOf(rfc, 32768)).isEqualTo(Arrays.copyOf(want, 32768));
    assertThat(Arrays.copyOfRange(rfc, 32768, 65536))
        .isEqualTo(pattern(SeedDemo.NEIGHBOUR_SEED, 0, 32768));
  }

  @Test
  void theExplanationsNameTheAddresses() {
    String t = report.text();
    // file offset 0x5f8000 = device 0xff8000 = phys 0x100000000 + 0xff8000
    assertThat(t).contains("seed-phys: returns the PHYSICAL address 0x100ff8000 as kaddr")
        .contains("The pfn (0x100ff8) is right, so mmap works.")
        // __va(0x100000000) + 16M: the direct map of dax0.2's first byte
        .contains("kaddr 0xffff888101000000 is the direct map of phys 0x101000000")
        .contains("dax0.2's bytes (its seed-7 pattern) after the boundary")
        .contains("runs past range 0's end at phys 0x100ffffff")
        .contains("dax_iomap_fault -> dax_direct_access -> vmf_insert_pfn");
  }

  @Test
  void theVariantIsSwitchedThroughTheScenarioLanguageAndFsdevRebinds() {
    String t = report.text();
    for (DirectAccessVariant v : DirectAccessVariant.values()) {
      assertThat(t).contains("$ variant set dev-dax-direct-access " + v.id() + "\n"
          + "$ daxctl reconfigure-device -m famfs dax0.1\nreconfigured 1 device\n"
          + "$ famfs mount /dev/dax0.1 /mnt\n");
    }
    assertThat(report.world().variant()).isEqualTo(DirectAccessVariant.FSDEV_FULL_SPAN);
  }
}
