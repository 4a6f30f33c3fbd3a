package io.github.snowplowjakarta.cdi;

import io.github.snowplowjakarta.cdi.internal.SnowplowBuildCompatibleExtension;
import jakarta.enterprise.inject.build.compatible.spi.BuildCompatibleExtension;
import jakarta.enterprise.inject.build.compatible.spi.SkipIfPortableExtensionPresent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.jboss.weld.environment.se.Weld;

/**
 * The Weld containers the tests run in: with the portable extension, as in CDI Full, or with the
 * build-compatible extension alone, as a CDI Lite container runs it. Discovery is off, so Weld
 * reads no {@code META-INF/services} for portable extensions itself.
 *
 * <p>Weld, a CDI Full container, never runs a build-compatible extension marked {@link
 * SkipIfPortableExtensionPresent}, present portable extension or not. So these containers get the
 * very class the jar ships, its bytes loaded again by a class loader that cannot see that
 * annotation (an annotation whose type cannot be loaded is not there); every other class, ours
 * included, comes from the test's class path as usual.
 */
final class Containers {
  private static final Class<? extends BuildCompatibleExtension> EXTENSION =
      new WithoutSkipAnnotation(Containers.class.getClassLoader())
          .extension()
          .asSubclass(BuildCompatibleExtension.class);

  private Containers() {}

  /** A container of these beans, with the portable extension. */
  static Weld portable(Class<?>... beans) {
    return new Weld()
        .disableDiscovery()
        .addExtension(new SnowplowExtension())
        .addBeanClasses(beans);
  }

  /** A container of these beans, with the build-compatible extension and no portable one. */
  static Weld lite(Class<?>... beans) {
    return new Weld()
        .disableDiscovery()
        .addBuildCompatibleExtensions(EXTENSION)
        .addBeanClasses(beans);
  }

  /** The build-compatible extension's class as {@link #lite} containers see it. */
  static Class<?> liteExtension() {
    return EXTENSION;
  }

  private static final class WithoutSkipAnnotation extends ClassLoader {
    private static final String NAME = SnowplowBuildCompatibleExtension.class.getName();

    WithoutSkipAnnotation(ClassLoader parent) {
      super(parent);
    }

    Class<?> extension() {
      try {
        return loadClass(NAME);
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.equals(SkipIfPortableExtensionPresent.class.getName())) {
        throw new ClassNotFoundException(name);
      }
      if (!name.equals(NAME) && !name.startsWith(NAME + "$")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          try (InputStream in =
              getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            byte[] bytes = in.readAllBytes();
            loaded = defineClass(name, bytes, 0, bytes.length);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        return loaded;
      }
    }
  }
}
