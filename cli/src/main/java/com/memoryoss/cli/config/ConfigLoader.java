package com.memoryoss.cli.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads {@code memoryoss.toml} once into a validated {@link ConfigFile}. Unknown keys, wrong types
 * and impossible values are errors naming the key; keys of the original that do nothing here are
 * accepted with a warning each ({@link InertKeys}); environment variables override the secrets as
 * the original does ({@code MEMORYOSS_JWT_SECRET}, ...).
 */
public final class ConfigLoader {
  private static final TomlMapper TOML = TomlMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .build();

  private ConfigLoader() {}

  /**
   * A loaded config and the keys of the file that have no effect here (one warning each, for
   * the server to log once at start).
   */
  public record Loaded(ConfigFile config, List<String> warnings) {
    public Loaded {
      warnings = List.copyOf(warnings);
    }
  }

  /** Parses and validates a file, then applies environment overrides. */
  public static ConfigFile load(Path file, Map<String, String> env) {
    return loadWithWarnings(file, env).config();
  }

  /** {@link #load}, also reporting the file's keys that have no effect on this server. */
  public static Loaded loadWithWarnings(Path file, Map<String, String> env) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("", "config file not found: " + file);
    } catch (IOException e) {
      throw new ConfigException("", "cannot read " + file + ": " + e.getMessage());
    }
    Loaded parsed = parseWithWarnings(text);
    return new Loaded(ConfigValidator.validate(EnvOverrides.apply(parsed.config(), env)),
        parsed.warnings());
  }

  /** Every default, with environment overrides: {@code memoryoss dev} without a file. */
  public static ConfigFile defaults(Map<String, String> env) {
    return ConfigValidator.validate(EnvOverrides.apply(ConfigFile.defaults(), env));
  }

  /** Re-validates a config changed by command-line overrides. */
  public static ConfigFile revalidate(ConfigFile f) {
    return ConfigValidator.validate(f);
  }

  /** Parses TOML text (no validation, no environment). */
  public static ConfigFile parse(String toml) {
    return parseWithWarnings(toml).config();
  }

  private static Loaded parseWithWarnings(String toml) {
    if (toml.isBlank()) {
      return new Loaded(ConfigFile.defaults(), List.of());
    }
    try {
      JsonNode tree = TOML.readTree(toml);
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        return new Loaded(ConfigFile.defaults(), List.of());
      }
      List<String> warnings = InertKeys.extract(tree).stream().map(Object::toString).toList();
      ConfigFile f = TOML.treeToValue(tree, ConfigFile.class);
      return new Loaded(f == null ? ConfigFile.defaults() : f, warnings);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(key(e), "unknown key");
    } catch (MismatchedInputException e) {
      throw new ConfigException(key(e), "expected " + expected(e.getTargetType()));
    } catch (JsonMappingException e) {
      throw new ConfigException(key(e), e.getOriginalMessage().split("\n")[0]);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw new ConfigException("", "invalid TOML"
          + (loc == null ? "" : " at line " + loc.getLineNr()) + ": "
          + e.getOriginalMessage().split("\n")[0]);
    }
  }

  private static String key(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? snake(r.getFieldName()) : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  /** Jackson reports record component names for some paths: show the TOML spelling. */
  private static String snake(String name) {
    return PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(name);
  }

  private static String expected(Class<?> t) {
    if (t == null) {
      return "a different type";
    }
    if (t == Integer.class || t == Long.class) {
      return "an integer";
    }
    if (t == Double.class) {
      return "a number";
    }
    if (t == Boolean.class) {
      return "true or false";
    }
    if (t == String.class) {
      return "a string";
    }
    if (java.util.List.class.isAssignableFrom(t)) {
      return "an array";
    }
    return "a table";
  }
}
