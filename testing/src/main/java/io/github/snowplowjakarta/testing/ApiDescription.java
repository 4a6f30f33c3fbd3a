package io.github.snowplowjakarta.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public API of a module's compiled classes as sorted, human-readable lines: every public type
 * outside {@code internal} packages, with its public and protected constructors, methods and
 * fields. A module's test compares it with a committed baseline, so that an API change shows up as
 * a reviewed diff of that file.
 *
 * <p>{@code -Dsnowplow.api.update=true} rewrites the baseline instead of failing.
 */
public final class ApiDescription {
  private static final String UPDATE = "snowplow.api.update";
  private static final String OUR_MODULES = "io.github.snowplowjakarta.";

  private ApiDescription() {}

  /** Describes the classes under {@code classes}, loaded (not initialised) by {@code loader}. */
  public static List<String> of(Path classes, ClassLoader loader) {
    Set<String> lines = new TreeSet<>();
    for (String name : classNames(classes)) {
      Class<?> type;
      try {
        type = load(name, loader);
      } catch (NoClassDefFoundError needsAnAbsentOptionalDependency) {
        // Such as Spring Boot 4's health indicator among the Boot 3 tests. Were it API, the
        // baseline would name it, and its absence here would fail the check.
        continue;
      }
      if (isApi(type)) {
        describe(type, lines);
      }
    }
    return new ArrayList<>(lines);
  }

  /**
   * Fails, naming the lines added and removed, unless the API under {@code classes} is the one
   * described in {@code baseline}; with {@code -Dsnowplow.api.update=true}, writes it there.
   */
  public static void check(Path classes, Path baseline) {
    List<String> actual = of(classes, Thread.currentThread().getContextClassLoader());
    if (Boolean.getBoolean(UPDATE)) {
      write(baseline, actual);
      return;
    }
    List<String> expected = read(baseline);
    if (expected.equals(actual)) {
      return;
    }
    Set<String> removed = new LinkedHashSet<>(expected);
    removed.removeAll(actual);
    Set<String> added = new LinkedHashSet<>(actual);
    added.removeAll(expected);
    StringBuilder message =
        new StringBuilder("The public API differs from ")
            .append(baseline.normalize())
            .append(". If the change is meant, run the build with -D")
            .append(UPDATE)
            .append("=true, review the file's diff and add a line to CHANGELOG.md.\n");
    removed.forEach(line -> message.append("- ").append(line).append('\n'));
    added.forEach(line -> message.append("+ ").append(line).append('\n'));
    throw new AssertionError(message.toString());
  }

  /**
   * Fails unless the module {@code descriptor} exports to everyone exactly the packages of the API
   * described in {@code baseline}, and exports {@code internal} packages, if at all, only to this
   * project's own modules.
   */
  public static void checkModule(ModuleDescriptor descriptor, Path baseline) {
    Set<String> apiPackages = new TreeSet<>();
    for (String line : read(baseline)) {
      String type = line.substring(0, line.indexOf(' '));
      apiPackages.add(type.substring(0, type.lastIndexOf('.')));
    }
    Set<String> exported = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    for (ModuleDescriptor.Exports export : descriptor.exports()) {
      if (!export.isQualified()) {
        exported.add(export.source());
      } else if (!export.source().contains(".internal")
          || !export.targets().stream().allMatch(target -> target.startsWith(OUR_MODULES))) {
        problems.add(
            "qualified export of a package that is not internal, or to another project: " + export);
      }
    }
    if (!exported.equals(apiPackages)) {
      problems.add(
          "exported to all: "
              + exported
              + ", but the API in "
              + baseline.normalize()
              + " is in "
              + apiPackages);
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(descriptor.name() + ": " + String.join("; ", problems));
    }
  }

  /**
   * Fails unless the module's {@code provides} and the {@code META-INF/services} files under {@code
   * classes} name the same services and providers: the first serve the module path, the second the
   * class path, where containers load a WAR.
   */
  public static void checkServices(ModuleDescriptor descriptor, Path classes) {
    Map<String, List<String>> provided = new TreeMap<>();
    descriptor.provides().forEach(p -> provided.put(p.service(), p.providers()));
    Map<String, List<String>> listed = new TreeMap<>();
    Path services = classes.resolve("META-INF/services");
    if (Files.isDirectory(services)) {
      try (Stream<Path> files = Files.list(services)) {
        for (Path file : files.toList()) {
          listed.put(
              file.getFileName().toString(),
              Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                  .map(line -> line.replaceAll("#.*", "").trim())
                  .filter(line -> !line.isEmpty())
                  .toList());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (!provided.equals(listed)) {
      throw new AssertionError(
          descriptor.name() + " provides " + provided + " but META-INF/services lists " + listed);
    }
  }

  /** The descriptor compiled into {@code classes}, from its {@code module-info.class}. */
  public static ModuleDescriptor descriptorIn(Path classes) {
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      return ModuleDescriptor.read(in);
    } catch (IOException e) {
      throw new AssertionError("No module-info.class in " + classes.normalize(), e);
    }
  }

  private static boolean isApi(Class<?> type) {
    if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
      return false;
    }
    if (type.getPackageName().contains(".internal")) {
      return false;
    }
    for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
      if (!Modifier.isPublic(t.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  private static void describe(Class<?> type, Set<String> lines) {
    String name = type.getName();
    lines.add(name + " : is " + declaration(type));
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (visible(constructor)) {
        lines.add(name + " : " + signature(constructor, name));
      }
    }
    for (Method method : type.getDeclaredMethods()) {
      if (visible(method) && !method.isBridge()) {
        lines.add(name + " : " + signature(method, name));
      }
    }
    for (Field field : type.getDeclaredFields()) {
      if (visible(field)) {
        lines.add(name + " : " + field.toGenericString().replace(name + ".", ""));
      }
    }
  }

  private static String declaration(Class<?> type) {
    // Java 23 and later name sealed and non-sealed classes here, Java 17 does not: the line must be
    // the same on both.
    StringBuilder line =
        new StringBuilder(type.toGenericString().replace("non-sealed ", "").replace("sealed ", ""));
    Class<?> superclass = type.getSuperclass();
    if (superclass != null
        && superclass != Object.class
        && superclass != Record.class
        && superclass != Enum.class) {
      line.append(" extends ").append(type.getGenericSuperclass().getTypeName());
    }
    String interfaces =
        Arrays.stream(type.getGenericInterfaces())
            .map(java.lang.reflect.Type::getTypeName)
            .collect(Collectors.joining(", "));
    if (!interfaces.isEmpty()) {
      line.append(type.isInterface() ? " extends " : " implements ").append(interfaces);
    }
    return line.toString();
  }

  private static String signature(Executable executable, String owner) {
    return executable.toGenericString().replace(owner + ".", "");
  }

  private static boolean visible(Member member) {
    int modifiers = member.getModifiers();
    return !member.isSynthetic()
        && (Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers));
  }

  private static List<String> classNames(Path classes) {
    try (Stream<Path> files = Files.walk(classes)) {
      return files
          .map(classes::relativize)
          .map(Path::toString)
          .filter(file -> file.endsWith(".class") && !file.endsWith("module-info.class"))
          .map(file -> file.substring(0, file.length() - ".class".length()).replace('/', '.'))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Class<?> load(String name, ClassLoader loader) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(name + " is not on the test class path", e);
    }
  }

  private static List<String> read(Path baseline) {
    try {
      return Files.readAllLines(baseline, StandardCharsets.UTF_8).stream()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new AssertionError(
          "No API baseline at "
              + baseline.normalize()
              + ": run the build once with -D"
              + UPDATE
              + "=true and commit the file",
          e);
    }
  }

  private static void write(Path baseline, List<String> lines) {
    List<String> content = new ArrayList<>();
    content.add(
        "# The public API of this module, generated by ApiDescription: do not edit by hand.");
    content.add("# A change here is an API change: review it and add a line to CHANGELOG.md.");
    content.addAll(lines);
    try {
      Files.createDirectories(baseline.toAbsolutePath().getParent());
      Files.write(baseline, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
