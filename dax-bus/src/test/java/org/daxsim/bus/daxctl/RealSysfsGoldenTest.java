package org.daxsim.bus.daxctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.daxsim.bus.KmemMemoryBlock;
import org.daxsim.core.ErrnoException;
import org.junit.jupiter.api.Test;

/**
 * End to end: the oracle transcripts (real daxctl 76.1 on Linux 6.1, default boot) replayed
 * through {@link Daxctl} over the real {@link org.daxsim.bus.sysfs.Sysfs} of a real bus world
 * ({@link RealWorld}), with the transcripts' raw sysfs reads and writes; stdout, stderr and exit
 * status must match command by command. Device order in a JSON listing may differ (kernfs
 * readdir order against the simulated tree's sorted order): then the JSON must be equal with
 * arrays compared as multisets of values (so far no command needed that). The world has no
 * procfs: /proc/meminfo lines are not replayed, and of /proc/iomem the hmem.0 subtree is
 * compared with the bus's iomem resource tree.
 */
class RealSysfsGoldenTest {
  /** Lines that are not daxctl or sysfs (procfs meminfo): the world has no /proc. */
  private static final Set<String> NOT_SYSFS = Set.of(
      "grep -E 'MemTotal|MemFree' /proc/meminfo");

  private static final String IOMEM = "cat /proc/iomem | grep -A6 hmem";

  /** The lines of the first top-level "hmem" resource and of everything nested below it. */
  static String hmemSubtree(String iomem) {
    StringBuilder sb = new StringBuilder();
    boolean in = false;
    for (String line : iomem.split("\n")) {
      if (!line.startsWith(" ")) {
        in = line.endsWith(" : hmem.0") && sb.length() == 0;
      }
      if (in) {
        sb.append(line).append('\n');
      }
    }
    return sb.toString();
  }

  /** Replays {@code transcript} in a fresh default world; the number of commands compared. */
  private static int replayAll(String transcript) throws ErrnoException {
    return replay(new RealWorld(), transcript);
  }

  /** Replays {@code transcript} in {@code w}; the number of commands compared. */
  static int replay(RealWorld w, String transcript) throws ErrnoException {
    boolean busy39 = false;
    int compared = 0;
    List<String> unreplayed = new ArrayList<>();
    for (Harness.Step want : Harness.parse(transcript)) {
      if (want.cmd().equals(IOMEM)) {
        // not sysfs, but the bus's iomem tree: compare the hmem.N subtree the grep shows
        assertThat(hmemSubtree(want.stdout())).contains(" : System RAM (kmem)\n");
        assertThat(hmemSubtree(w.iomem.dump())).as(IOMEM)
            .isEqualTo(hmemSubtree(want.stdout()));
        compared++;
        continue;
      }
      if (NOT_SYSFS.contains(want.cmd())) {
        continue;
      }
      Harness.Step got = w.replay(want);
      if (got == null) {
        unreplayed.add(want.cmd());
        continue;
      }
      // observed on the oracle (as OracleGoldenTest's busyIfNormal): once dax0.2's blocks
      // 36-39 are online in ZONE_NORMAL the kernel allocates from block 39, which then refuses
      // to go offline (EBUSY)
      KmemMemoryBlock b39 = w.kmem.memoryBlock(39);
      if (!busy39 && b39 != null && b39.online() && "Normal".equals(b39.zone())) {
        busy39 = w.occupy(39);
      }
      String what = "command `" + want.cmd() + "`";
      if (!got.stdout().equals(want.stdout())) {
        assertThat(canonical(got.stdout())).as(what + " stdout (JSON, any order):\n"
            + got.stdout()).isEqualTo(canonical(want.stdout()));
      }
      assertThat(got.stderr()).as(what + " stderr").isEqualTo(want.stderr());
      assertThat(got.rc()).as(what + " exit status").isEqualTo(want.rc());
      compared++;
    }
    assertThat(unreplayed).as("lines the replay does not know").isEmpty();
    return compared;
  }

  @Test
  void basicScenarioOverTheRealSysfs() throws ErrnoException {
    assertThat(replayAll(OracleTranscripts.BASIC)).isEqualTo(23);
  }

  @Test
  void optionAndErrorScenarioOverTheRealSysfs() throws ErrnoException {
    assertThat(replayAll(OracleTranscripts.EXTRA)).isEqualTo(46);
  }

  @Test
  void kmemScenarioOverTheRealSysfs() throws ErrnoException {
    // 18 lines, 3 of them /proc/meminfo (not replayed); /proc/iomem's hmem.0 subtree compared
    assertThat(replayAll(OracleTranscripts.KMEM)).isEqualTo(15);
  }

  @Test
  void inputMemoryAndOptionScenarioOverTheRealSysfs() throws ErrnoException {
    assertThat(replayAll(OracleTranscripts.MORE)).isEqualTo(62);
  }

  @Test
  void twoRegionScenarioOverTheRealSysfs() throws ErrnoException {
    // oracle -r 1G@0x100000000 -r 1G@0x180000000
    RealWorld w = new RealWorld(RealWorld.REGION0, RealWorld.GB, 0x180000000L, RealWorld.GB);
    assertThat(replay(w, TwoRegionTest.GOLD)).isEqualTo(3);
  }

  // ------------------------------------------------------------ order-insensitive JSON

  /** The JSON text with every array's elements sorted, or the text itself if not JSON. */
  static String canonical(String text) {
    String t = text.strip();
    if (!t.startsWith("[") && !t.startsWith("{")) {
      return text;
    }
    try {
      int[] pos = {0};
      String c = value(t, pos);
      skipWs(t, pos);
      return pos[0] == t.length() ? c : text;
    } catch (RuntimeException e) {
      return text;
    }
  }

  private static void skipWs(String s, int[] p) {
    while (p[0] < s.length() && Character.isWhitespace(s.charAt(p[0]))) {
      p[0]++;
    }
  }

  private static String value(String s, int[] p) {
    skipWs(s, p);
    char c = s.charAt(p[0]);
    if (c == '{') {
      p[0]++;
      LinkedHashMap<String, String> m = new LinkedHashMap<>();
      skipWs(s, p);
      if (s.charAt(p[0]) == '}') {
        p[0]++;
        return "{}";
      }
      while (true) {
        skipWs(s, p);
        String k = string(s, p);
        skipWs(s, p);
        expect(s, p, ':');
        m.put(k, value(s, p));
        skipWs(s, p);
        if (s.charAt(p[0]) == ',') {
          p[0]++;
          continue;
        }
        expect(s, p, '}');
        return m.toString();
      }
    }
    if (c == '[') {
      p[0]++;
      List<String> l = new ArrayList<>();
      skipWs(s, p);
      if (s.charAt(p[0]) == ']') {
        p[0]++;
        return "[]";
      }
      while (true) {
        l.add(value(s, p));
        skipWs(s, p);
        if (s.charAt(p[0]) == ',') {
          p[0]++;
          continue;
        }
        expect(s, p, ']');
        l.sort(null);
        return l.toString();
      }
    }
    if (c == '"') {
      return string(s, p);
    }
    int start = p[0];
    while (p[0] < s.length() && ",]} \n\t".indexOf(s.charAt(p[0])) < 0) {
      p[0]++;
    }
    if (start == p[0]) {
      throw new IllegalArgumentException("bad json");
    }
    return s.substring(start, p[0]);
  }

  private static String string(String s, int[] p) {
    expect(s, p, '"');
    int start = p[0] - 1;
    while (s.charAt(p[0]) != '"') {
      p[0] += s.charAt(p[0]) == '\\' ? 2 : 1;
    }
    p[0]++;
    return s.substring(start, p[0]);
  }

  private static void expect(String s, int[] p, char c) {
    if (s.charAt(p[0]) != c) {
      throw new IllegalArgumentException("expected " + c);
    }
    p[0]++;
  }

  @Test
  void canonicalJsonIgnoresArrayOrderOnly() {
    assertThat(canonical("[{\"a\":1},{\"a\":2}]")).isEqualTo(canonical("[ {\"a\":2}, {\"a\":1} ]"));
    assertThat(canonical("[{\"a\":1}]")).isNotEqualTo(canonical("[{\"a\":2}]"));
    assertThat(canonical("not json\n")).isEqualTo("not json\n");
  }
}
