package org.daxsim.fs.famfs.format;

import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;

/** A malformed famfs on-media structure: the error every format decoder (and path encoder) throws. */
public final class FormatException extends ErrnoException {
  private static final long serialVersionUID = 1L;

  /** Why a structure was rejected. */
  public enum Reason {
    /** Null input, or fewer bytes than the structure needs (or an offset outside the array). */
    TRUNCATED(Errno.EINVAL),
    /** A CRC32 does not match the covered bytes. */
    CRC(Errno.EBADMSG),
    /** A log entry's seqnum is not the slot index it was read from. */
    SEQNUM(Errno.EINVAL),
    /** A log entry type this format does not use (DELETE, INVALID or unknown). */
    TYPE(Errno.EINVAL),
    /** A path (or device name) is unterminated, not UTF-8, or contains NUL. */
    PATH(Errno.EINVAL),
    /** A path of {@link FamfsFormat#MAX_PATHLEN} or more bytes (upstream truncates silently). */
    NAME_TOO_LONG(Errno.ENAMETOOLONG),
    /** An fmap with a bad ext_type, extent count, niext or strip count. */
    FMAP(Errno.EINVAL);

    private final Errno errno;

    Reason(Errno errno) {
      this.errno = errno;
    }

    /** The errno a failure for this reason carries. */
    public Errno errno() {
      return errno;
    }
  }

  private final Reason reason;

  /** A failure of a famfs format codec (famfs_meta.h structures) for {@code reason}. */
  public FormatException(Reason reason, String message) {
    super(reason.errno(), reason.name() + ": " + message);
    this.reason = reason;
  }

  /** Why the structure was rejected. */
  public Reason reason() {
    return reason;
  }
}
