/**
 * dax-fs: a minimal VFS, the fs-dax iomap engine of fs/dax.c, and famfs (issues 4 and 5).
 */
package org.daxsim.fs;
