package org.daxsim.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.sim.SeedDemoTest.pattern;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.junit.jupiter.api.Test;

/** The other demos' output, and {@code daxsim demo} names, listing and errors. */
class DemosTest {
  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @Test
  void allocatorShowsASecondAndAThirdRangeAndTheShrink() throws Exception {
    String t = Demos.run("allocator");
    // bus.c dev_dax_resize on a 1G region at 0x100000000 (4294967296): see docs/bus.md
    assertThat(t).contains("$ daxctl reconfigure-device -s 512M dax0.1\nreconfigured 1 device\n")
        .contains("""
            "page_offset":65536,
                    "start":4831838208,
                    "end":5100273663,
                    "size":268435456""")
        .contains("      {\n        \"page_offset\":131072,\n        \"start\":4563402752,\n"
            + "        \"end\":4697620479,\n        \"size\":134217728\n      },\n");
    String last = t.substring(t.lastIndexOf("$ daxctl list -D -M -d dax0.1"));
    assertThat(last).startsWith("""
        $ daxctl list -D -M -d dax0.1
        [
          {
            "chardev":"dax0.1",
            "size":402653184,
            "target_node":0,
            "align":2097152,
            "mode":"devdax",
            "state":"disabled",
            "mappings":[
              {
                "page_offset":65536,
                "start":4831838208,
                "end":4966055935,
                "size":134217728
              },
              {
                "page_offset":0,
                "start":4294967296,
                "end":4563402751,
                "size":268435456
              }
            ]
          }
        ]
        """);
  }

  @Test
  void twoHostsReadTheSameBytes() throws Exception {
    String t = Demos.run("two-hosts");
    String sha = sha256(pattern(7, 0, 4 << 20));
    assertThat(t).contains("node0 maps pool0 at phys 0x100000000, node1 at phys 0x300000000.\n")
        .contains("$ io read /mnt/f1\nread 4194304 bytes sha256 " + sha + "\n"
            + "$ @node1 io read /mnt/f1\nread 4194304 bytes sha256 " + sha + "\n"
            + "Same sha256 on both hosts")
        .contains("$ @node1 famfs verify -S 7 -f /mnt/f1\n"
            + "Success: verified 4194304 bytes in file /mnt/f1\n")
        .contains("$ @node1 famfs creat -s 2m /mnt/g\nEPERM: /mnt: not running on the famfs"
            + " master node\n")
        .endsWith("$ @node1 famfs logplay /mnt\n"
            + "famfs_logplay: processed 2 files, created 1, 1 existed\n"
            + "famfs_logplay: processed 0 directories, created 0, 0 existed\n");
  }

  @Test
  void poisonShortReadEfaultSigbusShutdownAndPmemRecovery() throws Exception {
    String t = Demos.run("poison");
    // the file's extent starts at device byte 10M of dax0.0 at 0x100000000; bad page at +1M
    assertThat(t).contains("host.phys().memoryFailure(0x100b00)")
        .contains("$ io read /mnt/f --offset 524288 --length 1048576\n"
            + "read 524288 bytes sha256 " + sha256(pattern(3, 512 << 10, 512 << 10)) + "\n"
            + "io: read: Bad address\n")
        .contains("$ io mmap-read /mnt/f\n"
            + "read 1048576 bytes sha256 " + sha256(pattern(3, 0, 1 << 20)) + "\n"
            + "io: SIGBUS (BUS_MCEERR_AR) at offset 1048576\n")
        .contains("device offset\n0xb00000 -> dax_holder_notify_failure -> famfs: 0.)")
        .contains("$ io read /mnt/f --length 4096\nio: read: No such device\n")
        .contains("  injectPoison(pgoff 1): bad pages 1\n"
            + "  dax_direct_access(pgoff 0, 4 pages, DAX_ACCESS)  = -EHWPOISON\n"
            + "  dax_direct_access(pgoff 1, 1 page,  DAX_ACCESS)  = -EHWPOISON"
            + "  -> read(2) EIO (dax_mem2blk_err)\n"
            + "  dax_direct_access(pgoff 1, 1 page,  DAX_RECOVERY_WRITE) = 1 page\n"
            + "  dax_recovery_write(pgoff 1, 4096 bytes) = 4096: the page is rewritten and its"
            + " poison cleared\n"
            + "  after: bad pages 0, dax_direct_access(pgoff 1, DAX_ACCESS) = 1 page\n");
  }

  @Test
  void anUnknownDemoIsENOENT() {
    try {
      Demos.run("nosuch");
      throw new AssertionError("no exception");
    } catch (ErrnoException e) {
      assertThat(e.errno()).isEqualTo(Errno.ENOENT);
    }
    assertThat(Demos.list().keySet()).containsExactly("seed", "allocator", "two-hosts",
        "poison");
  }

  @Test
  void theCommand() {
    MainTest.Run list = MainTest.daxsim("", "demo", "--list");
    assertThat(list.exit()).isZero();
    assertThat(list.out()).startsWith("  seed       read(2) vs mmap").contains("  poison     ");
    MainTest.Run bad = MainTest.daxsim("", "demo", "nosuch");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.out()).isEmpty();
    assertThat(bad.err()).startsWith("daxsim: unknown demo 'nosuch'; the demos are:\n  seed ");
    MainTest.Run two = MainTest.daxsim("", "demo", "seed", "poison");
    assertThat(two.exit()).isEqualTo(2);
    assertThat(two.err()).contains("Unmatched argument");
    MainTest.Run alloc = MainTest.daxsim("", "demo", "allocator");
    assertThat(alloc.exit()).isZero();
    assertThat(alloc.out()).startsWith("How a dev_dax device gets several physical ranges");
  }
}
