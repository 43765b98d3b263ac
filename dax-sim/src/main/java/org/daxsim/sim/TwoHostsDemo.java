package org.daxsim.sim;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/**
 * {@code daxsim demo two-hosts}: famfs's master/client split (famfs mkfs/creat on the master,
 * mount + logplay on the client) over one memory pool attached to two hosts at different
 * host physical addresses; the client reads the same bytes.
 */
final class TwoHostsDemo {
  static final String CLIENT_UUID = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

  private TwoHostsDemo() {}

  /** Runs the demo on a fresh world; the text it prints. */
  static String run() throws ErrnoException {
    DemoScript s = DemoScript.fresh(0);
    s.say("famfs shares files between hosts through memory they all map: the host that runs"
        + " mkfs is\nthe master (only it may create files); the others mount the same device"
        + " and replay the\nlog the master appends to.");
    s.heading("1. One 8 GiB pool, two hosts, the pool at a different physical address on each");
    s.quiet("memdev add pool0 --size 8G");
    s.quiet("host add node1 --uuid " + CLIENT_UUID);
    s.quiet("region add --memdev pool0");
    s.quiet("@node1 region add --memdev pool0 --base 0x300000000");
    Host h0 = s.world().host("node0");
    Host h1 = s.world().host("node1");
    s.say(String.format("node0 maps pool0 at phys %#x, node1 at phys %#x.",
        h0.regions().get(0).start(), h1.regions().get(0).start()));

    s.heading("2. The master: mkfs, mount, a file of seeded random bytes");
    s.quiet("daxctl reconfigure-device -m famfs dax0.0");
    s.sh("mkfs.famfs /dev/dax0.0");
    s.quiet("famfs mount /dev/dax0.0 /mnt");
    s.sh("famfs creat -s 4m -r -S 7 /mnt/f1");

    s.heading("3. The client: mount, replay the log, read the file");
    s.quiet("@node1 daxctl reconfigure-device -m famfs dax0.0");
    s.sh("@node1 famfs mount /dev/dax0.0 /mnt");
    s.sh("@node1 famfs logplay /mnt");
    s.sh("@node1 ls /mnt");
    s.sh("@node1 famfs verify -S 7 -f /mnt/f1");
    DemoIo.Outcome r0 = DemoIo.read(h0, "/mnt/f1", 0, 4 << 20);
    DemoIo.Outcome r1 = DemoIo.read(h1, "/mnt/f1", 0, 4 << 20);
    s.say("$ io read /mnt/f1");
    s.say(r0.ioText(true).strip());
    s.say("$ @node1 io read /mnt/f1");
    s.say(r1.ioText(true).strip());
    if (!r0.complete(4 << 20) || !r1.complete(4 << 20)) {
      throw ErrnoException.of(Errno.EIO, "reading /mnt/f1 failed");
    }
    s.say(DemoIo.sha256(r0.bytes()).equals(DemoIo.sha256(r1.bytes()))
        ? "Same sha256 on both hosts: one copy of the bytes, two physical windows onto it."
        : "The hosts read DIFFERENT bytes.");

    s.heading("4. Only the master creates files");
    s.attempt("@node1 famfs creat -s 2m /mnt/g");
    s.sh("famfs creat -s 2m /mnt/g");
    s.say("famfs creat refuses on a client: the superblock names the master's system UUID,"
        + " not\nnode1's. The master's new file reaches node1 at its next logplay.");
    s.sh("@node1 famfs logplay /mnt");
    return s.text();
  }
}
