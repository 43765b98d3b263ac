package org.daxsim.fs.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.daxsim.fs.dev.DevHost.MiB;
import static org.daxsim.fs.dev.DevHost.expect;

import org.daxsim.bus.DevDax;
import org.daxsim.bus.DeviceDax;
import org.daxsim.core.Errno;
import org.daxsim.core.dax.DaxCore;
import org.daxsim.fs.vfs.Cred;
import org.daxsim.fs.vfs.Fcntl;
import org.daxsim.fs.vfs.Process;
import org.daxsim.fs.vfs.Stat;
import org.daxsim.fs.vfs.Vfs;
import org.junit.jupiter.api.Test;

/** devtmpfs nodes of dax devices: appear at registration, vanish at delete, stat, perms. */
class DaxDevNodesTest {
  @Test
  void attachMakesNodesForExistingDevicesAndFollowsCreateAndDelete() throws Exception {
    DevHost h = new DevHost();
    DevDax early = h.region.create(); // dax0.1, before attach
    DaxDevNodes nodes = DaxDevNodes.attach(h.vfs, h.bus);
    assertThat(nodes.names()).containsExactly("dax0.0", "dax0.1");
    assertThat(h.root.stat("/dev/dax0.1").rdev()).isEqualTo(early.daxDevice().devt());

    DevDax d = h.region.create();
    assertThat(d.name()).isEqualTo("dax0.2");
    Stat st = h.root.stat("/dev/dax0.2");
    assertThat(st.mode()).isEqualTo(Fcntl.S_IFCHR | 0600);
    assertThat(st.uid()).isZero();
    assertThat(st.gid()).isZero();
    assertThat(st.rdev()).isEqualTo(d.daxDevice().devt())
        .isEqualTo(Vfs.mkdev(DaxCore.DAX_MAJOR, d.daxDevice().minor()));
    assertThat(st.rdev() >>> 20).isEqualTo(252);

    d.resize(4 * MiB); // sizing does not touch the node
    assertThat(h.root.stat("/dev/dax0.2").rdev()).isEqualTo(d.daxDevice().devt());
    d.resize(0);
    h.region.delete("dax0.2");
    expect(Errno.ENOENT, () -> h.root.stat("/dev/dax0.2"));
    assertThat(nodes.names()).containsExactly("dax0.0", "dax0.1");
    // the id (and maybe the minor) is reused: the node comes back with the new devt
    DevDax again = h.region.create();
    assertThat(again.name()).isEqualTo("dax0.2");
    assertThat(h.root.stat("/dev/dax0.2").rdev()).isEqualTo(again.daxDevice().devt());
    assertThat(nodes.errors()).isEmpty();
  }

  @Test
  void detachRemovesTheNodesAndStopsFollowing() throws Exception {
    DevHost h = new DevHost();
    DaxDevNodes nodes = DaxDevNodes.attach(h.vfs, h.bus);
    DevDax d = h.region.create();
    nodes.detach();
    expect(Errno.ENOENT, () -> h.root.stat("/dev/" + d.name()));
    expect(Errno.ENOENT, () -> h.root.stat("/dev/dax0.0"));
    h.region.create();
    expect(Errno.ENOENT, () -> h.root.stat("/dev/dax0.2"));
    assertThat(nodes.names()).isEmpty();
    // a second devtmpfs can attach: the char devices were unregistered
    DaxDevNodes again = DaxDevNodes.attach(h.vfs, h.bus);
    assertThat(again.names()).containsExactly("dax0.0", "dax0.1", "dax0.2");
    assertThat(again.errors()).isEmpty();
  }

  @Test
  void aNameTakenByAnotherFileIsLeftAloneAndReported() throws Exception {
    DevHost h = new DevHost();
    h.root.mknod("/dev/dax0.1", 0644, 0); // a regular file squatting the name
    DaxDevNodes nodes = DaxDevNodes.attach(h.vfs, h.bus);
    DevDax d = h.region.create();
    assertThat(d.name()).isEqualTo("dax0.1");
    assertThat(h.root.stat("/dev/dax0.1").mode()).isEqualTo(Fcntl.S_IFREG | 0644);
    assertThat(nodes.errors()).containsExactly("dax0.1: mknod: EEXIST");
    h.region.delete("dax0.1");
    assertThat(h.root.stat("/dev/dax0.1").mode()).as("dev_mynode: not ours, kept")
        .isEqualTo(Fcntl.S_IFREG | 0644);
  }

  @Test
  void nonRootCannotOpenA0600NodeButRootCan() throws Exception {
    DevHost h = new DevHost();
    DaxDevNodes.attach(h.vfs, h.bus);
    DevDax d = h.deviceDax(4 * MiB);
    Process user = h.vfs.newProcess(Cred.of(1000, 1000));
    expect(Errno.EACCES, () -> user.open("/dev/" + d.name(), Fcntl.O_RDONLY));
    expect(Errno.EACCES, () -> user.open("/dev/" + d.name(), Fcntl.O_RDWR));
    int fd = h.root.open("/dev/" + d.name(), Fcntl.O_RDWR);
    assertThat(fd).isZero();
    h.root.close(fd);
  }

  @Test
  void badArgumentsAreEinval() {
    expect(Errno.EINVAL, () -> DaxDevNodes.attach(null, null));
    expect(Errno.EINVAL, () -> DaxDevNodes.path(null));
    assertThatThrownBy(() -> new DevHost().bus.addListener(null))
        .isInstanceOf(org.daxsim.core.ErrnoException.class);
  }

  @Test
  void unbindLeavesTheNodeButOpenFailsWithEnxio() throws Exception {
    DevHost h = new DevHost();
    DaxDevNodes.attach(h.vfs, h.bus);
    DevDax d = h.deviceDax(4 * MiB);
    h.bus.unbind(d);
    assertThat(h.root.stat("/dev/" + d.name()).mode()).isEqualTo(Fcntl.S_IFCHR | 0600);
    expect(Errno.ENXIO, () -> h.root.open("/dev/" + d.name(), Fcntl.O_RDWR));
    h.bus.bind(d, DeviceDax.NAME);
    h.root.close(h.root.open("/dev/" + d.name(), Fcntl.O_RDWR));
  }
}
