/**
 * The one HTTP layer: {@link dev.envx.http.Http} holds the process's one okhttp client, built from
 * {@link dev.envx.settings.Settings} (offline mode, proxies with {@code no_proxy}, the CA bundle, timeouts, the user
 * agent), retries 5xx, 429, timeouts and resets with bounded exponential backoff, and resumes downloads with
 * {@code Range}; {@link dev.envx.http.ConditionalCache} is the one conditional-GET cache (validators, body written
 * atomically, a damaged entry discarded). No other package uses okhttp (LayeringTest). Credentials (URL user
 * info, {@code Authorization}, proxy passwords) are never part of a message, a cache file or a log line.
 * Depends on {@code settings}, {@code io} and {@code diag}.
 */
package dev.envx.http;
