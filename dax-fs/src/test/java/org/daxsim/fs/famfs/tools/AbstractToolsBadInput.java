package org.daxsim.fs.famfs.tools;

import static org.daxsim.fs.famfs.tools.ToolsTestsKit.ENTRY;
import static org.daxsim.fs.famfs.tools.ToolsTestsKit.HDR;
import static org.daxsim.fs.famfs.tools.ToolsTestsKit.LOG;
import static org.daxsim.fs.famfs.tools.ToolsTestsKit.MiB;
import static org.daxsim.fs.famfs.tools.ToolsTestsKit.log;
import static org.daxsim.fs.famfs.tools.ToolsTestsKit.ok;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.daxsim.bus.DevDax;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.famfs.format.FamfsFormat;
import org.daxsim.fs.famfs.format.Superblock;

/** Shared rig of the bad-input tests: one host with a 128 MiB famfs-mode device. */
abstract class AbstractToolsBadInput {
  static final String MNT = "/mnt";

  final ToolsHost h;
  final DevDax d;
  final String dev;

  AbstractToolsBadInput() throws ErrnoException {
    h = new ToolsHost(51);
    d = h.famfsDevice(0, 128 * MiB);
    dev = "/dev/" + d.name();
  }

  /** Superblock and the first log bytes, read physically. */
  byte[] meta() throws ErrnoException {
    byte[] sb = h.devBytes(d, 0, FamfsFormat.SUPERBLOCK_BYTES);
    byte[] lg = h.devBytes(d, LOG, HDR + 8 * ENTRY);
    byte[] out = new byte[sb.length + lg.length];
    System.arraycopy(sb, 0, out, 0, sb.length);
    System.arraycopy(lg, 0, out, sb.length, lg.length);
    return out;
  }

  void mkfsAndMount() throws ErrnoException {
    ok(h.run("mkfs.famfs", dev));
    ok(h.run("famfs", "mount", dev, MNT));
  }

  long famfsMounts() {
    return h.root.vfs().mountTable().stream().filter(m -> m.type().equals("famfs")).count();
  }

  boolean exists(String path) {
    try {
      h.root.stat(path);
      return true;
    } catch (ErrnoException e) {
      return false;
    }
  }

  long entries() throws ErrnoException {
    return log(h.env(), MNT).header().nextIndex();
  }

  static byte[] le(long v) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
  }
}
