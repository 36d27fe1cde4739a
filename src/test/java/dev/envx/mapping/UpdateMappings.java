package dev.envx.mapping;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code mappings/snapshot.tsv} from downloaded (or shared) upstream tables; run by
 * {@code scripts/update-mappings}, which passes one tab-separated line per source on stdin:
 * {@code id	scope	file	url	revision	licence} (scope: listing, inverted, forward or pypi).
 */
public final class UpdateMappings {
  private UpdateMappings() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: UpdateMappings OUT < manifest.tsv");
      System.exit(2);
    }
    List<MappingSnapshot.Section> sections = new ArrayList<>();
    String manifest = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    for (String line : manifest.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length != 6) {
        throw new IllegalArgumentException("manifest line of " + f.length + " fields: " + line);
      }
      byte[] body = Files.readAllBytes(Path.of(f[2]));
      UpstreamFormat.Parsed parsed = UpstreamFormat.parse(body, Provenance.of(Layer.SNAPSHOT, f[0], f[3]));
      boolean condaKeyed = parsed.format() == UpstreamFormat.PARSELMOUTH || parsed.format() == UpstreamFormat.PARSELMOUTH_V0;
      if (condaKeyed == f[1].equals("pypi")) {
        throw new IllegalArgumentException(f[0] + ": scope `" + f[1] + "` does not fit a " + parsed.format() + " table");
      }
      MappingSnapshot.Scope scope = condaKeyed ? MappingSnapshot.Scope.valueOf(f[1]) : MappingSnapshot.Scope.inverted;
      sections.add(new MappingSnapshot.Section(f[0], condaKeyed, scope, f[3], f[4], f[5], parsed.layer()));
      System.err.printf("%-14s %-16s %6d rows  %s @ %s%n", f[0], parsed.format(), parsed.rows(), f[3], f[4]);
    }
    String text = MappingSnapshot.encode(sections);
    MappingSnapshot.decode(text, args[0]); // what is written must read back
    Path out = Path.of(args[0]);
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    System.err.printf("wrote %s (%d bytes)%n", out, text.length());
  }
}
