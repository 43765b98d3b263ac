package org.daxsim.fs.dev;

import org.daxsim.bus.DaxBus;
import org.daxsim.bus.DaxCharDevice;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.mm.Mm;
import org.daxsim.core.mm.Mman;
import org.daxsim.core.mm.Vma;
import org.daxsim.fs.vfs.File;
import org.daxsim.fs.vfs.FileOperations;
import org.daxsim.fs.vfs.Inode;

/**
 * The char-device operations of one {@code /dev/daxR.N}: what chrdev_open() finds for its
 * devt. Its open resolves the device's driver at open time (the kernel finds the cdev the
 * driver added at probe: none while unbound or bound to kmem, so ENXIO) and swaps in the
 * driver's operations: {@link #DAX_FOPS} (device.c dax_fops) or {@link #FSDEV_FOPS} (fsdev.c).
 */
final class DaxDevFops implements FileOperations {
  /** dax_fops (drivers/dax/device.c): open, release, mmap, get_unmapped_area, noop_llseek. */
  static final FileOperations DAX_FOPS = new FileOperations() {
    /** dax_mmap(): check_vma (ENXIO dead, EINVAL private or misaligned), dax_vm_ops. */
    @Override
    public void mmap(File file, Vma vma) throws ErrnoException {
      charDevice(file).mmap(vma);
    }

    /** dax_get_unmapped_area(). */
    @Override
    public long getUnmappedArea(File file, Mm mm, long addr, long len, long pgoff, int flags) {
      DaxCharDevice c = file.privateData() instanceof DaxCharDevice d ? d : null;
      return c == null ? 0 : c.getUnmappedArea(mm, addr, len, pgoff, flags);
    }

    /** FOP_MMAP_SYNC: dax devices are synchronous. */
    @Override
    public int mmapSupportedFlags() {
      return Mman.MAP_SYNC;
    }

    /** .llseek = noop_llseek. */
    @Override
    public boolean noopLlseek() {
      return true;
    }
  };

  /** fsdev's char-device operations: open and release only (no mmap: ENODEV; no llseek). */
  static final FileOperations FSDEV_FOPS = new FileOperations() {
    /** No ->llseek: do_dentry_open() clears FMODE_LSEEK, lseek(2) is ESPIPE. */
    @Override
    public boolean canSeek() {
      return false;
    }
  };

  private final DaxBus bus;
  private final String name;

  DaxDevFops(DaxBus bus, String name) {
    this.bus = bus;
    this.name = name;
  }

  /**
   * chrdev_open() -> dax_open() / fsdev_open(): ENXIO without a char device (unbound, kmem,
   * deleted); the file's private data becomes the {@link DaxCharDevice}, f_mapping the dax
   * inode's i_mapping (so kill_dev_dax's unmap_mapping_range zaps this file's mappings).
   */
  @Override
  public void open(Inode inode, File file) throws ErrnoException {
    DaxCharDevice c;
    try {
      c = DaxCharDevice.open(bus, name);
    } catch (ErrnoException e) {
      if (e.errno() == Errno.ENOENT) { // deleted since the node was made: no cdev either
        throw ErrnoException.of(Errno.ENXIO, "/dev/%s: no such device", name);
      }
      throw e;
    }
    if (c.device().daxDevice().devt() != inode.rdev()) {
      throw ErrnoException.of(Errno.ENXIO, "/dev/%s: device number changed", name);
    }
    file.setFop(c.isFsdev() ? FSDEV_FOPS : DAX_FOPS);
    file.setPrivateData(c);
    file.setMapping(c.mapping());
  }

  /** filp->private_data as set by {@link #open}. */
  static DaxCharDevice charDevice(File file) throws ErrnoException {
    if (file.privateData() instanceof DaxCharDevice c) {
      return c;
    }
    throw ErrnoException.of(Errno.EBADF, "%s is not an open dax device", file);
  }

  @Override
  public String toString() {
    return "chrdev /dev/" + name;
  }
}
