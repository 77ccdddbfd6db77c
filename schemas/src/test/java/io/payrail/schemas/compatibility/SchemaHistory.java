package io.payrail.schemas.compatibility;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/** The published versions of a schema, kept in {@code schema-history/<Event>/v<N>.avsc}. */
final class SchemaHistory {

  private SchemaHistory() {}

  /** Every published version of the event's schema, oldest first. */
  static List<Schema> of(String eventName) {
    List<Schema> versions = new ArrayList<>();
    for (int version = 1; ; version++) {
      String resource = "/schema-history/" + eventName + "/v" + version + ".avsc";
      try (InputStream in = SchemaHistory.class.getResourceAsStream(resource)) {
        if (in == null) {
          return versions;
        }
        versions.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + resource, e);
      }
    }
  }
}
