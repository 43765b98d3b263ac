package org.daxsim.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.daxsim.core.Errno;
import org.junit.jupiter.api.Test;

/**
 * Bad input for every command of {@link Shell}'s language (issue 6, section 5): unknown
 * commands and subcommands, missing arguments, malformed sizes, unknown devices, hosts and
 * memdevs, and {@code @nosuchhost} lines. Each gets the real tool's message and exit status
 * (busybox 1.35 applets and ash, the oracle's io.c, daxsim's own {@code CMD: MESSAGE (STRERROR)}
 * for the world commands), and each leaves the world exactly as it was: a
 * {@link BadInputWorld#snapshot} before and after every line must be equal. All the lines of
 * one test run against one world, so an error that changed anything also breaks the next line.
 */
class BadInputTest extends BadInputCase {
  @Test
  void theSnapshotSeesChangesAndIsStable() throws Exception {
    assertThat(BadInputWorld.snapshot(sh)).isEqualTo(before);
    assertThat(before).contains("hosts=[node0, node1]", "\"chardev\":\"dax1.0\"", "dir", "keep",
        " d\n", "read 4194304 bytes sha256 ");
    sh.execute("touch /tmp/new");
    assertThat(BadInputWorld.snapshot(sh)).isNotEqualTo(before);
  }

  @Test
  void unknownCommandsAndHosts() throws Exception {
    check("frobnicate --now", 127, null, "", "sh: frobnicate: not found\n");
    check("Daxctl list", 127, null, "", "sh: Daxctl: not found\n");
    check("@nosuchhost echo hi", 1, "ENOENT", "", "daxsim: nosuchhost: no such host\n");
    check("@nosuchhost region add --size 1G", 1, "ENOENT", "",
        "daxsim: nosuchhost: no such host\n");
    check("@node2 daxctl create-device", 1, "ENOENT", "", "daxsim: node2: no such host\n");
    check("@nosuchhost mkfs.famfs -f /dev/dax0.0", 1, "ENOENT", "",
        "daxsim: nosuchhost: no such host\n");
  }

  @Test
  void memdevAndHost() throws Exception {
    world("memdev", Errno.EINVAL, "unknown subcommand ''");
    world("memdev frob", Errno.EINVAL, "'frob'");
    world("memdev add", Errno.EINVAL, "missing NAME");
    world("memdev add m1", Errno.EINVAL, "missing --size");
    world("memdev add m1 --size", Errno.EINVAL, "--size needs a value");
    world("memdev add m1 --size 1Q", Errno.EINVAL, "'1Q'");
    world("memdev add m1 --size 4GiB", Errno.EINVAL, "'4GiB'");
    world("memdev add m1 --size 0x", Errno.EINVAL, "'0x'");
    world("memdev add m1 --size 0", Errno.EINVAL, "0");
    world("memdev add m1 --size 1G --bogus", Errno.EINVAL, "'--bogus'");
    world("memdev add m1 m2 --size 1G", Errno.EINVAL, "too many arguments");
    world("memdev add pool0 --size 1G", Errno.EEXIST, "pool0");
    world("host", Errno.EINVAL, "unknown subcommand ''");
    world("host frob", Errno.EINVAL, "'frob'");
    world("host add", Errno.EINVAL, "missing NAME");
    world("host add node1", Errno.EEXIST, "node1");
    world("host add node2 --uuid", Errno.EINVAL, "--uuid needs a value");
    world("host use", Errno.EINVAL, "missing argument");
    world("host use nosuch", Errno.ENOENT, "nosuch");
    world("host use node0 node1", Errno.EINVAL, "too many arguments");
  }

  @Test
  void regionKernelAndVariant() throws Exception {
    world("region", Errno.EINVAL, "unknown subcommand ''");
    world("region del", Errno.EINVAL, "'del'");
    world("region add", Errno.EINVAL, "--memdev NAME or --size SIZE");
    world("region add --memdev pool0 --size 1G", Errno.EINVAL, "--memdev NAME or --size SIZE");
    world("region add --size 1X", Errno.EINVAL, "'1X'");
    world("region add --size", Errno.EINVAL, "--size needs a value");
    world("region add --memdev nosuch", Errno.ENOENT, "nosuch");
    world("region add --size 1G --kind bogus", Errno.EINVAL, "'bogus'");
    world("region add --size 1G --base 0xZZ", Errno.EINVAL, "'0xZZ'");
    world("region add --size 1G --target-node 5000", Errno.EINVAL, "5000");
    world("region add --size 1G --target-node x", Errno.EINVAL, "'x'");
    world("region add --size 1G extra", Errno.EINVAL, "'extra'");
    world("region add --size 1G --bogus", Errno.EINVAL, "'--bogus'");
    world("kernel", Errno.EINVAL, "unknown subcommand ''");
    world("kernel profile bogus", Errno.EINVAL, "'bogus'");
    world("kernel profile a b", Errno.EINVAL, "too many arguments");
    world("kernel profile linux-6.1", Errno.EBUSY, "before the first region");
    world("variant", Errno.EINVAL, "unknown subcommand ''");
    world("variant set", Errno.EINVAL, "usage: variant set dev-dax-direct-access");
    world("variant set foo per-range", Errno.EINVAL, "usage: variant set dev-dax-direct-access");
    world("variant set dev-dax-direct-access bogus", Errno.EINVAL, "'bogus'");
    world("variant show extra", Errno.EINVAL, "too many arguments");
  }

  @Test
  void traceAndMap() throws Exception {
    world("trace", Errno.EINVAL, "missing subcommand");
    world("trace bogus", Errno.EINVAL, "'bogus'");
    world("trace on nosuchevent", Errno.EINVAL, "'nosuchevent'");
    world("trace on dax_direct_access nosuchevent", Errno.EINVAL, "'nosuchevent'");
    world("trace off extra", Errno.EINVAL, "too many arguments");
    // none of the failed 'trace on' lines turned tracing on: a read prints only its result
    assertThat(sh.execute("io read /mnt/f1 --length 4096").stdout())
        .matches("read 4096 bytes sha256 [0-9a-f]{64}\n");
    world("map extra", Errno.EINVAL, "'extra'");
    world("map --svg", Errno.EINVAL, "'--svg'");
    world("map --svg /nope/x.svg", Errno.ENOENT, "/nope/x.svg");
  }
}
