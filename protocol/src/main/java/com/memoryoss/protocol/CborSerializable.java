package com.memoryoss.protocol;

/**
 * Marker for every message, event and snapshot that crosses a serialization boundary. It is bound
 * to Pekko's {@code jackson-cbor} serializer in this module's {@code reference.conf}; Java
 * serialization is switched off.
 */
public interface CborSerializable {}
