package io.github.snowplowjakarta.cdi.internal;

import io.github.snowplowjakarta.cdi.SnowplowExtension;
import io.github.snowplowjakarta.cdi.Tracked;
import io.github.snowplowjakarta.cdi.TrackerNamespace;
import io.github.snowplowjakarta.core.Tracker;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.build.compatible.spi.BeanInfo;
import jakarta.enterprise.inject.build.compatible.spi.BuildCompatibleExtension;
import jakarta.enterprise.inject.build.compatible.spi.Discovery;
import jakarta.enterprise.inject.build.compatible.spi.InjectionPointInfo;
import jakarta.enterprise.inject.build.compatible.spi.Messages;
import jakarta.enterprise.inject.build.compatible.spi.Parameters;
import jakarta.enterprise.inject.build.compatible.spi.Registration;
import jakarta.enterprise.inject.build.compatible.spi.ScannedClasses;
import jakarta.enterprise.inject.build.compatible.spi.SkipIfPortableExtensionPresent;
import jakarta.enterprise.inject.build.compatible.spi.StereotypeInfo;
import jakarta.enterprise.inject.build.compatible.spi.Synthesis;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticBeanCreator;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticComponents;
import jakarta.enterprise.lang.model.AnnotationInfo;
import jakarta.enterprise.lang.model.declarations.ClassInfo;
import jakarta.enterprise.lang.model.declarations.MethodInfo;
import jakarta.enterprise.lang.model.types.Type;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@link SnowplowExtension} for CDI Lite containers (Quarkus's ArC), which run no portable
 * extension: the same producer, interceptor and checks, found through the build-compatible API. A
 * CDI Full container ignores it, as the portable extension is there. It reports a misused
 * {@code @Tracked} while the application builds; the configuration is read, and checked, when the
 * application starts, as it may differ from the build's. Not API.
 */
@SkipIfPortableExtensionPresent(SnowplowExtension.class)
public class SnowplowBuildCompatibleExtension implements BuildCompatibleExtension {
  private static final String NAMESPACES = "namespaces";

  private final Set<String> namespaces = new TreeSet<>();

  @Discovery
  public void addProducer(ScannedClasses classes) {
    classes.add(TrackerProducer.class.getName());
    classes.add(TrackedInterceptor.class.getName());
    if (HealthApi.present(SnowplowBuildCompatibleExtension.class.getClassLoader())) {
      classes.add(SnowplowHealthCheck.class.getName());
    }
  }

  @Registration(types = Object.class)
  public void collectTrackers(BeanInfo bean, Messages messages) {
    for (InjectionPointInfo injection : bean.injectionPoints()) {
      if (isTracker(injection.type())) {
        String namespace = "";
        for (AnnotationInfo qualifier : injection.qualifiers()) {
          if (qualifier.name().equals(TrackerNamespace.class.getName())) {
            namespace = qualifier.value().asString();
          }
        }
        namespaces.add(namespace);
      }
    }
    ClassInfo type = bean.declaringClass();
    if (!bean.isClassBean()
        || bean.isInterceptor()
        || type.name().equals(TrackedInterceptor.class.getName())) {
      return;
    }
    List<AnnotationInfo> found = new ArrayList<>();
    AnnotationInfo onType = type.annotation(Tracked.class);
    if (onType == null) {
      onType = fromStereotypes(bean);
    }
    if (onType != null) {
      found.add(onType);
    }
    for (MethodInfo method : type.methods()) {
      AnnotationInfo onMethod = method.annotation(Tracked.class);
      if (onMethod != null) {
        found.add(onMethod);
      }
    }
    for (AnnotationInfo tracked : found) {
      namespaces.add(member(tracked, "namespace"));
      String problem = TrackersInUse.trackedProblem(type.name(), member(tracked, "category"));
      if (problem != null) {
        messages.error(problem);
      }
    }
  }

  private static boolean isTracker(Type type) {
    return type.isClass() && type.asClass().declaration().name().equals(Tracker.class.getName());
  }

  private static AnnotationInfo fromStereotypes(BeanInfo bean) {
    for (StereotypeInfo stereotype : bean.stereotypes()) {
      for (AnnotationInfo binding : stereotype.interceptorBindings()) {
        if (binding.name().equals(Tracked.class.getName())) {
          return binding;
        }
      }
    }
    return null;
  }

  /** An annotation member's value, or "" (every optional member's default) if not given. */
  private static String member(AnnotationInfo annotation, String name) {
    return annotation.hasMember(name) ? annotation.member(name).asString() : "";
  }

  @Synthesis
  public void addTrackersInUse(SyntheticComponents components) {
    components
        .addBean(TrackersInUse.class)
        .type(TrackersInUse.class)
        .scope(Singleton.class)
        .withParam(NAMESPACES, namespaces.toArray(String[]::new))
        .createWith(Creator.class);
  }

  /** Creates the {@link TrackersInUse} bean, at run time, from what the build found. */
  public static final class Creator implements SyntheticBeanCreator<TrackersInUse> {
    @Override
    public TrackersInUse create(Instance<Object> lookup, Parameters params) {
      return new TrackersInUse(List.of(params.get(NAMESPACES, String[].class)));
    }
  }
}
