package org.daxsim.testkit;

import org.daxsim.core.Errno;

/**
 * The rules of famfs {@code MAP_CREATE_V2} (famfs.md 2.7; famfs_file_init_dax_v2() and
 * famfs_meta_alloc_v2()), each with the errno the kernel answers when a map breaks it.
 * {@link #VALID} is the absence of a broken rule.
 */
public enum FmapRule {
  /** Breaks no rule: the map attaches. */
  VALID(null),
  /** A map is already attached to the file. */
  ALREADY_MAPPED(Errno.EEXIST),
  /** nextents (niext) is 0. */
  NO_EXTENTS(Errno.EINVAL),
  /** nextents (niext) is above FAMFS_MAX_EXTENTS (2). */
  TOO_MANY_EXTENTS(Errno.E2BIG),
  /** ext_type is neither SIMPLE_DAX_EXTENT nor INTERLEAVED_EXTENT. */
  BAD_EXTENT_TYPE(Errno.EINVAL),
  /** An extent or strip names a devindex other than 0. */
  DEVINDEX_NOT_ZERO(Errno.EINVAL),
  /** An extent or strip offset is not 2 MiB aligned. */
  OFFSET_MISALIGNED(Errno.EINVAL),
  /** An extent or strip length (the last one too) is not a 2 MiB multiple. */
  LENGTH_MISALIGNED(Errno.EINVAL),
  /** The extent (or strip) lengths add up to less than file_size. */
  LENGTHS_SHORT_OF_SIZE(Errno.EINVAL),
  /** An interleaved extent has no strips. */
  NO_STRIPS(Errno.EINVAL),
  /** An interleaved extent has more than FAMFS_MAX_STRIPS (16) strips. */
  TOO_MANY_STRIPS(Errno.EINVAL),
  /** An interleaved extent's chunk_size is 0 or not a 2 MiB multiple. */
  CHUNK_MISALIGNED(Errno.EINVAL),
  /** The interleaved extents' nbytes add up to less than file_size. */
  NBYTES_SHORT_OF_SIZE(Errno.EINVAL);

  private final Errno errno;

  FmapRule(Errno errno) {
    this.errno = errno;
  }

  /** The errno of a map breaking this rule; null for {@link #VALID}. */
  public Errno errno() {
    return errno;
  }

  /** True for the rules only interleaved maps can break. */
  public boolean interleavedOnly() {
    return this == NO_STRIPS || this == TOO_MANY_STRIPS || this == CHUNK_MISALIGNED
        || this == NBYTES_SHORT_OF_SIZE;
  }
}
