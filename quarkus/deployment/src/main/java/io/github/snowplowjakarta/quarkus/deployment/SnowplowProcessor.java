package io.github.snowplowjakarta.quarkus.deployment;

import io.github.snowplowjakarta.core.Tracker;
import io.github.snowplowjakarta.quarkus.SnowplowConfig;
import io.github.snowplowjakarta.quarkus.internal.SnowplowJsonRpcService;
import io.github.snowplowjakarta.quarkus.internal.SnowplowMeterBinder;
import io.github.snowplowjakarta.quarkus.internal.SnowplowRecorder;
import io.github.snowplowjakarta.quarkus.internal.vertx.HtmlTitles;
import io.github.snowplowjakarta.quarkus.internal.vertx.JoiningServletFilter;
import io.github.snowplowjakarta.quarkus.internal.vertx.VertxRecorder;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.BeanContainerBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.IsDevelopment;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.AdditionalIndexedClassesBuildItem;
import io.quarkus.deployment.builditem.ConfigMappingBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.ShutdownContextBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.RuntimeInitializedClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ServiceProviderBuildItem;
import io.quarkus.deployment.metrics.MetricsCapabilityBuildItem;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;
import io.quarkus.resteasy.reactive.spi.WriterInterceptorBuildItem;
import io.quarkus.runtime.metrics.MetricsFactory;
import io.quarkus.vertx.http.deployment.FilterBuildItem;
import jakarta.servlet.DispatcherType;
import java.util.Optional;

/**
 * The build steps of the Snowplow extension. The trackers, {@code @Tracked}, customizers, consent
 * sources and the readiness check come from the CDI module's build-compatible extension, which ArC
 * runs as it runs any; the steps here add what is Quarkus's own.
 */
class SnowplowProcessor {
  static final String FEATURE = "snowplow";
  static final int ROUTE_FILTER_PRIORITY = 10;

  @BuildStep
  FeatureBuildItem feature() {
    return new FeatureBuildItem(FEATURE);
  }

  /**
   * The {@code snowplow.*} keys, for Quarkus to list, give their defaults and reject a misspelt
   * one, whether or not the application injects {@link SnowplowConfig}.
   */
  @BuildStep
  AdditionalIndexedClassesBuildItem indexConfiguration() {
    return new AdditionalIndexedClassesBuildItem(SnowplowConfig.class.getName());
  }

  @BuildStep
  ConfigMappingBuildItem configuration() {
    return new ConfigMappingBuildItem(SnowplowConfig.class, "snowplow");
  }

  @BuildStep
  @Record(ExecutionTime.RUNTIME_INIT)
  void checkConfiguration(SnowplowRecorder recorder) {
    recorder.checkConfiguration();
  }

  /** The emitters' meters, where the application has quarkus-micrometer. */
  @BuildStep
  void metrics(
      Optional<MetricsCapabilityBuildItem> metrics, BuildProducer<AdditionalBeanBuildItem> beans) {
    if (metrics.isPresent() && metrics.get().metricsSupported(MetricsFactory.MICROMETER)) {
      beans.produce(AdditionalBeanBuildItem.unremovableOf(SnowplowMeterBinder.class));
    }
  }

  /**
   * Page views for every request Quarkus serves (quarkus-rest, Vert.x routes, Undertow): a route
   * filter ahead of the application's handlers. Low among filters, so Quarkus's own (CORS, say)
   * have answered the requests they answer before it.
   */
  @BuildStep
  @Record(ExecutionTime.RUNTIME_INIT)
  FilterBuildItem routeFilter(
      VertxRecorder recorder, ShutdownContextBuildItem shutdown, BeanContainerBuildItem beans) {
    return new FilterBuildItem(recorder.routeFilter(shutdown), ROUTE_FILTER_PRIORITY);
  }

  /**
   * Under quarkus-undertow, the servlet filter that joins the route filter's request and tracks
   * with the CDI tracker; the filter's initializer then stands down, and with it its own emitter.
   */
  @BuildStep
  void servletFilter(
      Capabilities capabilities,
      BuildProducer<io.quarkus.undertow.deployment.FilterBuildItem> filters) {
    if (capabilities.isPresent(Capability.SERVLET)) {
      filters.produce(
          new io.quarkus.undertow.deployment.FilterBuildItem.Builder(
                  "snowplow", JoiningServletFilter.class.getName())
              .setAsyncSupported(true)
              .addFilterUrlMapping("/*", DispatcherType.REQUEST)
              .build());
    }
  }

  /**
   * The default tracker, which the route filter and the servlet filter track with, even in an
   * application that injects none: ArC would otherwise remove it as unused.
   */
  @BuildStep
  UnremovableBeanBuildItem defaultTracker() {
    return UnremovableBeanBuildItem.beanTypes(Tracker.class);
  }

  /** Titles of quarkus-rest pages: Qute's and any other {@code text/html} entity's. */
  @BuildStep
  void restTitles(Capabilities capabilities, BuildProducer<WriterInterceptorBuildItem> writers) {
    if (capabilities.isPresent(Capability.REST)) {
      writers.produce(new WriterInterceptorBuildItem.Builder(HtmlTitles.class.getName()).build());
    }
  }

  @BuildStep(onlyIf = IsDevelopment.class)
  CardPageBuildItem devUiCard() {
    CardPageBuildItem card = new CardPageBuildItem();
    card.addPage(
        Page.webComponentPageBuilder()
            .title("Emitters")
            .componentLink("qwc-snowplow-emitters.js")
            .icon("font-awesome-solid:paper-plane"));
    return card;
  }

  @BuildStep(onlyIf = IsDevelopment.class)
  JsonRPCProvidersBuildItem devUiService() {
    return new JsonRPCProvidersBuildItem(SnowplowJsonRpcService.class);
  }

  /**
   * What a native image needs that it cannot see: the service files the tracker reads, its
   * resources, and the class that seeds its random ids, which must seed at run time, not in the
   * image.
   */
  @BuildStep
  void nativeImage(
      BuildProducer<ServiceProviderBuildItem> services,
      BuildProducer<NativeImageResourceBuildItem> resources,
      BuildProducer<RuntimeInitializedClassBuildItem> runtimeInitialized) {
    services.produce(
        ServiceProviderBuildItem.allProvidersFromClassPath(
            "io.github.snowplowjakarta.servlet.internal.ConsentSourceFinder"));
    services.produce(
        ServiceProviderBuildItem.allProvidersFromClassPath(
            "io.github.snowplowjakarta.web.consent.ConsentSource"));
    resources.produce(
        new NativeImageResourceBuildItem(
            "META-INF/snowplow-tracker.properties",
            "io/github/snowplowjakarta/web/internal/crawler-user-agents.txt"));
    runtimeInitialized.produce(
        new RuntimeInitializedClassBuildItem(
            "io.github.snowplowjakarta.core.internal.RandomUuids"));
  }
}
