package org.daxsim.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.daxsim.bus.DirectAccessVariant;
import org.daxsim.core.Errno;
import org.daxsim.core.ErrnoException;
import org.daxsim.core.KernelProfile;
import org.junit.jupiter.api.Test;

class ConfigurationTest {
  @Test
  void specSetsEachKey() throws Exception {
    Configuration c = Configuration.parse("profile=linux-6.1, seed=7,variant=seed-phys");
    assertThat(c.profile()).isEqualTo(KernelProfile.LINUX_6_1);
    assertThat(c.seed()).isEqualTo(7);
    assertThat(c.variant()).isEqualTo(DirectAccessVariant.SEED_PHYS);
    assertThat(c.toSpec()).isEqualTo("profile=linux-6.1,seed=7,variant=seed-phys");
    assertThat(Configuration.parse(c.toSpec())).isEqualTo(c);
  }

  @Test
  void emptySpecAndBuilderGiveTheDefaults() throws Exception {
    assertThat(Configuration.parse("")).isEqualTo(Configuration.defaults());
    assertThat(Configuration.defaults().toSpec())
        .isEqualTo("profile=mainline,seed=0,variant=per-range");
    Configuration b = Configuration.builder().seed(-3).profile(KernelProfile.LINUX_6_12).build();
    assertThat(b.toSpec()).isEqualTo("profile=linux-6.12,seed=-3,variant=per-range");
    assertThat(b.toBuilder().seed(1).build().seed()).isEqualTo(1);
    assertThat(b.seed()).isEqualTo(-3);
  }

  @Test
  void badSpecsAreEinval() {
    for (String bad : List.of("profile", "profile=linux-5.0", "seed=x", "seed=1,seed=2",
        "colour=red", "=1", "profile=mainline,")) {
      assertThatThrownBy(() -> Configuration.parse(bad)).as(bad)
          .isInstanceOfSatisfying(ErrnoException.class,
              e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
    }
    assertThatThrownBy(() -> Configuration.parse(null)).isInstanceOf(ErrnoException.class);
    assertThatThrownBy(() -> Configuration.builder().profile(null).build())
        .isInstanceOf(ErrnoException.class);
  }

  @Test
  void theWorldBootsTheConfiguredProfileAndVariant() throws Exception {
    World w = DaxSim.newWorld("profile=linux-6.12,variant=fsdev-full-span");
    assertThat(w.currentHost().name()).isEqualTo("node0");
    assertThat(w.currentHost().profile()).isEqualTo(KernelProfile.LINUX_6_12);
    assertThat(w.currentHost().bus().profile()).isEqualTo(KernelProfile.LINUX_6_12);
    assertThat(w.currentHost().bus().defaultVariant())
        .isEqualTo(DirectAccessVariant.FSDEV_FULL_SPAN);
    assertThat(w.currentHost().loadedModules()).containsExactly("device_dax");
    assertThat(DaxSim.newWorld().currentHost().loadedModules())
        .containsExactly("device_dax", "fsdev_dax");
  }
}
