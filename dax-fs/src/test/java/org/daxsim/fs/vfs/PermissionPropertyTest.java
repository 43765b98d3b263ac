package org.daxsim.fs.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.daxsim.fs.vfs.VfsTesting.errnoOf;

import java.util.Set;
import org.daxsim.core.Errno;
import org.daxsim.prop.Gen;
import org.daxsim.prop.Property;
import org.junit.jupiter.api.Test;

/** generic_permission() for root, owner, group, other x r/w/x x file/dir against a model. */
class PermissionPropertyTest {
  enum Who { ROOT, OWNER, GROUP, SUPPLEMENTARY, OTHER }

  enum Access { R, W, X }

  static final int OWNER_UID = 1000;
  static final int FILE_GID = 100;

  /** The obviously-right model: pick one class of bits; root overrides except x on files. */
  static boolean model(Who who, int mode, boolean dir, Access a) {
    int bit = switch (a) {
      case R -> 4;
      case W -> 2;
      case X -> 1;
    };
    return switch (who) {
      case ROOT -> dir || a != Access.X || (mode & 0111) != 0;
      case OWNER -> ((mode >> 6) & bit) != 0;
      case GROUP, SUPPLEMENTARY -> ((mode >> 3) & bit) != 0;
      case OTHER -> (mode & bit) != 0;
    };
  }

  static Cred cred(Who who) {
    return switch (who) {
      case ROOT -> Cred.ROOT;
      case OWNER -> new Cred(OWNER_UID, 555, Set.of());
      case GROUP -> new Cred(2000, FILE_GID, Set.of());
      case SUPPLEMENTARY -> new Cred(2001, 7, Set.of(3, FILE_GID));
      case OTHER -> new Cred(3000, 300, Set.of(301));
    };
  }

  @Test
  void permissionMatrixMatchesTheModel() {
    Property.forAll(Gen.elements(Who.values()), Gen.ints(0, 0777), Gen.booleans())
        .named("permission matrix").tries(300).checkAssert((who, mode, dir) -> {
          VfsTesting.Host h = new VfsTesting.Host();
          Process owner = h.vfs.newProcess(new Cred(OWNER_UID, FILE_GID, Set.of()));
          owner.umask(0);
          String path = "/tmp/obj";
          if (dir) {
            owner.mkdir(path, 0777);
            owner.mkdir(path + "/child", 0777);
          } else {
            owner.close(owner.open(path, Fcntl.O_CREAT | Fcntl.O_RDWR, 0666));
          }
          owner.chmod(path, mode);
          Process p = h.vfs.newProcess(cred(who));
          for (Access a : Access.values()) {
            boolean want = model(who, mode, dir, a);
            Errno got = dir ? dirAccess(p, path, a) : fileAccess(p, path, a);
            boolean dirWrite = dir && a == Access.W;
            boolean expectOk = dirWrite ? want && model(who, mode, true, Access.X) : want;
            assertThat(got).as("%s %s 0%o %s", who, dir ? "dir" : "file", mode, a)
                .isEqualTo(expectOk ? null : Errno.EACCES);
          }
        });
  }

  private static Errno fileAccess(Process p, String path, Access a) throws Exception {
    return switch (a) {
      case R -> errnoOf(() -> p.close(p.open(path, Fcntl.O_RDONLY)));
      case W -> errnoOf(() -> p.close(p.open(path, Fcntl.O_WRONLY)));
      case X -> {
        Inode inode;
        synchronized (p.vfs().ns) {
          inode = new Namei(p.vfs(), p.cred()).lookup(path).inode();
        }
        yield errnoOf(() -> Permission.check(p.cred(), inode, Fcntl.MAY_EXEC));
      }
    };
  }

  /** Dir: r = open O_RDONLY, x = lookup of a child, w = mkdir in it (needs w and x). */
  private static Errno dirAccess(Process p, String path, Access a) {
    return switch (a) {
      case R -> errnoOf(() -> p.close(p.open(path, Fcntl.O_RDONLY)));
      case X -> errnoOf(() -> p.stat(path + "/child"));
      case W -> errnoOf(() -> p.mkdir(path + "/new", 0755));
    };
  }
}
