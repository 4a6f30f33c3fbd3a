package io.github.snowplowjakarta.quarkus.internal;

import io.github.snowplowjakarta.core.emitter.EmitterHealth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Dev UI's Snowplow card shows: every running emitter's figures, read each time the page
 * asks. Registered in development mode only. Not API.
 */
public class SnowplowJsonRpcService {
  public List<Map<String, Object>> getEmitters() {
    List<Map<String, Object>> emitters = new ArrayList<>();
    for (EmitterHealth emitter : EmitterHealth.running()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", emitter.name());
      row.putAll(emitter.details());
      emitters.add(row);
    }
    return emitters;
  }
}
