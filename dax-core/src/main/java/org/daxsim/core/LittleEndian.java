package org.daxsim.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Little-endian integer fields of a byte array, the layout of every x86 kernel struct copied
 * to or from user space and of the famfs on-media format. One place for the byte order, so the
 * ioctl structs and the format codec read and write fields the same way; no allocation.
 */
public final class LittleEndian {
  private static final VarHandle U64 =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle U32 =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private LittleEndian() {}

  /** The 64-bit field at {@code off}. */
  public static long getLong(byte[] b, int off) {
    return (long) U64.get(b, off);
  }

  /** The 32-bit field at {@code off}. */
  public static int getInt(byte[] b, int off) {
    return (int) U32.get(b, off);
  }

  public static void putLong(byte[] b, int off, long v) {
    U64.set(b, off, v);
  }

  public static void putInt(byte[] b, int off, int v) {
    U32.set(b, off, v);
  }
}
