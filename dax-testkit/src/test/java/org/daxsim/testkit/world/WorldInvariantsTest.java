package org.daxsim.testkit.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import org.daxsim.bus.DevDax;
import org.daxsim.core.mem.MemoryDevice;
import org.daxsim.core.mem.Resource;
import org.daxsim.sim.Host;
import org.daxsim.sim.Shell;
import org.daxsim.sim.World;
import org.junit.jupiter.api.Test;

class WorldInvariantsTest {
  private static final long LOG = 0x200000L; // log header offset on the device (pool0 = dax0.0)

  private static List<String> ids(World w) {
    return WorldInvariants.violations(w).stream().map(Violation::id).distinct().toList();
  }

  @Test
  void freshAndBusyBusWorldsHoldEveryInvariant() throws Exception {
    Shell sh = Worlds.run(List.of(
        "region add --size 8G --idle > /tmp/r.json",
        "daxctl create-device -s 16M > /tmp/d.json",
        "daxctl create-device -s 16M > /tmp/d.json",
        "daxctl disable-device dax0.1",
        "daxctl reconfigure-device -s 64M dax0.1 > /tmp/d.json",
        "region add --size 4G --kind pmem > /tmp/r.json",
        "region add --size 4G --kind cxl > /tmp/r.json"));
    assertThat(sh.world().host("node0").bus().device("dax0.1").nrRange()).isEqualTo(2);
    assertThat(WorldInvariants.violations(sh.world())).isEmpty();
    assertThatCode(() -> WorldInvariants.check(sh.world())).doesNotThrowAnyException();
  }

  @Test
  void twoHostFamfsWorldHoldsEveryInvariant() throws Exception {
    List<String> lines = new ArrayList<>(Worlds.TWO_HOSTS);
    lines.addAll(List.of("famfs mkdir -p /mnt/a/b", "famfs creat -s 3000000 -r -S 7 /mnt/f1",
        "famfs creat -s 4m /mnt/a/b/f2", "famfs creat -s 5m -N 2 -B 4 -C 2m /mnt/a/i1",
        "@node1 famfs logplay /mnt", "touch /mnt/rogue"));
    Shell sh = Worlds.run(lines);
    assertThat(WorldInvariants.violations(sh.world())).isEmpty();
  }

  @Test
  void aStrayResourceBreaksAvailableSizeAndTheChildren() throws Exception {
    Shell sh = Worlds.run(List.of("region add --size 8G --idle > /tmp/r.json",
        "daxctl create-device -s 1G > /tmp/d.json"));
    Resource region = sh.world().host("node0").regions().get(0).resource();
    Resource.requestRegion(region, region.end() - (2L << 20) + 1, 2L << 20, "stray");
    assertThat(ids(sh.world())).contains("kernel-dax#5", "kernel-dax#4");
  }

  @Test
  void aBoundDeviceThatIsDeadBreaksInvariant10() throws Exception {
    Shell sh = Worlds.run(List.of("region add --size 4G > /tmp/r.json"));
    Host h = sh.world().host("node0");
    DevDax d = h.bus().device("dax0.0");
    h.daxCore().killDax(d.daxDevice());
    InvariantViolations e = catchThrowableOfType(InvariantViolations.class,
        () -> WorldInvariants.check(sh.world()));
    assertThat(e.violations()).extracting(Violation::id).containsExactly("kernel-dax#10");
    assertThat(e.getMessage()).contains("[kernel-dax#10 ", "node0/dax0.0",
        "bound to device_dax/fsdev");
  }

  @Test
  void corruptSuperblockAndLogEntryAreFoundOnEveryHostAtOnce() throws Exception {
    List<String> lines = new ArrayList<>(Worlds.TWO_HOSTS);
    lines.add("famfs creat -s 4m /mnt/f1");
    Shell sh = Worlds.run(lines);
    MemoryDevice pool = sh.world().memdev("pool0");
    long entry0 = LOG + 48;
    pool.write(entry0 + 20, new byte[] {0x7f}, 0, 1); // inside the FILE payload: CRC now wrong
    // the bad entry on both hosts' view of the log; and the master's mounted f1 has lost its
    // log entry (the client never replayed it)
    List<Violation> v = WorldInvariants.violations(sh.world());
    assertThat(v).extracting(Violation::id)
        .containsExactly("famfs#5", "famfs#23", "famfs#5");
    assertThat(v.get(1).object()).isEqualTo("node0:/mnt/f1");
    pool.write(40, new byte[] {9}, 0, 1); // omf major: covered by the superblock CRC
    InvariantViolations e = catchThrowableOfType(InvariantViolations.class,
        () -> WorldInvariants.check(sh.world()));
    assertThat(e.violations()).extracting(Violation::object)
        .contains("node0:/mnt", "node1:/mnt");
    assertThat(e.violations()).extracting(Violation::id).containsOnly("famfs#2");
  }

  @Test
  void rogueTruncateBreaksTheSizeInvariant() throws Exception {
    List<String> lines = new ArrayList<>(Worlds.TWO_HOSTS);
    lines.addAll(List.of("famfs creat -s 4m /mnt/f1", "truncate -s 5 /mnt/f1"));
    Shell sh = Worlds.run(lines);
    List<Violation> v = WorldInvariants.violations(sh.world());
    assertThat(v).extracting(Violation::id).containsExactly("famfs#19");
    assertThat(v.get(0).object()).isEqualTo("node0:/mnt/f1");
  }

  @Test
  void cloneCollidesInTheBitmapAndCanBeIgnored() throws Exception {
    List<String> lines = new ArrayList<>(Worlds.TWO_HOSTS);
    lines.addAll(List.of("famfs creat -s 4m /mnt/f1", "famfs clone /mnt/f1 /mnt/f2"));
    Shell sh = Worlds.run(lines);
    List<Violation> v = WorldInvariants.violations(sh.world());
    // two shared 2 MiB units, seen by both hosts
    assertThat(v).extracting(Violation::id).containsOnly("famfs#11");
    assertThat(v).hasSize(4);
    assertThatCode(() -> WorldInvariants.check(sh.world(), "famfs#11"))
        .doesNotThrowAnyException();
  }

  @Test
  void aClientMissingWriteProtectionIsFound() throws Exception {
    List<String> lines = new ArrayList<>(Worlds.TWO_HOSTS);
    lines.addAll(List.of("famfs creat -s 4m /mnt/f1", "@node1 famfs logplay /mnt"));
    Shell sh = Worlds.run(lines);
    sh.world().host("node1").root().chmod("/mnt/f1", 0644);
    assertThat(ids(sh.world())).containsExactly("famfs#25");
  }
}
