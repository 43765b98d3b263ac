package org.daxsim.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.bus.DeviceDaxTestHost.BASE;
import static org.daxsim.bus.DeviceDaxTestHost.MiB;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.junit.jupiter.api.Test;

/** DaxBusListener: device_add/device_del events, delivered in order without the rwsems. */
class DaxBusListenerTest {
  /** Records "+name"/"-name" and whether a bus rwsem was held by anyone at delivery. */
  static final class Recorder implements DaxBusListener {
    final DaxBus bus;
    final List<String> events = new ArrayList<>();
    final List<String> lockViolations = new ArrayList<>();

    Recorder(DaxBus bus) {
      this.bus = bus;
    }

    private void check(String e) {
      if (bus.regionRwsem.isWriteLocked() || bus.devRwsem.isWriteLocked()
          || bus.regionRwsem.getReadLockCount() > 0 || bus.devRwsem.getReadLockCount() > 0) {
        lockViolations.add(e);
      }
      events.add(e);
    }

    @Override
    public void deviceAdded(DevDax dev) {
      check("+" + dev.name() + (dev.isRegistered() ? "" : "(dead)"));
    }

    @Override
    public void deviceRemoved(DevDax dev) {
      check("-" + dev.name() + (dev.isRegistered() ? "(alive)" : ""));
    }
  }

  @Test
  void eventsFollowCreateAndDeleteInOrderWithoutRwsemsHeld() throws Exception {
    DeviceDaxTestHost h = new DeviceDaxTestHost();
    DevDax first = h.device(BASE, BASE + 4 * MiB - 1);
    Recorder r = new Recorder(h.bus);
    h.bus.addListener(r);
    assertThat(r.events).as("replayed at registration").containsExactly("+" + first.name());
    DevDax a = h.region.create();
    DevDax b = h.region.create();
    h.region.delete(a.name());
    h.bind(first, DeviceDax.NAME);
    h.bus.unbind(first); // binding is not registration: no events
    assertThat(r.events).containsExactly("+dax0.0", "+dax0.1", "+dax0.2", "-dax0.1");
    assertThat(b.name()).isEqualTo("dax0.2");
    assertThat(r.lockViolations).isEmpty();
    assertThat(h.bus.removeListener(r)).isTrue();
    assertThat(h.bus.removeListener(r)).isFalse();
    h.region.create();
    assertThat(r.events).hasSize(4);
  }

  @Test
  void aFailedDeleteSendsNothingAndBadArgumentsAreEinval() throws Exception {
    DeviceDaxTestHost h = new DeviceDaxTestHost();
    DevDax d = h.device(BASE, BASE + 4 * MiB - 1);
    Recorder r = new Recorder(h.bus);
    h.bus.addListener(r);
    Assertions.assertThatThrownBy(() -> h.region.delete(d.name()))
        .isInstanceOfSatisfying(ErrnoException.class,
            e -> assertThat(e.errno()).isEqualTo(Errno.EBUSY));
    assertThat(r.events).containsExactly("+dax0.0");
    Assertions.assertThatThrownBy(() -> h.bus.addListener(null))
        .isInstanceOfSatisfying(ErrnoException.class,
            e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
  }

  @Test
  void aListenerMayCallTheBusFromAnotherThreadWithoutDeadlock() throws Exception {
    DeviceDaxTestHost h = new DeviceDaxTestHost();
    List<String> seen = new ArrayList<>();
    h.bus.addListener(new DaxBusListener() {
      @Override
      public void deviceAdded(DevDax dev) {
        // another thread needs dax_region_rwsem for writing: it must be free now
        CompletableFuture<Long> other = CompletableFuture.supplyAsync(() -> {
          h.bus.writeLockRegion();
          try {
            return h.region.availableSize();
          } finally {
            h.bus.regionRwsem.writeLock().unlock();
          }
        });
        try {
          seen.add(dev.name() + ":" + (other.get(5, TimeUnit.SECONDS) > 0));
        } catch (Exception e) {
          seen.add(dev.name() + ":" + e);
        }
      }

      @Override
      public void deviceRemoved(DevDax dev) {}
    });
    h.region.create();
    assertThat(seen).containsExactly("dax0.0:true");
  }
}
