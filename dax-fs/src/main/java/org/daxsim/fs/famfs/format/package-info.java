/**
 * The famfs on-media format (user space, {@code famfs_meta.h} / {@code famfs_lib.c}): the
 * superblock, the log header, log entries and the log fmap, as pure little-endian byte codecs.
 *
 * <p>Decoders never throw an unchecked exception: a null, short or malformed input gives a
 * checked {@link org.daxsim.fs.famfs.format.FormatException} (EINVAL, or EBADMSG for a CRC
 * mismatch) carrying a {@link org.daxsim.fs.famfs.format.FormatException.Reason}. Decoders check
 * structure only; policy (version gate, path rules, extent alignment) belongs to the tools.
 *
 * <p>Documented deviation from upstream: a path of 80 or more UTF-8 bytes is rejected with
 * ENAMETOOLONG instead of being silently truncated to 79 bytes (famfs.md section 7, quirk 2).
 */
package org.daxsim.fs.famfs.format;
