/**
 * {@link dev.envx.settings.Settings}: the one record of machine and run settings (directories per platform,
 * offline, proxy, CA bundle, parallelism), read once in the CLI and passed down. Depends only on the JDK.
 */
package dev.envx.settings;
