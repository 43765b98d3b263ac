package org.daxsim.fs.famfs;

import java.util.HashMap;
import java.util.Map;
import org.daxsim.core.Args;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.dax.DaxCore;
import org.daxsim.core.dax.DaxDevice;
import org.daxsim.core.dax.DaxHolderOperations;
import org.daxsim.fs.dax.FsDax;
import org.daxsim.fs.vfs.FileSystemType;
import org.daxsim.fs.vfs.Inode;
import org.daxsim.fs.vfs.SuperBlock;

/**
 * The famfs file system type (fs/famfs, the standalone module): mounts a {@code /dev/daxR.N}
 * character device that is bound to fsdev_dax, holds it exclusively with fs_dax_get(), and
 * serves ramfs-like directories whose files are maps onto the device, read and written through
 * dax_iomap_rw() and mapped through dax_iomap_fault(). Register one instance per simulated
 * kernel with {@link org.daxsim.fs.vfs.Process#mount}.
 */
public final class Famfs implements FileSystemType {
  /** FAMFS_SUPER_MAGIC (statfs f_type of the standalone module). */
  public static final int FAMFS_SUPER_MAGIC = 0x87b282ff;
  /** FAMFS_DEFAULT_MODE of the root directory. */
  public static final int DEFAULT_MODE = 0755;

  private final DaxCore core;
  private final FamfsFileOps fileOps;
  private final FamfsDir dirOps;
  /** sget_dev(): the super block of each mounted dax device number. */
  private final Map<Long, SuperBlock> byDevt = new HashMap<>();

  private Famfs(DaxCore core) {
    this.core = core;
    this.fileOps = new FamfsFileOps(new FsDax(core));
    this.dirOps = new FamfsDir(fileOps);
  }

  /** The famfs type of the kernel whose dax core is {@code core}. */
  public static Famfs create(DaxCore core) throws ErrnoException {
    return new Famfs(Args.notNull(core, "core"));
  }

  @Override
  public String name() {
    return "famfs";
  }

  /** The fs-dax engine famfs drives (for traces and experiments). */
  public FsDax fsDax() {
    return fileOps.fsDax;
  }

  /**
   * famfs_parse_param() then famfs_get_tree(): options {@code mode=} (octal) and {@code
   * dax=always} (EINVAL otherwise); famfs_lookup_daxdev() (EINVAL for an empty source or a
   * non-character node, lookup errnos); sget_dev() (EBUSY when the device is mounted);
   * dax_dev_get() (ENODEV when the number is not a dax device); fs_dax_get() with famfs's
   * holder operations (any failure, e.g. not bound to fsdev_dax or held, is EBUSY).
   */
  @Override
  public void fillSuper(SuperBlock sb, String source, String data) throws ErrnoException {
    int mode = parseOptions(data);
    long devt = lookupDaxdev(sb, source);
    synchronized (byDevt) {
      if (byDevt.containsKey(devt)) {
        throw ErrnoException.of(Errno.EBUSY, "famfs: %s is already mounted", source);
      }
      DaxDevice dax;
      try {
        dax = core.daxDevGet(devt);
      } catch (ErrnoException e) {
        throw ErrnoException.of(Errno.ENODEV, "famfs: %s not found or not dax", source);
      }
      FamfsFsInfo fsi = new FamfsFsInfo(mode, devt, source);
      int rc = core.fsDaxGet(dax, sb, holderOps(fsi));
      if (rc != 0) {
        core.putDax(dax);
        throw ErrnoException.of(Errno.EBUSY, "famfs: fs_dax_get(%s) failed: %s", source,
            Errno.of(rc));
      }
      fsi.daxDev = dax;
      sb.setFsInfo(fsi);
      sb.setRoot(dirOps.newRoot(sb, mode));
      byDevt.put(devt, sb);
    }
  }

  /** famfs_kill_sb(): fs_put_dax() and put_dax(); the device number can be mounted again. */
  @Override
  public void killSuper(SuperBlock sb) {
    FamfsFsInfo fsi = (FamfsFsInfo) sb.fsInfo();
    if (fsi == null) {
      return;
    }
    synchronized (byDevt) {
      byDevt.remove(fsi.devt, sb);
    }
    try {
      core.fsPutDax(fsi.daxDev, sb);
      core.putDax(fsi.daxDev);
    } catch (ErrnoException e) {
      // the device is ours (daxDevGet succeeded); nothing else can fail here
    }
    sb.setFsInfo(null);
  }

  /** fs_parse() of "mode=NNN" (fsparam_u32oct) and "dax=always"; EINVAL for anything else. */
  static int parseOptions(String data) throws ErrnoException {
    int mode = DEFAULT_MODE;
    if (data == null || data.isEmpty()) {
      return mode;
    }
    for (String opt : data.split(",")) {
      if (opt.isEmpty()) {
        continue;
      }
      int eq = opt.indexOf('=');
      String key = eq < 0 ? opt : opt.substring(0, eq);
      String val = eq < 0 ? null : opt.substring(eq + 1);
      if (key.equals("mode") && val != null) {
        try {
          long m = Long.parseLong(val, 8);
          if (m < 0 || m > 0xffff_ffffL) {
            throw new NumberFormatException(val);
          }
          mode = (int) m & 07777;
        } catch (NumberFormatException e) {
          throw ErrnoException.of(Errno.EINVAL, "famfs: Bad value for 'mode'");
        }
      } else if (key.equals("dax") && val != null) {
        if (!val.equals("always")) {
          throw ErrnoException.of(Errno.EINVAL, "famfs: invalid dax mode %s", val);
        }
      } else {
        throw ErrnoException.of(Errno.EINVAL, "famfs: Unknown parameter '%s'", key);
      }
    }
    return mode;
  }

  /** famfs_lookup_daxdev(): kern_path(), then S_ISCHR; the node's i_rdev. */
  private static long lookupDaxdev(SuperBlock sb, String source) throws ErrnoException {
    if (source == null || source.isEmpty()) {
      throw ErrnoException.of(Errno.EINVAL, "famfs: no source device");
    }
    Inode node = sb.vfs().kernPath(source);
    if (!node.isChr()) {
      throw ErrnoException.of(Errno.EINVAL, "famfs: %s is not a character device", source);
    }
    return node.rdev();
  }

  /**
   * famfs_dax_notify_failure(): any memory error or removal shuts the mount down (deverror);
   * a removal (MF_MEM_PRE_REMOVE) also zaps the user mappings of the mount's files so that
   * later accesses fault and get SIGBUS.
   */
  private static DaxHolderOperations holderOps(FamfsFsInfo fsi) {
    return (dax, offset, len, mfFlags) -> {
      fsi.deverror = true;
      if ((mfFlags & DaxCore.MF_MEM_PRE_REMOVE) != 0) {
        for (FamfsFile f : fsi.files) {
          try {
            f.inode.mapping().unmapMappingRange(0, 0);
          } catch (ErrnoException e) {
            return e.errno().neg();
          }
        }
      }
      return 0;
    };
  }

  /** True while the mount on {@code sb} is shut down by a device error (for tools and tests). */
  public static boolean isShutDown(SuperBlock sb) {
    return sb.fsInfo() instanceof FamfsFsInfo fsi && fsi.deverror;
  }
}
