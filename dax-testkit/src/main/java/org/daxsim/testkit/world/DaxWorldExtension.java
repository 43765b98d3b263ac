package org.daxsim.testkit.world;

import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.daxsim.core.ErrnoException;
import org.daxsim.sim.DaxSim;
import org.daxsim.sim.Host;
import org.daxsim.sim.Result;
import org.daxsim.sim.ScriptSyntaxException;
import org.daxsim.sim.Shell;
import org.daxsim.sim.World;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link DaxWorld}: resolves {@link World}, {@link Shell} and
 * {@link Host} parameters to one fresh world per test (built from the nearest
 * {@code @DaxWorld}: the method's, else its class's or an enclosing class's), and after the test
 * runs {@link WorldInvariants#check(World, String...)} on it when a parameter asked for it,
 * so a broken invariant fails the test (in the manner of Caffeine's cache validation after each
 * test). Register it through {@code @DaxWorld}; a bad spec or a failing script line fails
 * the parameter's resolution with the reason.
 */
public final class DaxWorldExtension implements ParameterResolver, AfterEachCallback {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(DaxWorldExtension.class);
  private static final String KEY = "world";

  /** The extension; JUnit instantiates it for {@code @DaxWorld}. */
  public DaxWorldExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
    Class<?> t = pc.getParameter().getType();
    return t == World.class || t == Shell.class || t == Host.class;
  }

  @Override
  public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
    Shell sh = ec.getStore(NS).getOrComputeIfAbsent(KEY, k -> create(settings(ec)),
        Shell.class);
    Class<?> t = pc.getParameter().getType();
    if (t == Shell.class) {
      return sh;
    }
    return t == World.class ? sh.world() : sh.world().currentHost();
  }

  @Override
  public void afterEach(ExtensionContext ec) {
    Shell sh = ec.getStore(NS).get(KEY, Shell.class);
    DaxWorld s = settings(ec);
    if (sh != null && s.check()) {
      WorldInvariants.check(sh.world(), s.ignore());
    }
  }

  /** The nearest {@code @DaxWorld}: on the method, its class, then enclosing classes. */
  static DaxWorld settings(ExtensionContext ec) {
    for (Optional<ExtensionContext> c = Optional.of(ec); c.isPresent(); c = c.get().getParent()) {
      Optional<AnnotatedElement> el = c.get().getElement();
      Optional<DaxWorld> found = AnnotationSupport.findAnnotation(el, DaxWorld.class);
      if (found.isPresent()) {
        return found.get();
      }
    }
    throw new ParameterResolutionException("no @DaxWorld on the test or its classes");
  }

  /** A fresh world from {@code s}'s spec with its script run; every line must succeed. */
  static Shell create(DaxWorld s) {
    Shell sh;
    try {
      sh = DaxSim.newShell(DaxSim.newWorld(s.value()));
    } catch (ErrnoException e) {
      throw new ParameterResolutionException("@DaxWorld(\"" + s.value() + "\"): "
          + e.getMessage(), e);
    }
    int n = 0;
    for (String line : s.script()) {
      n++;
      Result r;
      try {
        r = sh.execute(line);
      } catch (ScriptSyntaxException e) {
        throw new ParameterResolutionException("@DaxWorld script line " + n + " '" + line
            + "': " + e.getMessage(), e);
      }
      if (!r.ok()) {
        throw new ParameterResolutionException("@DaxWorld script line " + n + " '" + line
            + "' failed with exit " + r.exit() + (r.errno() == null ? "" : " " + r.errno())
            + ": " + r.stderr().strip());
      }
    }
    return sh;
  }
}
