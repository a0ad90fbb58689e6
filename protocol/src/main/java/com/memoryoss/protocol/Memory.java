package com.memoryoss.protocol;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One memory as the API shows it. Component names map to the original's snake_case JSON fields
 * ({@code memory_type}, {@code created_at}, ...); the HTTP layer applies that naming. The content
 * hash is derived from the content and is never persisted in clear.
 *
 * <p>Instances are immutable; the {@code with*} methods return changed copies.
 */
public record Memory(
    UUID id,
    String content,
    List<String> tags,
    String agent,
    String session,
    String namespace,
    MemoryType memoryType,
    MemoryStatus status,
    long version,
    Instant createdAt,
    Instant updatedAt,
    String sourceKey,
    String contentHash,
    boolean archived,
    Double confidence,
    int evidenceCount,
    Instant lastVerifiedAt,
    UUID supersededBy,
    List<UUID> derivedFrom,
    List<UUID> contradictsWith,
    int injectionCount,
    int reuseCount,
    int confirmCount,
    int rejectCount,
    int supersedeCount,
    Instant lastInjectedAt,
    Instant lastReusedAt,
    Instant lastOutcomeAt,
    Instant supersededAt,
    List<String> evidenceSources)
    implements CborSerializable {

  public Memory {
    tags = tags == null ? List.of() : List.copyOf(tags);
    derivedFrom = derivedFrom == null || derivedFrom.isEmpty() ? null : List.copyOf(derivedFrom);
    contradictsWith =
        contradictsWith == null || contradictsWith.isEmpty() ? null : List.copyOf(contradictsWith);
    evidenceSources =
        evidenceSources == null || evidenceSources.isEmpty() ? null : List.copyOf(evidenceSources);
  }

  /** A freshly stored memory: version 1, one piece of evidence, verified now. */
  public static Memory created(
      UUID id,
      String namespace,
      String content,
      String contentHash,
      List<String> tags,
      String agent,
      String session,
      MemoryType memoryType,
      MemoryStatus status,
      Double confidence,
      String sourceKey,
      Instant at) {
    return new Memory(id, content, tags, agent, session, namespace, memoryType, status, 1, at, at,
        sourceKey, contentHash, false, confidence, 1, at, null, null, null, 0, 0, 0, 0, 0, null,
        null, null, null, null);
  }

  /** A builder seeded with this memory, for changes beyond {@link #revised}. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Mutable copy of a memory's components; {@link #build} makes the new record. */
  public static final class Builder {
    public String content;
    public String contentHash;
    public List<String> tags;
    public MemoryType memoryType;
    public MemoryStatus status;
    public long version;
    public Instant updatedAt;
    public boolean archived;
    public Double confidence;
    public int evidenceCount;
    public Instant lastVerifiedAt;
    public UUID supersededBy;
    public List<UUID> derivedFrom;
    public List<UUID> contradictsWith;
    public int confirmCount;
    public int rejectCount;
    public int supersedeCount;
    public Instant lastOutcomeAt;
    public Instant supersededAt;
    public List<String> evidenceSources;
    private final Memory m;

    private Builder(Memory m) {
      this.m = m;
      content = m.content;
      contentHash = m.contentHash;
      tags = m.tags;
      memoryType = m.memoryType;
      status = m.status;
      version = m.version;
      updatedAt = m.updatedAt;
      archived = m.archived;
      confidence = m.confidence;
      evidenceCount = m.evidenceCount;
      lastVerifiedAt = m.lastVerifiedAt;
      supersededBy = m.supersededBy;
      derivedFrom = m.derivedFrom;
      contradictsWith = m.contradictsWith;
      confirmCount = m.confirmCount;
      rejectCount = m.rejectCount;
      supersedeCount = m.supersedeCount;
      lastOutcomeAt = m.lastOutcomeAt;
      supersededAt = m.supersededAt;
      evidenceSources = m.evidenceSources;
    }

    public Memory build() {
      return new Memory(m.id, content, tags, m.agent, m.session, m.namespace, memoryType, status,
          version, m.createdAt, updatedAt, m.sourceKey, contentHash, archived, confidence,
          evidenceCount, lastVerifiedAt, supersededBy, derivedFrom, contradictsWith,
          m.injectionCount, m.reuseCount, confirmCount, rejectCount, supersedeCount,
          m.lastInjectedAt, m.lastReusedAt, lastOutcomeAt, supersededAt, evidenceSources);
    }
  }

  /** This memory with new content, tags and type, one version later. */
  public Memory revised(
      String newContent, String newHash, List<String> newTags, MemoryType newType, Instant at) {
    return new Memory(id, newContent, newTags, agent, session, namespace, newType, status,
        version + 1, createdAt, at, sourceKey, newHash, archived, confidence, evidenceCount,
        lastVerifiedAt, supersededBy, derivedFrom, contradictsWith, injectionCount, reuseCount,
        confirmCount, rejectCount, supersedeCount, lastInjectedAt, lastReusedAt, lastOutcomeAt,
        supersededAt, evidenceSources);
  }

  /** This memory injected into one more prompt, at {@code at}. */
  public Memory injected(Instant at) {
    return new Memory(id, content, tags, agent, session, namespace, memoryType, status, version,
        createdAt, updatedAt, sourceKey, contentHash, archived, confidence, evidenceCount,
        lastVerifiedAt, supersededBy, derivedFrom, contradictsWith, injectionCount + 1,
        reuseCount, confirmCount, rejectCount, supersedeCount, at, lastReusedAt, lastOutcomeAt,
        supersededAt, evidenceSources);
  }

  /** Whether the proxy may inject this memory: active and not archived. */
  public boolean eligibleForInjection() {
    return status == MemoryStatus.ACTIVE && !archived;
  }

  /** Latest moment anything happened to this memory; idleness is measured from here. */
  public Instant lifecycleAnchor() {
    Instant anchor = createdAt;
    for (Instant t : new Instant[] {updatedAt, lastVerifiedAt, lastInjectedAt, lastReusedAt,
        lastOutcomeAt}) {
      if (t != null && t.isAfter(anchor)) {
        anchor = t;
      }
    }
    return anchor;
  }

  /** Size of the content in UTF-8 bytes. */
  public int contentBytes() {
    return content.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }
}
