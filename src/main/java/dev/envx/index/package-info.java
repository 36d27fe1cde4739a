/**
 * Conda channel indexes: fetching, caching and parsing {@code repodata.json}, and virtual packages.
 *
 * <h2>Fetching</h2>
 * {@link dev.envx.index.RepodataClient} ({@code new RepodataClient(RepodataSettings)}) turns a
 * {@link dev.envx.model.conda.Channel} and a {@link dev.envx.model.conda.Platform} subdir into a local file:
 * <pre>{@code
 * RepodataSettings settings = RepodataSettings.defaults(env, osName, home).withOffline(offline);
 * RepodataClient client = new RepodataClient(settings);
 * List<Channel> channels = Channel.expand(List.of("conda-forge", "nodefaults"), ChannelConfig.standard());
 * RepodataIndex index = client.loadIndex(channels, Platform.LINUX_64);   // target + noarch per channel
 * List<PackageRecord> numpy = index.records("numpy");                     // priority order
 * }</pre>
 * {@code fetch(channel, subdir)} returns a {@link dev.envx.index.FetchedRepodata} (file + {@code Source}:
 * DOWNLOADED, NOT_MODIFIED, CACHED, LOCAL, MISSING). It prefers {@code repodata.json.zst}, skips the request
 * while the cache is younger than {@code Cache-Control: max-age}, then revalidates with ETag / Last-Modified,
 * fetches the subdirs of {@code loadIndex} in parallel, retries 5xx / 429 / timeouts with bounded exponential
 * backoff, works offline from the
 * cache, writes atomically and never stores or prints a channel token. A missing {@code noarch} is an error
 * ("channel not found"); another missing subdir is empty. {@code file://} channels are read in place.
 *
 * <h2>Sharded repodata (CEP 16)</h2>
 * {@code loadIndex} and {@code open} use a subdir's {@code repodata_shards.msgpack.zst} when the channel offers it
 * (the index is revalidated like {@code repodata.json}; a 404 is remembered for 14 days) and fall back to
 * {@code repodata.json(.zst)} otherwise. Such a subdir ({@link dev.envx.index.SubdirRepodata#isSharded()}) knows
 * its names up front and fetches the shard of a name only when {@code records(name)} asks for it
 * ({@link dev.envx.index.RepodataIndex#prefetch} downloads many in parallel). Shards are checked against their
 * sha256 and cached forever by it under {@code <cache>/shards/}; offline runs read them from there.
 * {@code ShardReader} maps shard records to the same {@link dev.envx.index.PackageRecord}s as the
 * JSON parser ({@code md5}/{@code sha256} as raw bytes or hex strings). {@code fetch}, {@code fetchAll} and
 * {@code load} stay on {@code repodata.json}.
 *
 * <h2>Parsing</h2>
 * {@link dev.envx.index.RepodataParser} streams one file into a {@link dev.envx.index.SubdirRepodata} (records by
 * name). {@link dev.envx.index.PackageRecord} holds raw strings: {@code version()} and the MatchSpec strings of
 * {@code depends()} / {@code constrains()} are for the consumer to parse, lazily, for the names it needs.
 * {@code url()} is computed from {@code info.base_url} (repodata v2, CEP-15) or the channel's subdir URL. A
 * package present as both {@code .tar.bz2} and {@code .conda} keeps only the {@code .conda} record.
 * {@link dev.envx.index.RepodataIndex} combines subdirs in channel order; channel priority
 * ({@link dev.envx.model.conda.ChannelPriority}) is applied by the solver adapter.
 *
 * <h2>Binary index cache</h2>
 * {@code loadIndex} and {@code load} read a plain {@code repodata.json} (remote: its cached body; {@code file://}:
 * in place) through {@code BinaryIndexCache}: the first read parses the JSON and writes
 * {@code <cache>/index/<channel>-<subdir>-<hash>.bidx} ({@code BinaryIndexWriter}: strings stored once, a
 * sorted name table, varint records, CRC-32C); later reads map it ({@code BinaryIndex}) and decode the records
 * of a name on its first lookup. The file holds its key (format, channel, subdir, source path, size, mtime,
 * inode) and is rebuilt from the JSON when the key differs or the file is truncated or damaged. Sharded
 * subdirs are already per-name and keep their shard cache.
 *
 * <h2>Virtual packages</h2>
 * {@link dev.envx.index.VirtualPackages#forPlatform} computes {@code __unix}, {@code __linux}, {@code __glibc},
 * {@code __osx}, {@code __win}, {@code __cuda} and {@code __archspec} for a target platform from defaults,
 * {@link dev.envx.index.VirtualPackageSettings} and the {@code CONDA_OVERRIDE_*} map;
 * {@link dev.envx.index.VirtualPackages#asRecords} turns them into records for the solver.
 */
package dev.envx.index;
