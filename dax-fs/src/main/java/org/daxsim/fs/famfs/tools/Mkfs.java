package org.daxsim.fs.famfs.tools;

import static org.daxsim.fs.famfs.format.FamfsFormat.LOG_OFFSET;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.fs.famfs.format.FamfsFormat;
import org.daxsim.fs.famfs.format.LogHeader;
import org.daxsim.fs.famfs.format.Superblock;

/**
 * mkfs.famfs (src/mkfs.famfs.c, __famfs_mkfs): root only; {@code -l} a power of two of at
 * least 8 MiB; refuses a mounted device, a device below the minimum size, a device holding a
 * valid (or other-version) superblock without {@code -f}, and one whose superblock belongs to
 * another host without {@code -f}. {@code -f -k} only clears the magic. Clears an old
 * superblock's magic, writes a zeroed log and its header, then the superblock with its magic
 * last, so a crash
 * never leaves a valid superblock (old or new) over the wrong log. Exit status 0 or 2.
 */
final class Mkfs {
  static final int FAIL = 2;

  private Mkfs() {}

  static void run(ToolEnv env, List<String> args, Io io) throws ErrnoException {
    Opts o = Opts.parse(args, "fkl:MFDv", Map.of("force", 'f', "kill", 'k', "loglen", 'l',
        "set-daxmode", 'M', "nofuse", 'F', "nodax", 'D', "verbose", 'v'), FAIL);
    if (o.operands.size() != 1) {
      throw ToolError.usage(FAIL, "usage: mkfs.famfs [-f [-k]] [-l loglen] <daxdev>");
    }
    String dev = o.operands.get(0);
    boolean force = o.has('f');
    if (o.has('k') && !force) {
      throw ToolError.of(Errno.EINVAL, FAIL, "-k requires -f");
    }
    long logLen = FamfsFormat.DEFAULT_LOG_LEN;
    if (o.has('l')) {
      logLen = Opts.size(o.get('l'));
      if (!FamfsFormat.validLogLen(logLen)) {
        throw ToolError.of(Errno.EINVAL, FAIL,
            "invalid log length %s: must be a power of 2 and at least 8 MiB", o.get('l'));
      }
    }
    if (!env.proc().cred().isRoot()) {
      throw ToolError.of(Errno.EPERM, FAIL, "mkfs.famfs must run as root");
    }
    if (o.has('M')) {
      Devices.setFamfsMode(env, dev, io);
    }
    long devSize = Devices.size(env, dev);
    String at = Devices.mountedAt(env, dev);
    if (at != null) {
      throw ToolError.of(Errno.EBUSY, FAIL, "%s is mounted at %s", dev, at);
    }
    if (devSize < env.minDevSize()) {
      throw ToolError.of(Errno.EINVAL, FAIL, "%s: device size %d is below the minimum %d", dev,
          devSize, env.minDevSize());
    }
    if (LOG_OFFSET + logLen + FamfsFormat.ALLOC_UNIT > devSize) {
      throw ToolError.of(Errno.EINVAL, FAIL, "%s: a %d-byte log does not fit", dev, logLen);
    }
    try (Meta m = DeviceMeta.open(env, dev, true, logLen)) {
      int rc = m.checkSuper();
      if (o.has('k')) {
        m.write(0, new byte[8]); // -f -k: kill the magic only
        io.out("famfs superblock killed on %s", dev);
        return;
      }
      if (!force && rc == 1) {
        throw ToolError.of(Errno.EEXIST, FAIL,
            "%s holds a famfs superblock of another version; use -f", dev);
      }
      if (!force && rc == 0) {
        Role role = Role.of(env, m);
        throw ToolError.of(Errno.EEXIST, FAIL, role == Role.CLIENT
            ? "%s holds a famfs file system owned by another host; use -f"
            : "%s already holds a valid famfs file system; use -f", dev);
      }
      UUID system = SystemUuid.get(env);
      if (system == null) {
        throw ToolError.of(Errno.EIO, FAIL, "cannot read or create %s", SystemUuid.PATH);
      }
      UUID fs = new UUID(env.random().nextLong(), env.random().nextLong());
      UUID devUuid = new UUID(env.random().nextLong(), env.random().nextLong());
      if (rc != -1 || m.read(0, 8)[0] != 0) {
        m.write(0, new byte[8]); // the old superblock dies first: a crash leaves none valid
      }
      m.write(LOG_OFFSET, new byte[(int) logLen]);
      m.write(LOG_OFFSET, LogHeader.fresh(logLen).encode());
      byte[] sbBytes = Superblock.create(logLen, fs, devUuid, system, devSize, dev).encode();
      m.write(8, java.util.Arrays.copyOfRange(sbBytes, 8, sbBytes.length));
      m.write(0, java.util.Arrays.copyOf(sbBytes, 8)); // the magic last

      io.out("famfs: created on %s: %d bytes, log %d bytes (%d entries)", dev, devSize, logLen,
          FamfsFormat.lastIndex(logLen) + 1);
    }
  }
}
