/**
 * The fs-dax iomap engine of fs/dax.c: {@link org.daxsim.fs.dax.Iomap}, {@link
 * org.daxsim.fs.dax.IomapOps}, {@link org.daxsim.fs.dax.FsDax#daxIomapRw} (read/write through
 * the kaddr of direct_access) and {@link org.daxsim.fs.dax.DaxFault#daxIomapFault} (faults
 * through the pfn only). Independent of any VFS: a file system supplies a {@link
 * org.daxsim.fs.dax.DaxInode}.
 */
package org.daxsim.fs.dax;
