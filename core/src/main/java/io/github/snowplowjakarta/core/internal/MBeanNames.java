package io.github.snowplowjakarta.core.internal;

import java.lang.management.ManagementFactory;
import javax.management.InstanceAlreadyExistsException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * This project's MBeans in the platform MBean server, {@code
 * io.github.snowplowjakarta:type=<type>,name=<name>}: a name already taken (two applications
 * running one of the same name) gets {@code -2}, {@code -3}…; a name with characters an object name
 * reserves is quoted. Not API.
 */
public final class MBeanNames {
  private static final String DOMAIN = "io.github.snowplowjakarta";
  private static final int MAX_SAME_NAME = 1000;

  private MBeanNames() {}

  /** Registers {@code mbean}; the name it got. Throws what the MBean server throws. */
  public static ObjectName register(Object mbean, String type, String name) throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    for (int n = 1; n <= MAX_SAME_NAME; n++) {
      ObjectName objectName =
          new ObjectName(
              DOMAIN + ":type=" + type + ",name=" + quoteIfNeeded(n == 1 ? name : name + "-" + n));
      try {
        return server.registerMBean(mbean, objectName).getObjectName();
      } catch (InstanceAlreadyExistsException e) {
        // Another of the same name: the next number.
      }
    }
    throw new IllegalStateException(MAX_SAME_NAME + " MBeans of type " + type + " named " + name);
  }

  /** Takes {@code objectName} out of the platform MBean server. */
  public static void unregister(ObjectName objectName) throws Exception {
    ManagementFactory.getPlatformMBeanServer().unregisterMBean(objectName);
  }

  /** The {@code name} an object name was registered with, unquoted. */
  public static String name(ObjectName objectName) {
    String name = objectName.getKeyProperty("name");
    return name.startsWith("\"") ? ObjectName.unquote(name) : name;
  }

  private static String quoteIfNeeded(String value) {
    for (char c : value.toCharArray()) {
      if (",=:\"*?\\\n".indexOf(c) >= 0) {
        return ObjectName.quote(value);
      }
    }
    return value;
  }
}
