package com.memoryoss.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keys of the original's {@code memoryoss.toml} that this server accepts (so existing files load
 * unchanged) but that change nothing here. Each one present in a file earns one warning naming
 * its path. Keys unknown to both servers stay errors ({@link ConfigLoader}).
 *
 * <p>Patterns are key paths; {@code [*]} stands for any array index and a final {@code .*} for
 * any key of a table (each key then warns on its own). A key that has an effect once a feature
 * lands here is deleted from this list in the same change.
 */
final class InertKeys {
  /** One ignored key of one file, with why it does nothing. */
  record Warning(String key, String reason) {
    @Override
    public String toString() {
      return key + ": has no effect here: " + reason;
    }
  }

  private static final String NO_SHARING =
      "namespace sharing is not implemented; every namespace is isolated";
  private static final String NO_DECOMPOSE =
      "recall is never decomposed into sub-queries by an LLM";
  private static final String NO_CONSOLIDATION_WORKER =
      "there is no background consolidation; run POST /v1/consolidate when wanted";
  private static final String LOCAL_KEYS_ONLY =
      "only the local key provider exists (vault and aws_kms are refused)";

  /** Pattern to reason, in the order of the original's sections. */
  private static final Map<String, String> INERT = new LinkedHashMap<>();

  static {
    // The original's example puts jwt_expiry_secs after [[auth.api_keys]], which in TOML makes
    // it a field of that key entry; the original ignores it there too.
    INERT.put("auth.api_keys[*].jwt_expiry_secs", "the token lifetime is auth.jwt_expiry_secs;"
        + " in TOML a key written below [[auth.api_keys]] belongs to that key entry, so move it"
        + " above the first [[auth.api_keys]]");
    INERT.put("auth.audit_hmac_secret", "this server keeps no signed audit trail yet");
    INERT.put("limits.group_commit_batch_size", "stores are group-committed per namespace"
        + " without a size cap: one journal write serves every store that arrived meanwhile");
    INERT.put("limits.group_commit_flush_ms", "stores are group-committed per namespace"
        + " without a timer: a commit starts as soon as the previous one is durable");
    INERT.put("limits.intent_cache_ttl_secs", "this server has no intent cache");
    INERT.put("limits.intent_cache_max_entries", "this server has no intent cache");
    INERT.put("decompose.*", NO_DECOMPOSE);
    INERT.put("encryption.key_id", LOCAL_KEYS_ONLY);
    INERT.put("encryption.region", LOCAL_KEYS_ONLY);
    INERT.put("encryption.vault_address", LOCAL_KEYS_ONLY);
    INERT.put("encryption.vault_token", LOCAL_KEYS_ONLY);
    INERT.put("encryption.vault_mount", LOCAL_KEYS_ONLY);
    INERT.put("encryption.vault_key_name", LOCAL_KEYS_ONLY);
    INERT.put("encryption.grace_period_secs", "namespace keys are not rotated by this server");
    INERT.put("trust.semantic_dedup_threshold", "a store is refused only as an exact duplicate;"
        + " near duplicates are reconciled by learning at a fixed cosine of 0.92");
    INERT.put("trust.ip_allowlists", "IP allowlists are NOT enforced by this server; restrict"
        + " who can reach it with server.host, a firewall or mTLS (tls.client_ca_path)");
    INERT.put("consolidation.*", NO_CONSOLIDATION_WORKER);
    INERT.put("proxy.privacy_mode", "no per-request line is logged at info level either way,"
        + " and prompt content is never logged");
    INERT.put("proxy.confidence_gate", "the retrieval confidence gate is always on");
    INERT.put("proxy.identifier_first_routing", "the identifier channel is always part of"
        + " recall");
    INERT.put("proxy.primitive_algebra", "not implemented (experimental in the original)");
    INERT.put("sharing.*", NO_SHARING);
  }

  /** Inert keys {@link ConfigFile} has no field for: dropped before binding. */
  private static final java.util.Set<String> UNBOUND =
      java.util.Set.of("auth.api_keys[*].jwt_expiry_secs");

  private InertKeys() {}

  /** Every pattern, for documentation and tests. */
  static List<String> patterns() {
    return List.copyOf(INERT.keySet());
  }

  /**
   * Finds the inert keys of a parsed file, one warning each in file order, and removes from the
   * tree those that {@link ConfigFile} has no place for (so binding does not call them unknown).
   */
  static List<Warning> extract(JsonNode root) {
    List<Warning> out = new ArrayList<>();
    walk(root, "", "", out);
    return out;
  }

  private static void walk(JsonNode node, String path, String pattern, List<Warning> out) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), path + "[" + i + "]", pattern + "[*]", out);
      }
      return;
    }
    if (!(node instanceof ObjectNode obj)) {
      return;
    }
    List<String> remove = new ArrayList<>();
    for (var it = obj.fields(); it.hasNext(); ) {
      var field = it.next();
      String key = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
      String keyPattern = pattern.isEmpty() ? field.getKey() : pattern + "." + field.getKey();
      String reason = INERT.get(keyPattern);
      if (reason == null && !pattern.isEmpty()) {
        reason = INERT.get(pattern + ".*");
      }
      if (reason != null) {
        out.add(new Warning(key, reason));
        if (UNBOUND.contains(keyPattern)) {
          remove.add(field.getKey());
        }
      } else {
        walk(field.getValue(), key, keyPattern, out);
      }
    }
    remove.forEach(obj::remove);
  }
}
