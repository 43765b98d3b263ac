package org.daxsim.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** CLI.md's io command against io.c's output lines, with sha256s computed here independently. */
class IoCommandTest {
  static final String USAGE =
      "usage: io write|read|mmap-write|mmap-read FILE [--seed S] [--offset N] [--length N]\n";

  static String sha(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  static String readLine(long seed, long off, int len) throws Exception {
    return "read " + len + " bytes sha256 " + sha(SeedPatternTest.expected(seed, off, len)) + "\n";
  }

  static Shell famfs(String... extra) throws Exception {
    Shell sh = DaxSim.newShell(DaxSim.newWorld("seed=5"));
    for (String l : new String[] {"region add --size 4G",
        "daxctl reconfigure-device -m famfs dax0.0", "mkfs.famfs /dev/dax0.0",
        "famfs mount /dev/dax0.0 /mnt", "famfs creat -s 4m /mnt/f1"}) {
      assertThat(sh.execute(l).exit()).as(l).isZero();
    }
    return sh;
  }

  @Test
  void writeThenReadAndMmapReadAgreeWithThePattern() throws Exception {
    Shell sh = famfs();
    assertThat(sh.execute("io write /mnt/f1 --seed 7"))
        .isEqualTo(Result.ok("wrote 4194304 bytes\n"));
    String whole = readLine(7, 0, 4 << 20);
    assertThat(sh.execute("io read /mnt/f1")).isEqualTo(Result.ok(whole));
    assertThat(sh.execute("io mmap-read /mnt/f1")).isEqualTo(Result.ok(whole));
    assertThat(sh.execute("io read /mnt/f1 --offset 1 --length 10"))
        .isEqualTo(Result.ok(readLine(7, 1, 10)));
    assertThat(sh.execute("io mmap-read /mnt/f1 --offset 0x1000 --length 0x3000"))
        .isEqualTo(Result.ok(readLine(7, 0x1000, 0x3000)));
    // --length past EOF: the short read ends the loop
    assertThat(sh.execute("io read /mnt/f1 --offset 0x300000 --length 0x200000"))
        .isEqualTo(Result.ok(readLine(7, 0x300000, 0x100000)));
    assertThat(sh.execute("io read /mnt/f1 --offset 0x400000"))
        .isEqualTo(Result.ok("read 0 bytes sha256 " + sha(new byte[0]) + "\n"));
  }

  @Test
  void mmapWriteStoresThePatternAtFileOffsets() throws Exception {
    Shell sh = famfs();
    assertThat(sh.execute("io mmap-write /mnt/f1 --seed 3 --offset 0x200000 --length 0x1000"))
        .isEqualTo(Result.ok("wrote 4096 bytes\n"));
    assertThat(sh.execute("io read /mnt/f1 --offset 0x200000 --length 4096"))
        .isEqualTo(Result.ok(readLine(3, 0x200000, 4096)));
    // the bytes before it are untouched zeros
    assertThat(sh.execute("io read /mnt/f1 --length 4096"))
        .isEqualTo(Result.ok("read 4096 bytes sha256 " + sha(new byte[4096]) + "\n"));
  }

  @Test
  void aRogueTruncateMakesFamfsIoFailEnxioThenEio() throws Exception {
    Shell sh = famfs();
    assertThat(sh.execute("truncate -s 1M /mnt/f1")).isEqualTo(Result.ok(""));
    assertThat(sh.execute("io read /mnt/f1"))
        .isEqualTo(new Result(1, "ENXIO", "", "io: read: No such device or address\n"));
    assertThat(sh.execute("io read /mnt/f1"))
        .isEqualTo(new Result(1, "EIO", "", "io: read: Input/output error\n"));
    assertThat(sh.execute("io mmap-read /mnt/f1"))
        .isEqualTo(new Result(1, "EIO", "", "io: mmap: Input/output error\n"));
  }

  @Test
  void accessesPastEofInAMappingRaiseSigbusAtTheFileOffset() throws Exception {
    Shell sh = famfs();
    assertThat(sh.execute("io mmap-read /mnt/f1 --length 0x600000")).isEqualTo(
        new Result(1, null, "", "io: SIGBUS (BUS_ADRERR) at offset 4194304\n"));
    assertThat(sh.execute("io mmap-write /mnt/f1 --seed 1 --length 0x600000")).isEqualTo(
        new Result(1, null, "", "io: SIGBUS (BUS_ADRERR) at offset 4194304\n"));
  }

  @Test
  void faultsOfATwoMegabyteAlignedFileArePmdFaults() throws Exception {
    Shell sh = famfs();
    assertThat(sh.execute("io faults /mnt/f1")).isEqualTo(new Result(1, null, "",
        "io: faults: /mnt/f1: no mapping recorded on this host\n"));
    sh.execute("io mmap-read /mnt/f1");
    // two 2 MiB leaves; the first fault tried a 1 GiB leaf first, which cannot fit (fallback)
    assertThat(sh.execute("io faults /mnt/f1"))
        .isEqualTo(Result.ok("pte 0\npmd 2\npud 0\nfallback 1\n"));
    // a 8 KiB mapping inside the file: the PUD and PMD attempts fall back, then 2 PTE faults
    sh.execute("io mmap-write /mnt/f1 --seed 1 --offset 4096 --length 8192");
    assertThat(sh.execute("io faults /mnt/f1"))
        .isEqualTo(Result.ok("pte 2\npmd 0\npud 0\nfallback 2\n"));
    // the counts belong to the host that mapped
    sh.execute("host add node1");
    assertThat(sh.execute("@node1 io faults /mnt/f1").exit()).isEqualTo(1);
    assertThat(sh.execute("io faults /mnt/f1 extra")).isEqualTo(new Result(2, null, "", USAGE));
  }

  @Test
  void deviceDaxMapsOnlyAlignedRangesAndRefusesReadAndWrite() throws Exception {
    Shell sh = DaxSim.newShell(DaxSim.newWorld("seed=5"));
    sh.execute("region add --size 4G");
    assertThat(sh.execute("io mmap-write /dev/dax0.0 --seed 3 --length 0x400000"))
        .isEqualTo(Result.ok("wrote 4194304 bytes\n"));
    assertThat(sh.execute("io mmap-read /dev/dax0.0 --offset 0x200000 --length 0x200000"))
        .isEqualTo(Result.ok(readLine(3, 0x200000, 0x200000)));
    assertThat(sh.execute("io faults /dev/dax0.0"))
        .isEqualTo(Result.ok("pte 0\npmd 1\npud 0\nfallback 1\n"));
    Result einvalMap = new Result(1, "EINVAL", "", "io: mmap: Invalid argument\n");
    assertThat(sh.execute("io mmap-read /dev/dax0.0 --offset 4096 --length 0x200000"))
        .isEqualTo(einvalMap);
    assertThat(sh.execute("io mmap-read /dev/dax0.0 --length 4096")).isEqualTo(einvalMap);
    // a character device has st_size 0: without --length there is nothing to map or read
    assertThat(sh.execute("io mmap-read /dev/dax0.0")).isEqualTo(einvalMap);
    assertThat(sh.execute("io read /dev/dax0.0"))
        .isEqualTo(Result.ok("read 0 bytes sha256 " + sha(new byte[0]) + "\n"));
    assertThat(sh.execute("io read /dev/dax0.0 --length 4096"))
        .isEqualTo(new Result(1, "EINVAL", "", "io: read: Invalid argument\n"));
    assertThat(sh.execute("io write /dev/dax0.0 --seed 1 --length 4096"))
        .isEqualTo(new Result(1, "EINVAL", "", "io: write: Invalid argument\n"));
  }

  @Test
  void aFailureAfterProgressPrintsTheBytesDoneFirst() throws Exception {
    Shell sh = DaxSim.newShell(DaxSim.newWorld("seed=5"));
    // dax0.1 = [0, 4G) + [8G, 10G) of the region; /mnt/b's extent crosses the boundary at
    // 2 MiB into the file, and fsdev-full-span fails a direct_access across it
    for (String l : new String[] {"variant set dev-dax-direct-access fsdev-full-span",
        "region add --size 12G --idle", "daxctl create-device -s 4G region0",
        "daxctl create-device -s 4G region0", "daxctl disable-device dax0.1",
        "daxctl destroy-device dax0.1", "daxctl create-device -s 6G region0",
        "daxctl reconfigure-device -m famfs dax0.1", "mkfs.famfs /dev/dax0.1",
        "famfs mount /dev/dax0.1 /mnt", "famfs creat -s 4084m /mnt/a",
        "famfs creat -s 8m /mnt/b", "io mmap-write /mnt/b --seed 9"}) {
      assertThat(sh.execute(l).exit()).as(l).isZero();
    }
    assertThat(sh.execute("io read /mnt/b --offset 0x80000")).isEqualTo(new Result(1,
        "EFAULT", readLine(9, 0x80000, 1 << 20), "io: read: Bad address\n"));
    assertThat(sh.execute("io write /mnt/b --seed 9 --offset 0x80000")).isEqualTo(
        new Result(1, "EFAULT", "wrote 1048576 bytes\n", "io: write: Bad address\n"));
    assertThat(sh.execute("io mmap-read /mnt/b")).isEqualTo(Result.ok(readLine(9, 0, 8 << 20)));
  }

  @Test
  void badUsageExitsTwoAndOpenErrorsNameTheCall() throws Exception {
    Shell sh = famfs();
    for (String bad : new String[] {"io", "io read", "io read /mnt/f1 --seed",
        "io frob /mnt/f1", "io write /mnt/f1", "io mmap-write /mnt/f1 --length 4096",
        "io read /mnt/f1 --offset 0x", "io read /mnt/f1 --length 2M",
        "io read /mnt/f1 --bogus 1"}) {
      assertThat(sh.execute(bad)).as(bad).isEqualTo(new Result(2, null, "", USAGE));
    }
    assertThat(sh.execute("io read /mnt/nope"))
        .isEqualTo(new Result(1, "ENOENT", "", "io: open: No such file or directory\n"));
    assertThat(sh.execute("io mmap-read /mnt/f1 --length 0"))
        .isEqualTo(new Result(1, "EINVAL", "", "io: mmap: Invalid argument\n"));
    assertThat(sh.execute("io read /mnt/f1 --offset 0x8000000000000000 --length 1"))
        .isEqualTo(new Result(1, "EINVAL", "", "io: read: Invalid argument\n"));
    // nothing was written by any of them
    assertThat(sh.execute("io read /mnt/f1 --length 4096"))
        .isEqualTo(Result.ok("read 4096 bytes sha256 " + sha(new byte[4096]) + "\n"));
  }
}
