package org.daxsim.fs.famfs.tools;

import org.daxsim.core.Errno;
import org.daxsim.fs.famfs.format.FamfsFormat;

/**
 * famfs_validate_interleave_param(): {@code -N nstrips -B nbuckets [-C chunk]}. Any of the
 * three turns interleaving on and needs both N and B; chunk (default 2 MiB) a power of two and
 * a multiple of the allocation unit; 1 &lt;= nstrips &lt;= nbuckets &lt;= 64, nstrips &lt;= 16;
 * buckets of at least the environment's minimum bucket size (1 GiB by default).
 */
final class Interleaving {
  private Interleaving() {}

  static MkFile.Interleave parse(ToolEnv env, Opts o) throws ToolError {
    if (!o.has('N') && !o.has('B') && !o.has('C')) {
      return null;
    }
    if (!o.has('N') || !o.has('B')) {
      throw ToolError.of(Errno.EINVAL, 1, "interleaving needs both -N nstrips and -B nbuckets");
    }
    long n = Opts.size(o.get('N'));
    long b = Opts.size(o.get('B'));
    long chunk = o.has('C') ? Opts.size(o.get('C')) : FamfsFormat.ALLOC_UNIT;
    if (n > FamfsFormat.MAX_STRIPS) {
      throw ToolError.of(Errno.EINVAL, 1, "-N %d: at most %d strips", n, FamfsFormat.MAX_STRIPS);
    }
    if (chunk <= 0 || Long.bitCount(chunk) != 1 || chunk % FamfsFormat.ALLOC_UNIT != 0) {
      throw ToolError.of(Errno.EINVAL, 1, "chunk size %s must be a power of two multiple of 2 MiB",
          o.get('C'));
    }
    if (b <= 0 || b > 64 || n <= 0 || n > b) {
      throw ToolError.of(Errno.EINVAL, 1, "need 1 <= nstrips (%d) <= nbuckets (%d) <= 64", n, b);
    }
    return new MkFile.Interleave((int) n, (int) b, chunk);
  }

  /** The bucket-size rule, checked once the device size is known. */
  static void checkBuckets(ToolEnv env, MkFile.Interleave il, long devSize) throws ToolError {
    if (il != null && devSize / il.nbuckets() < env.minBucketSize()) {
      throw ToolError.of(Errno.EINVAL, 1, "buckets of %d bytes are below the minimum %d",
          devSize / il.nbuckets(), env.minBucketSize());
    }
  }
}
