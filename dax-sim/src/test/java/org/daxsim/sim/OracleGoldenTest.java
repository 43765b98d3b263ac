package org.daxsim.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.daxsim.bus.Kmem;
import org.daxsim.bus.KmemMemoryBlock;
import org.junit.jupiter.api.Test;

/**
 * Replays transcripts recorded on the real kernel (Linux 6.1.0-56-amd64, daxctl 76.1, the
 * oracle's default boot: one 4 GiB hmem region at 0x100000000; test resources under
 * {@code oracle/}, copied from dax-bus's OracleTranscripts) through the scenario language, on
 * the world {@code #!oracle} builds, and requires the same stdout, stderr and exit status for
 * every line the language supports (daxctl, cat, echo, printf; shell loops, sed and grep are
 * not part of it yet and are skipped). The oracle's sample scenarios (basic, kmem, static-pmem)
 * and scenarios with a {@code .txt} file are replayed on both kernels by {@link
 * OracleTranscriptTest}, which also uses {@link #parse}.
 */
class OracleGoldenTest {
  record Step(String cmd, String stdout, String stderr, int rc) {}

  static List<Step> parse(String transcript) {
    List<Step> steps = new ArrayList<>();
    String cmd = null;
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    StringBuilder cur = null;
    for (String line : transcript.split("\n", -1)) {
      if (line.matches("### CMD \\d+: .*")) {
        cmd = line.substring(line.indexOf(": ") + 2);
        out.setLength(0);
        err.setLength(0);
        cur = null;
      } else if (cmd == null) {
        continue;
      } else if (line.equals("--- stdout")) {
        cur = out;
      } else if (line.equals("--- stderr")) {
        cur = err;
      } else if (line.equals("--- dmesg")) {
        cur = null;
      } else if (line.startsWith("--- rc=")) {
        steps.add(new Step(cmd, out.toString(), err.toString(),
            Integer.parseInt(line.substring(7))));
        cmd = null;
      } else if (cur != null) {
        cur.append(line).append('\n');
      }
    }
    return steps;
  }

  static String resource(String name) throws IOException {
    try (InputStream in = OracleGoldenTest.class.getResourceAsStream("/oracle/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Replays the supported lines of {@code name}; returns how many were compared. */
  static int replay(String name, String header) throws Exception {
    Shell sh = DaxSim.newShell(DaxSim.newWorld());
    sh.run(header);
    int compared = 0;
    boolean busy39 = false;
    for (Step want : parse(resource(name))) {
      String c = want.cmd();
      if (c.startsWith("sed '1d;$d' ")) {
        // not in the language: the test does what sed did (drop the first and last line)
        String[] w = c.split(" ");
        String[] lines = sh.world().currentHost().readFile(w[2]).split("\n", -1);
        sh.world().currentHost().writeFile(w[4],
            String.join("\n", List.of(lines).subList(1, lines.length - 2)) + "\n");
        continue;
      }
      if (!c.matches("(daxctl|cat|echo|printf)( .*)?") || c.contains("|") || c.contains("$")) {
        continue;
      }
      Result got = sh.execute(c);
      if (!busy39) {
        busy39 = occupyIfNormal(sh.world().currentHost(), 39);
      }
      String what = name + ": `" + c + "`";
      assertThat(got.stdout()).as(what + " stdout").isEqualTo(want.stdout());
      assertThat(got.stderr()).as(what + " stderr").isEqualTo(want.stderr());
      assertThat(got.exit()).as(what + " exit status").isEqualTo(want.rc());
      compared++;
    }
    return compared;
  }

  /**
   * Observed on the oracle: once dax0.2's blocks 36-39 are online in ZONE_NORMAL the kernel
   * allocates from block 39, which then refuses to go offline (EBUSY). The world's page
   * allocator does that here: pages are allocated until one lies in the block, which is kept.
   */
  static boolean occupyIfNormal(Host h, long id) throws Exception {
    if (!(h.bus().driver("kmem") instanceof Kmem kmem)) {
      return false;
    }
    KmemMemoryBlock b = kmem.memoryBlock(id);
    if (b == null || !b.online() || !"Normal".equals(b.zone())) {
      return false;
    }
    long first = b.start() >>> 12;
    long last = b.end() >>> 12;
    List<Long> taken = new ArrayList<>();
    try {
      while (true) {
        long pfn = h.kas().allocPage();
        if (pfn >= first && pfn <= last) {
          return true;
        }
        taken.add(pfn);
      }
    } finally {
      for (long pfn : taken) {
        h.kas().freePage(pfn);
      }
    }
  }

  @Test
  void inputMemoryAndOptionScenario() throws Exception {
    assertThat(replay("more.transcript", "#!oracle")).isEqualTo(61);
  }

  @Test
  void optionAndErrorScenario() throws Exception {
    assertThat(replay("extra.transcript", "#!oracle")).isEqualTo(46);
  }
}
