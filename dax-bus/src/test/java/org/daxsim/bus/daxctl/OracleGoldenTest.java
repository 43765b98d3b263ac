package org.daxsim.bus.daxctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replays the recorded oracle transcripts (real daxctl 76.1 on Linux 6.1) against Daxctl over
 * the fake sysfs and requires the same stdout, stderr and exit status, byte for byte.
 */
class OracleGoldenTest {
  private static int replayAll(String transcript) {
    Harness h = new Harness();
    // observed: after onlining dax0.2 (blocks 36-39) to ZONE_NORMAL the kernel used block 39
    h.sys.busyIfNormal.add(39L);
    // linux 6.1 has no fsdev driver: daxctl then behaves exactly as 76.1 for -m famfs
    h.sys.drivers.remove("fsdev");
    int compared = 0;
    for (Harness.Step want : Harness.parse(transcript)) {
      Harness.Step got = h.replay(want);
      if (got == null) {
        continue;
      }
      String what = "command `" + want.cmd() + "`";
      assertThat(got.stdout()).as(what + " stdout").isEqualTo(want.stdout());
      assertThat(got.stderr()).as(what + " stderr").isEqualTo(want.stderr());
      assertThat(got.rc()).as(what + " exit status").isEqualTo(want.rc());
      compared++;
    }
    return compared;
  }

  @Test
  void basicScenarioMatchesTheRealDaxctl() {
    assertThat(replayAll(OracleTranscripts.BASIC)).isEqualTo(21);
  }

  @Test
  void optionAndErrorScenarioMatchesTheRealDaxctl() {
    assertThat(replayAll(OracleTranscripts.EXTRA)).isEqualTo(46);
  }

  @Test
  void kmemScenarioMatchesTheRealDaxctl() {
    assertThat(replayAll(OracleTranscripts.KMEM)).isEqualTo(13);
  }

  @Test
  void inputMemoryAndOptionScenarioMatchesTheRealDaxctl() {
    assertThat(replayAll(OracleTranscripts.MORE)).isEqualTo(62);
  }

  @Test
  void transcriptParserSeesEveryCommand() {
    List<Harness.Step> steps = Harness.parse(OracleTranscripts.BASIC);
    assertThat(steps).hasSize(23);
    assertThat(steps.get(0).stdout()).isEqualTo("76.1\n");
  }
}
