package org.daxsim.bus;

/**
 * A subscriber to dev_dax registration on a {@link DaxBus}: the part of the driver core's
 * device_add() / device_del() that devtmpfs (devtmpfs_create_node / devtmpfs_delete_node) and
 * class interfaces (class_interface_register's add_dev / remove_dev) observe.
 *
 * <p>Delivery: callbacks run after the bus call that caused them has released {@code
 * dax_region_rwsem} and {@code dax_dev_rwsem}, in the order the events happened, one at a time
 * (under the bus's event delivery lock), on the thread that released the last rwsem. A listener
 * may therefore take its own locks (the VFS namespace lock, for instance) without a lock-order
 * inversion against the bus; it must not hold one of those locks while it calls a bus operation
 * that creates or deletes devices. An event may arrive after the device changed again (a device
 * added then deleted before delivery): the matching removal follows, so listeners should be
 * idempotent. Callbacks must not throw.
 */
public interface DaxBusListener {
  /** device_add() of a dev_dax (devm_create_dev_dax()): it is registered, maybe unbound. */
  void deviceAdded(DevDax dev);

  /** device_del() of a dev_dax (unregister_dev_dax()): it is deleted; its devt is final. */
  void deviceRemoved(DevDax dev);
}
