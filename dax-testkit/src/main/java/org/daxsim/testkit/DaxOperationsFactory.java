package org.daxsim.testkit;

/**
 * Builds the device under test for one generated case of {@link DaxOperationsContract}: given a
 * freshly generated {@link DaxLayout} (a host with a dax bus and devices made by real
 * administrative operations), attach the implementation under test to the layout's
 * {@link DaxLayout#target() target device} (or to memory of the layout's host) and describe it.
 */
@FunctionalInterface
public interface DaxOperationsFactory {
  /**
   * The device under test for {@code layout}; called once per case, on a layout nobody else
   * uses.
   *
   * @throws Exception when the implementation cannot be set up (reported as a failure)
   */
  DeviceUnderTest create(DaxLayout layout) throws Exception;
}
