package org.daxsim.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.daxsim.core.KernelProfile;
import org.junit.jupiter.api.Test;

/**
 * The {@code #!oracle} header builds the world the oracle boots. Expected outputs are what the
 * real kernel showed (Linux 6.1.0-56-amd64, daxctl 76.1, recorded with run-scenario.sh and
 * kept in dax-bus's TwoRegionTest) or what the oracle README says it does.
 */
class OracleHeaderTest {
  /** Real daxctl list -R -D -M output for {@code -r 1G@0x100000000 -r 1G@0x180000000}. */
  static final String TWO_REGIONS = """
      [
        {
          "path":"\\/platform\\/hmem.1",
          "id":1,
          "size":1073741824,
          "align":2097152,
          "devices":[
            {
              "chardev":"dax1.0",
              "size":1073741824,
              "target_node":0,
              "align":2097152,
              "mode":"devdax",
              "mappings":[
                {
                  "page_offset":0,
                  "start":6442450944,
                  "end":7516192767,
                  "size":1073741824
                }
              ]
            }
          ]
        },
        {
          "path":"\\/platform\\/hmem.0",
          "id":0,
          "size":1073741824,
          "align":2097152,
          "devices":[
            {
              "chardev":"dax0.0",
              "size":1073741824,
              "target_node":0,
              "align":2097152,
              "mode":"devdax",
              "mappings":[
                {
                  "page_offset":0,
                  "start":4294967296,
                  "end":5368709119,
                  "size":1073741824
                }
              ]
            }
          ]
        }
      ]
      """;

  static Shell shell() throws Exception {
    return DaxSim.newShell(DaxSim.newWorld());
  }

  @Test
  void twoRegionsMatchTheRealKernel() throws Exception {
    Shell sh = shell();
    assertThat(sh.run("#!oracle -r 1G@0x100000000 -r 1G@0x180000000")).isNull();
    assertThat(sh.execute("daxctl list -R -D -M")).isEqualTo(Result.ok(TWO_REGIONS));
    assertThat(sh.world().profile()).isEqualTo(KernelProfile.LINUX_6_1);
  }

  @Test
  void regionsAreNumberedInAddressOrderWhateverTheOptionOrder() throws Exception {
    Shell sh = shell();
    sh.run("#!oracle -d -r 1G@0x180000000 -m 8G -r 1G@0x100000000");
    assertThat(sh.execute("daxctl list -R -D -M")).isEqualTo(Result.ok(TWO_REGIONS));
  }

  @Test
  void theDefaultIsOne4GRegionAt4GWithDax0Dot0BoundOn61() throws Exception {
    Shell sh = shell();
    sh.run("#!oracle");
    assertThat(sh.execute("daxctl list")).isEqualTo(Result.ok("""
        [
          {
            "chardev":"dax0.0",
            "size":4294967296,
            "target_node":0,
            "align":2097152,
            "mode":"devdax"
          }
        ]
        """));
    assertThat(sh.execute("cat /sys/devices/platform/hmem.0/dax_region/size "
        + "/sys/devices/platform/hmem.0/dax_region/align "
        + "/sys/devices/platform/hmem.0/dax_region/available_size"))
        .isEqualTo(Result.ok("4294967296\n2097152\n0\n"));
    assertThat(sh.world().currentHost().regions().get(0).start()).isEqualTo(0x100000000L);
  }

  @Test
  void on612Dax0Dot0StaysUnboundAndSysfsBindIsEnodev() throws Exception {
    Shell sh = shell();
    sh.run("#!oracle -k 6.12");
    assertThat(sh.world().profile()).isEqualTo(KernelProfile.LINUX_6_12);
    assertThat(sh.execute("daxctl list").stdout()).contains("\"state\":\"disabled\"");
    assertThat(sh.execute("echo dax0.0 > /sys/bus/dax/drivers/device_dax/bind"))
        .isEqualTo(new Result(1, "ENODEV", "", "sh: write error: No such device\n"));
    Result en = sh.execute("daxctl enable-device dax0.0");
    assertThat(en.exit()).isZero();
    assertThat(en.stderr()).isEqualTo("enabled 1 device\n");
    assertThat(sh.execute("daxctl list").stdout()).doesNotContain("state");
  }

  @Test
  void withoutNumaTheTargetNodeIsNotShown() throws Exception {
    Shell sh = shell();
    sh.run("#!oracle -N -r 1G@0x100000000");
    assertThat(sh.execute("daxctl list").stdout()).doesNotContain("target_node");
  }

  @Test
  void theHeaderMustComeFirstAndBeWellFormed() throws Exception {
    Shell sh = shell();
    sh.execute("echo hi");
    assertThatThrownBy(() -> sh.run("#!oracle")).isInstanceOf(ScriptSyntaxException.class)
        .hasMessage("#!oracle must come before the first command");
    for (String bad : new String[] {"#!oracle -r", "#!oracle -r 1G", "#!oracle -r 1Q@0x0",
        "#!oracle -k 5.10", "#!oracle -z", "#!oracle -r 1G@0x100000000 -r 1G@0x100000000"}) {
      assertThatThrownBy(() -> shell().run(bad)).as(bad)
          .isInstanceOf(ScriptSyntaxException.class);
    }
  }
}
