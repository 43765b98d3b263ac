package org.daxsim.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * busybox cat reads into its own memory: on a famfs file under the seed-phys variant the kernel
 * copy faults on the physical "kaddr" and cat reports a read error (EFAULT), as a real process
 * would, instead of the simulator taking a kernel-buffer SMAP oops.
 */
class CatUserBufferTest {
  @Test
  void catOfAFamfsFileUnderSeedPhysIsAReadErrorNotACrash() throws Exception {
    Shell sh = DaxSim.newShell(DaxSim.newWorld());
    for (String line : new String[] {"region add --size 8G --idle",
        "daxctl create-device -r 0 -s 4G", "variant set dev-dax-direct-access seed-phys",
        "daxctl reconfigure-device -m famfs dax0.1", "mkfs.famfs /dev/dax0.1",
        "famfs mount /dev/dax0.1 /mnt", "famfs creat -s 4096 -r -S 3 /mnt/f"}) {
      assertThat(sh.execute(line).exit()).as(line).isZero();
    }
    Result r = sh.execute("cat /mnt/f");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).isEqualTo("cat: read error: Bad address\n");
    assertThat(sh.execute("cat /mnt/nope").stderr())
        .isEqualTo("cat: can't open '/mnt/nope': No such file or directory\n");
  }
}
