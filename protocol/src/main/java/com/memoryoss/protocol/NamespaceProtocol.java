package com.memoryoss.protocol;

import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/** Addressing of namespace entities. */
public final class NamespaceProtocol {
  private NamespaceProtocol() {}

  /**
   * The entity type of namespaces. Frozen: its name is part of every persistence id
   * ({@code Namespace|<namespace>}) in the journal.
   */
  public static final EntityTypeKey<NamespaceCommand> ENTITY_TYPE_KEY =
      EntityTypeKey.create(NamespaceCommand.class, "Namespace");
}
