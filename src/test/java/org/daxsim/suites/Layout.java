package org.daxsim.suites;

import java.util.List;

/**
 * What the allocator properties drive: a region's devices by index (0 = daxR.0), the
 * administrative steps create / resize / delete, and each device's ranges as
 * {@code {pgoff, start, end}}. Implemented by the real bus ({@link BusLayout}) and by the
 * independent model ({@link AllocModel}, optionally mutated).
 */
interface Layout {
  long regionStart();

  long regionSize();

  int devices();

  boolean alive(int dev);

  long size(int dev);

  long available();

  List<long[]> ranges(int dev);

  int create() throws Exception;

  void delete(int dev) throws Exception;

  void resize(int dev, long size) throws Exception;
}
