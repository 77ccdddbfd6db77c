package io.payrail.schemas.serde;

/**
 * Confluent's wire format: a zero magic byte, the writer schema's registry id as a 4-byte
 * big-endian integer, then the Avro binary encoding of the value.
 */
final class WireFormat {

  static final byte MAGIC_BYTE = 0;
  static final int HEADER_SIZE = 5;

  private WireFormat() {}
}
