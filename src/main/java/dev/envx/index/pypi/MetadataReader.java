package dev.envx.index.pypi;

import dev.envx.index.pypi.PypiIndexException.Kind;
import dev.envx.model.pep508.PyPiName;
import dev.envx.model.wheel.CoreMetadata;
import dev.envx.model.wheel.WheelFilename;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * A distribution's core metadata, read the cheapest way the index allows: the PEP 658 / 714 metadata file
 * (checked against the hash the index announced: a mismatch is an error), else the wheel's
 * {@code *.dist-info/METADATA} through HTTP range requests on the zip's central directory, else the whole
 * wheel (checked against the file's hash). Metadata files are cached by their hash; the parsed metadata's
 * name and version must be the file's.
 */
public final class MetadataReader {
  /** Hash algorithms, strongest first; the first one the index gives is checked. */
  private static final List<String> ALGORITHMS = List.of("sha256", "sha512", "sha384", "sha224", "sha1", "md5");

  private static final java.util.regex.Pattern METADATA_ENTRY =
      java.util.regex.Pattern.compile("([^/]+)\\.dist-info/METADATA");

  /** How the metadata was obtained. */
  public enum Via { CACHE, METADATA_FILE, RANGE_REQUESTS, WHOLE_WHEEL }

  /** Metadata and where it came from; {@code requests} counts the fetches made. */
  public record Fetched(CoreMetadata metadata, Via via, int requests) {}

  private final Transport transport;
  private final Path workDir;

  /** {@code workDir} holds whole-wheel downloads while they are read (null: the system temp dir). */
  public MetadataReader(Transport transport, Path workDir) {
    this.transport = transport;
    this.workDir = workDir;
  }

  public Fetched read(PyPiName project, DistributionFile f) {
    Optional<String> cacheKey = cacheKey(f);
    if (cacheKey.isPresent() && transport.cache() != null) {
      Optional<byte[]> b = transport.cache().blob(cacheKey.get());
      if (b.isPresent() && (!f.hasCoreMetadata() || matches(b.get(), f.coreMetadata()))) {
        return new Fetched(check(project, f, b.get(), Transport.shown(f.url())), Via.CACHE, 0);
      }
    }
    if (f.hasCoreMetadata()) {
      URI url = f.metadataUrl();
      Fetcher.Response r = transport.get(url, Map.of(), false);
      if (r.status() == 200) {
        verify(r.body(), f.coreMetadata(), "metadata file", url);
        store(cacheKey, r.body());
        return new Fetched(check(project, f, r.body(), Transport.shown(url)), Via.METADATA_FILE, 1);
      }
      if (r.status() != 404) {
        throw Transport.statusError(r, url);
      }
    }
    if (!(f.parsed() instanceof WheelFilename)) {
      throw new PypiIndexException(Kind.NO_METADATA, "`" + f.filename() + "` of `" + project
          + "` is not a wheel and the index serves no metadata file for it",
          "envx reads dependencies from wheels and PEP 658 metadata; it does not build source distributions");
    }
    RangeChannel.Opened opened = RangeChannel.open(transport, f.url());
    if (opened != null && opened.whole() != null) {
      verify(opened.whole(), f.hashes(), "wheel", f.url());
      byte[] m = fromZip(new SeekableInMemoryByteChannel(opened.whole()), project, f);
      store(cacheKey, m);
      return new Fetched(check(project, f, m, Transport.shown(f.url())), Via.WHOLE_WHEEL, 1);
    }
    if (opened != null) {
      try (RangeChannel ch = opened.channel()) {
        byte[] m = fromZip(ch, project, f);
        store(cacheKey, m);
        return new Fetched(check(project, f, m, Transport.shown(f.url())), Via.RANGE_REQUESTS, ch.requests());
      }
    }
    return whole(project, f, cacheKey);
  }

  private Fetched whole(PyPiName project, DistributionFile f, Optional<String> cacheKey) {
    Path tmp = null;
    try {
      tmp = workDir == null ? Files.createTempFile("envx-wheel-", ".whl")
          : Files.createTempFile(Files.createDirectories(workDir), "envx-wheel-", ".whl");
      Fetcher.Response r = transport.download(f.url(), tmp);
      if (r.status() != 200) {
        throw r.status() == 404 ? new PypiIndexException(Kind.UNAVAILABLE, "`" + Transport.shown(f.url())
            + "` is listed by the index but answered 404") : Transport.statusError(r, f.url());
      }
      verify(tmp, f.hashes(), f.url());
      byte[] m;
      try (SeekableByteChannel ch = Files.newByteChannel(tmp)) {
        m = fromZip(ch, project, f);
      }
      store(cacheKey, m);
      return new Fetched(check(project, f, m, Transport.shown(f.url())), Via.WHOLE_WHEEL, 2);
    } catch (IOException e) {
      throw new PypiIndexException(Kind.UNAVAILABLE, "cannot read the downloaded `" + f.filename() + "`: "
          + e.getMessage());
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // a leftover temp file is harmless
        }
      }
    }
  }

  /** The bytes of the one {@code *.dist-info/METADATA} entry (the project's, when there are several). */
  private static byte[] fromZip(SeekableByteChannel ch, PyPiName project, DistributionFile f) {
    try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(ch).setIgnoreLocalFileHeader(true).get()) {
      List<ZipArchiveEntry> candidates = new ArrayList<>();
      for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
        java.util.regex.Matcher m = METADATA_ENTRY.matcher(e.getName());
        if (m.matches()) {
          candidates.add(e);
        }
      }
      ZipArchiveEntry pick = candidates.stream().filter(e -> {
        String dir = e.getName().substring(0, e.getName().indexOf(".dist-info/"));
        int dash = dir.indexOf('-');
        return PyPiName.normalize(dash < 0 ? dir : dir.substring(0, dash)).equals(project.normalized());
      }).findFirst().orElse(candidates.size() == 1 ? candidates.get(0) : null);
      if (pick == null) {
        throw new PypiIndexException(Kind.MALFORMED, "wheel `" + f.filename() + "` has "
            + (candidates.isEmpty() ? "no" : "no single") + " `*.dist-info/METADATA`");
      }
      try (InputStream in = zip.getInputStream(pick)) {
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new PypiIndexException(Kind.MALFORMED, "cannot read wheel `" + f.filename() + "` as a zip: "
          + e.getMessage());
    }
  }

  private static CoreMetadata check(PyPiName project, DistributionFile f, byte[] bytes, String origin) {
    CoreMetadata m = CoreMetadata.parse(bytes, origin);
    if (!m.name().equals(project) || f.parsed() != null && !m.version().equals(f.parsed().version())) {
      throw new PypiIndexException(Kind.MALFORMED, "metadata of `" + f.filename() + "` names `" + m.name()
          + " " + m.version() + "`, not `" + project + (f.parsed() == null ? "" : " " + f.parsed().version())
          + "`");
    }
    return m;
  }

  private static void verify(byte[] body, Map<String, String> hashes, String what, URI url) {
    for (String alg : ALGORITHMS) {
      String expected = hashes.get(alg);
      if (expected != null) {
        String got = HexFormat.of().formatHex(digest(alg).digest(body));
        if (!got.equalsIgnoreCase(expected)) {
          throw mismatch(what, url, alg, expected, got);
        }
        return;
      }
    }
  }

  private static void verify(Path file, Map<String, String> hashes, URI url) throws IOException {
    for (String alg : ALGORITHMS) {
      String expected = hashes.get(alg);
      if (expected != null) {
        MessageDigest d = digest(alg);
        try (InputStream in = Files.newInputStream(file)) {
          byte[] buf = new byte[1 << 16];
          for (int n; (n = in.read(buf)) > 0; ) {
            d.update(buf, 0, n);
          }
        }
        String got = HexFormat.of().formatHex(d.digest());
        if (!got.equalsIgnoreCase(expected)) {
          throw mismatch("wheel", url, alg, expected, got);
        }
        return;
      }
    }
  }

  private static boolean matches(byte[] body, Map<String, String> hashes) {
    try {
      verify(body, hashes, "", URI.create("cache:/"));
      return true;
    } catch (PypiIndexException e) {
      return false;
    }
  }

  private static PypiIndexException mismatch(String what, URI url, String alg, String expected, String got) {
    return new PypiIndexException(Kind.HASH_MISMATCH, "hash mismatch for " + what + " `" + Transport.shown(url)
        + "`: the index announced " + alg + " `" + expected + "`, the file has `" + got + "`",
        "the index (or a proxy) serves another file than it lists; retry, and report it to the index if it stays");
  }

  private static MessageDigest digest(String alg) {
    try {
      return MessageDigest.getInstance(switch (alg) {
        case "sha256" -> "SHA-256";
        case "sha512" -> "SHA-512";
        case "sha384" -> "SHA-384";
        case "sha224" -> "SHA-224";
        case "sha1" -> "SHA-1";
        default -> "MD5";
      });
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Metadata cached by the metadata file's sha256, else by the wheel's. */
  private static Optional<String> cacheKey(DistributionFile f) {
    if (f.hasCoreMetadata() && f.coreMetadata().containsKey("sha256")) {
      return Optional.of("metadata-sha256-" + f.coreMetadata().get("sha256"));
    }
    if (f.hashes().containsKey("sha256")) {
      return Optional.of("wheel-sha256-" + f.hashes().get("sha256") + ".metadata");
    }
    return Optional.empty();
  }

  private void store(Optional<String> key, byte[] bytes) {
    if (key.isPresent() && transport.cache() != null) {
      try {
        transport.cache().putBlob(key.get(), bytes);
      } catch (IOException e) {
        // an unwritable cache costs speed only
      }
    }
  }
}
