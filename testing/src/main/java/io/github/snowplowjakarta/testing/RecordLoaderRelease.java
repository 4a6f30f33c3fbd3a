package io.github.snowplowjakarta.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Uses a record of ours as an application would, from a class loader of its own that nothing else
 * refers to, so that a test can see the loader collected afterwards. On Java 17 a record's
 * generated {@code equals} leaves a method handle typed with the record's class in a JDK-wide cache
 * (JDK-8078641; on 25 still, but softly held): one call, and an undeployed web application's class
 * loader stays.
 */
public final class RecordLoaderRelease {
  private static final byte[] BYTES = {1};

  private RecordLoaderRelease() {}

  /**
   * The names of the records among the classes that come from where each of {@code modules} was
   * loaded from: a directory of class files, or a jar.
   */
  public static List<String> recordsBeside(Class<?>... modules) {
    List<String> records = new ArrayList<>();
    try (URLClassLoader loader = isolatedLoader()) {
      for (Class<?> module : modules) {
        Path location = Path.of(module.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(location)) {
          addRecords(location, loader, records);
        } else {
          try (FileSystem jar = FileSystems.newFileSystem(location)) {
            addRecords(jar.getPath("/"), loader, records);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException | ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    return records;
  }

  private static void addRecords(Path root, ClassLoader loader, List<String> records)
      throws IOException, ClassNotFoundException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String relative = root.relativize(file).toString();
        if (relative.endsWith("module-info.class") || relative.endsWith("package-info.class")) {
          continue;
        }
        String name =
            relative
                .substring(0, relative.length() - ".class".length())
                .replace(file.getFileSystem().getSeparator(), ".");
        if (Class.forName(name, false, loader).isRecord()) {
          records.add(name);
        }
      }
    }
  }

  /**
   * Makes two equal instances of the record in a loader of their own, calls {@code equals}, {@code
   * hashCode} and {@code toString}, and lets go of everything but a weak reference to the loader.
   */
  public static WeakReference<ClassLoader> use(String record) throws Exception {
    URLClassLoader loader = isolatedLoader();
    Class<?> type = Class.forName(record, false, loader);
    Object one = instance(type);
    Object other = instance(type);
    if (!one.equals(other) || one.hashCode() != other.hashCode() || one.toString().isEmpty()) {
      throw new AssertionError(record + ": two instances of the same components differ");
    }
    loader.close();
    return new WeakReference<>(loader);
  }

  /** Every entry of this test's class path, with no parent but the platform's. */
  private static URLClassLoader isolatedLoader() {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      try {
        urls.add(Path.of(entry).toUri().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalStateException(e);
      }
    }
    return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
  }

  private static Object instance(Class<?> type) throws Exception {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      values[i] = sample(types[i]);
    }
    Constructor<?> canonical = type.getDeclaredConstructor(types);
    canonical.setAccessible(true);
    return canonical.newInstance(values);
  }

  private static Object sample(Class<?> type) {
    if (type == boolean.class) {
      return false;
    }
    if (type == int.class) {
      return 1;
    }
    if (type == long.class) {
      return 1L;
    }
    if (type == String.class) {
      return "x";
    }
    if (type.isEnum()) {
      return type.getEnumConstants()[0];
    }
    if (type == Map.class) {
      return Map.of();
    }
    if (type == Set.class) {
      return Set.of();
    }
    if (type == List.class) {
      return List.of();
    }
    if (type == Duration.class) {
      return Duration.ofSeconds(1);
    }
    if (type == Path.class) {
      return Path.of("x");
    }
    if (type == URI.class) {
      return URI.create("http://127.0.0.1/");
    }
    if (type == byte[].class) {
      return BYTES; // one array: a record compares arrays by identity
    }
    return null;
  }
}
