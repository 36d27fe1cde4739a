package dev.envx.cli;

import dev.envx.http.Http;
import dev.envx.http.HttpOptions;
import dev.envx.settings.Settings;
import java.nio.file.Path;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.envx.diag.Diagnostic;
import dev.envx.diag.DiagnosticRenderer;
import dev.envx.diag.Severity;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What every command needs from the outside world: streams, environment variables and the global output
 * settings. Built once per invocation by {@link Main}; never static.
 */
public final class Cli {
  private final PrintWriter out;
  private final PrintWriter err;
  private final InputStream in;
  private final Map<String, String> env;
  private final GlobalOptions options;
  private final CommandModel commands;
  private Settings settings;
  private java.util.concurrent.CompletableFuture<dev.envx.mapping.MappingLoader.Loaded> mappingLoad;
  private Http http;

  Cli(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env, GlobalOptions options,
      CommandModel commands) {
    this.out = out;
    this.err = err;
    this.in = in;
    this.env = Map.copyOf(env);
    this.options = options;
    this.commands = commands;
  }

  /** How this run builds its picocli command lines. */
  CommandModel commands() {
    return commands;
  }

  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }

  public Map<String, String> env() {
    return env;
  }

  /**
   * The settings of this run, read once from the environment and the global flags (see
   * {@link Settings#fromEnvironment}).
   */
  public Settings settings() {
    if (settings == null) {
      settings = Settings.fromEnvironment(env, System.getProperty("os.name", "linux"),
          Path.of(System.getProperty("user.home", ".")), Runtime.getRuntime().availableProcessors(),
          options.offline);
    }
    return settings;
  }

  /**
   * The name mapping of this run being loaded on another thread (started on the first call; {@link Main} starts
   * it before building the command line for the commands that convert, see {@link Mappers#startLoading}). It
   * depends on the environment only: conversion never fetches, so {@code --offline} does not change it.
   */
  synchronized java.util.concurrent.CompletableFuture<dev.envx.mapping.MappingLoader.Loaded> mappingLoad() {
    if (mappingLoad == null) {
      Settings conversion = Settings.fromEnvironment(env, System.getProperty("os.name", "linux"),
          Path.of(System.getProperty("user.home", ".")), Runtime.getRuntime().availableProcessors(), true);
      mappingLoad = Mappers.load(dev.envx.mapping.MappingSettings.of(conversion));
    }
    return mappingLoad;
  }

  /**
   * The run's one HTTP client, built from {@link #settings()} (offline, proxies, CA bundle) with the user agent
   * {@code envx/<version>}; okhttp itself is built on the first request.
   */
  public Http http() {
    if (http == null) {
      http = Http.of(settings(), HttpOptions.DEFAULT.withUserAgent("envx/" + VersionProvider.version()));
    }
    return http;
  }

  public BufferedReader stdin() {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  public boolean json() {
    return options.json;
  }

  public boolean quiet() {
    return options.quiet;
  }

  public boolean verbose() {
    return options.verbose;
  }

  /** Colors only when asked for by neither {@code --no-color} nor {@code NO_COLOR}, and on a terminal. */
  public boolean color() {
    if (options.noColor) {
      return false;
    }
    String noColor = env.get("NO_COLOR");
    if (noColor != null && !noColor.isEmpty()) {
      return false;
    }
    if ("dumb".equals(env.get("TERM"))) {
      return false;
    }
    return options.forceColor || System.console() != null;
  }

  public DiagnosticRenderer renderer() {
    return new DiagnosticRenderer(color());
  }

  /** Prints diagnostics to stderr (warnings and notes are suppressed by {@code --quiet}). */
  public void report(List<Diagnostic> diagnostics) {
    DiagnosticRenderer r = renderer();
    for (Diagnostic d : diagnostics) {
      if (quiet() && d.severity() != Severity.ERROR) {
        continue;
      }
      err.print(r.render(d));
    }
    err.flush();
  }

  /** A message for {@code --verbose} runs only, on stderr. */
  public void debug(String message) {
    if (verbose()) {
      err.println("debug: " + message);
      err.flush();
    }
  }

  /** Writes a value as pretty JSON on stdout. */
  public void printJson(Object value) {
    try {
      out.println(jsonMapper().writeValueAsString(value));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ObjectMapper jsonMapper() {
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

  /**
   * Compact JSON, one value per line (JSON Lines), for batch answers. Built on first use, not in a static
   * initializer of a command class: setting up Jackson costs tens of milliseconds in a cold JVM, and `envx solve`
   * touches those classes without writing JSON.
   */
  static com.fasterxml.jackson.databind.ObjectWriter jsonLines() {
    return JsonLines.WRITER;
  }

  private static final class JsonLines {
    static final com.fasterxml.jackson.databind.ObjectWriter WRITER =
        jsonMapper().writer().without(SerializationFeature.INDENT_OUTPUT);
  }
}
