package org.daxsim.core;

/**
 * Linux error numbers (include/uapi/asm-generic/errno-base.h, errno.h) with their
 * strerror(3) text. The kernel returns these negated; {@link #neg()} gives that form.
 */
public enum Errno {
  EPERM(1, "Operation not permitted"),
  ENOENT(2, "No such file or directory"),
  ESRCH(3, "No such process"),
  EINTR(4, "Interrupted system call"),
  EIO(5, "Input/output error"),
  ENXIO(6, "No such device or address"),
  E2BIG(7, "Argument list too long"),
  EBADF(9, "Bad file descriptor"),
  EAGAIN(11, "Resource temporarily unavailable"),
  ENOMEM(12, "Cannot allocate memory"),
  EACCES(13, "Permission denied"),
  EFAULT(14, "Bad address"),
  EBUSY(16, "Device or resource busy"),
  EEXIST(17, "File exists"),
  EXDEV(18, "Invalid cross-device link"),
  ENODEV(19, "No such device"),
  ENOTDIR(20, "Not a directory"),
  EISDIR(21, "Is a directory"),
  EINVAL(22, "Invalid argument"),
  ENFILE(23, "Too many open files in system"),
  EMFILE(24, "Too many open files"),
  ENOTTY(25, "Inappropriate ioctl for device"),
  EFBIG(27, "File too large"),
  ENOSPC(28, "No space left on device"),
  ESPIPE(29, "Illegal seek"),
  EROFS(30, "Read-only file system"),
  EPIPE(32, "Broken pipe"),
  EDOM(33, "Numerical argument out of domain"),
  ERANGE(34, "Numerical result out of range"),
  ENAMETOOLONG(36, "File name too long"),
  ENOSYS(38, "Function not implemented"),
  ENOTEMPTY(39, "Directory not empty"),
  ELOOP(40, "Too many levels of symbolic links"),
  ENODATA(61, "No data available"),
  EBADMSG(74, "Bad message"),
  EOVERFLOW(75, "Value too large for defined data type"),
  EOPNOTSUPP(95, "Operation not supported"),
  EALREADY(114, "Operation already in progress"),
  ESTALE(116, "Stale file handle"),
  EUCLEAN(117, "Structure needs cleaning"),
  ECANCELED(125, "Operation canceled"),
  EHWPOISON(133, "Memory page has hardware error"),
  /** Kernel-internal: a signal interrupted a sleep; never seen by user space. */
  ERESTARTSYS(512, "Restart system call");

  private static final Errno[] BY_NUMBER = new Errno[513];

  static {
    for (Errno e : values()) {
      BY_NUMBER[e.number] = e;
    }
  }

  private final int number;
  private final String text;

  Errno(int number, String text) {
    this.number = number;
    this.text = text;
  }

  /** The positive errno value, e.g. 22 for EINVAL. */
  public int number() {
    return number;
  }

  /** The negated value the kernel returns, e.g. -22 for EINVAL. */
  public int neg() {
    return -number;
  }

  /** The strerror(3) text, e.g. "Invalid argument". */
  public String strerror() {
    return text;
  }

  /**
   * The errno with this number; a negative kernel return value is accepted too.
   *
   * @throws IllegalArgumentException never for a number this enum lists; otherwise yes, since an
   *     unknown errno is a bug in our own code, not bad input
   */
  public static Errno of(long number) {
    long n = Math.abs(number);
    if (n > 0 && n < BY_NUMBER.length && BY_NUMBER[(int) n] != null) {
      return BY_NUMBER[(int) n];
    }
    throw new IllegalArgumentException("unknown errno " + number);
  }

  /** True when {@code ret} is a negative kernel return value naming a known errno. */
  public static boolean isError(long ret) {
    return ret < 0 && -ret < BY_NUMBER.length && BY_NUMBER[(int) -ret] != null;
  }

  /** "EINVAL (22): Invalid argument". */
  public String describe() {
    return name() + " (" + number + "): " + text;
  }
}
