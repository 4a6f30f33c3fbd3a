package io.github.snowplowjakarta.cdi.internal;

/**
 * Whether MicroProfile Health is there, as in Payara, WildFly, Open Liberty and Quarkus with
 * SmallRye Health, but not in Tomcat with Weld: only then is {@link SnowplowHealthCheck}, which
 * cannot even be loaded without it, added. Not API.
 */
public final class HealthApi {
  private HealthApi() {}

  public static boolean present(ClassLoader loader) {
    try {
      Class.forName("org.eclipse.microprofile.health.HealthCheck", false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError absent) {
      return false;
    }
  }
}
