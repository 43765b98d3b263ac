/**
 * A minimal VFS (fs/namei.c, fs/open.c, fs/read_write.c, fs/namespace.c, fs/stat.c): paths,
 * inodes, directories, regular files, character device nodes, mounts, processes with
 * credentials and file descriptors. Start with {@link org.daxsim.fs.vfs.Vfs#create}; system
 * calls are methods of {@link org.daxsim.fs.vfs.Process}. File systems plug in through {@link
 * org.daxsim.fs.vfs.FileSystemType}, {@link org.daxsim.fs.vfs.InodeOperations} and {@link
 * org.daxsim.fs.vfs.FileOperations}. No symbolic links, hard links, chdir or chroot.
 */
package org.daxsim.fs.vfs;
