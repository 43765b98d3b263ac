package org.daxsim.fs.vfs;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/** fs/char_dev.c: def_chr_fops, whose open swaps in the registered driver's operations. */
final class CharDev {
  /** def_chr_fops: only ->open (chrdev_open()). */
  static final FileOperations DEF_CHR_FOPS = new FileOperations() {
    @Override
    public void open(Inode inode, File file) throws ErrnoException {
      FileOperations fops = inode.sb().vfs().chrdev(inode.rdev());
      if (fops == null) {
        throw ErrnoException.of(Errno.ENXIO, "no char device %d:%d", inode.rdev() >>> 20,
            inode.rdev() & 0xfffff);
      }
      file.setFop(fops);
      fops.open(inode, file);
    }
  };

  private CharDev() {}
}
