package dev.envx.install;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON as conda writes it in {@code conda-meta/} and package caches: objects with sorted keys, 2-space indent. */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private Json() {}

  static Map<String, Object> read(Path file) throws IOException {
    return MAPPER.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {});
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  static Map<String, Object> readIfExists(Path file) throws IOException {
    return Files.isRegularFile(file) ? read(file) : null;
  }
}
