package io.github.snowplowjakarta.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one Jackson factory and mapper the library uses. Not API, may change. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();
  public static final JsonFactory FACTORY = MAPPER.getFactory();

  private Json() {}
}
