package org.daxsim.fs.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.fs.vfs.VfsTesting.expect;

import org.daxsim.core.Errno;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PathsTest {
  VfsTesting.Host h;
  Process p;

  @BeforeEach
  void setUp() throws Exception {
    h = new VfsTesting.Host();
    p = h.root;
    p.mkdir("/tmp/a", 0755);
    p.mkdir("/tmp/a/b", 0755);
    p.close(p.open("/tmp/a/f", Fcntl.O_CREAT | Fcntl.O_WRONLY, 0644));
  }

  @Test
  void normalisesSlashesDotsAndDotDot() throws Exception {
    long ino = p.stat("/tmp/a/b").ino();
    for (String s : new String[] {"/tmp/a/b", "//tmp///a/b/", "/tmp/./a/./b", "/tmp/a/b/../b",
        "tmp/a/b", "/../../tmp/a/b", "/tmp/a/b/.", "/tmp/a/../a/b"}) {
      assertThat(p.stat(s).ino()).as(s).isEqualTo(ino);
      assertThat(p.stat(s).dev()).as(s).isEqualTo(p.stat("/tmp").dev());
    }
    assertThat(p.stat("/..").ino()).isEqualTo(p.stat("/").ino());
    assertThat(p.stat("/").dev()).isEqualTo(p.stat("/..").dev());
  }

  @Test
  void dotDotAtAMountRootClimbsToTheParentMountNotTheCoveredDir() throws Exception {
    Stat root = p.stat("/");
    Stat tmp = p.stat("/tmp");
    assertThat(tmp.dev()).isNotEqualTo(root.dev());
    assertThat(p.stat("/tmp/..")).isEqualTo(root);
    assertThat(p.stat("/tmp/a/../..")).isEqualTo(root);
    assertThat(p.stat("/tmp/../dev").dev()).isEqualTo(p.stat("/dev").dev());
    // the directory under the /tmp mount is hidden: its (empty) contents never show
    expect(Errno.ENOENT, () -> p.stat("/tmp/../tmp/nonexistent"));
  }

  @Test
  void errorsInTheKernelsOrder() {
    expect(Errno.ENOENT, () -> p.stat(""));
    expect(Errno.EFAULT, () -> p.stat(null));
    expect(Errno.ENOENT, () -> p.stat("/tmp/nope"));
    expect(Errno.ENOENT, () -> p.stat("/tmp/nope/x"));
    expect(Errno.ENOTDIR, () -> p.stat("/tmp/a/f/x"));
    expect(Errno.ENOTDIR, () -> p.stat("/tmp/a/f/"));
    expect(Errno.ENOTDIR, () -> p.stat("/tmp/a/f/.."));
    expect(Errno.ENAMETOOLONG, () -> p.stat("/tmp/" + "x".repeat(256)));
    expect(Errno.ENAMETOOLONG, () -> p.stat("/tmp/" + "x".repeat(256) + "/y"));
    expect(Errno.ENAMETOOLONG, () -> p.stat("/" + "a/".repeat(2048)));
    expect(Errno.ENOENT, () -> p.stat("/tmp/" + "x".repeat(255)));
  }

  @Test
  void searchPermissionIsCheckedBeforeExistence() throws Exception {
    p.chmod("/tmp/a", 0700);
    Process u = h.user(1000, 1000);
    expect(Errno.EACCES, () -> u.stat("/tmp/a/f"));
    expect(Errno.EACCES, () -> u.stat("/tmp/a/nope"));
    expect(Errno.EACCES, () -> u.stat("/tmp/a/" + "x".repeat(300)));
    assertThat(u.stat("/tmp/a").mode() & 0777).isEqualTo(0700);
  }

  /**
   * statIfExists is stat, except that a missing last name gives null: the same Stat for every
   * path that exists, null only for a missing last name, and stat's own errno otherwise
   * (a missing directory on the way is still ENOENT).
   */
  @Test
  void statIfExistsIsStatWithNullForAMissingLastName() throws Exception {
    for (String s : new String[] {"/tmp/a/b", "/tmp/a/f", "/tmp/./a/../a/f", "/", "/tmp/.."}) {
      assertThat(p.statIfExists(s)).as(s).isEqualTo(p.stat(s));
    }
    for (String s : new String[] {"/tmp/nope", "/tmp/a/nope", "/tmp/a/b/nope/"}) {
      expect(Errno.ENOENT, () -> p.stat(s));
      assertThat(p.statIfExists(s)).as(s).isNull();
    }
    expect(Errno.ENOENT, () -> p.statIfExists("/tmp/nope/x"));
    expect(Errno.ENOENT, () -> p.statIfExists(""));
    expect(Errno.EFAULT, () -> p.statIfExists(null));
    expect(Errno.ENOTDIR, () -> p.statIfExists("/tmp/a/f/x"));
    expect(Errno.ENAMETOOLONG, () -> p.statIfExists("/tmp/" + "x".repeat(256)));
  }
}
