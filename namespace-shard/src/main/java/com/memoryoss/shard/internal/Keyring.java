package com.memoryoss.shard.internal;

import com.memoryoss.shard.KeyStore;
import com.memoryoss.shard.MasterKey;
import java.security.GeneralSecurityException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * The keys of one namespace, in the memory of its entity only: the namespace data key and the
 * content key of each memory. Memory keys are held wrapped and unwrapped on first use.
 *
 * <p>Not thread-safe: owned by one entity and used on its thread (its event and snapshot adapters
 * run there too).
 */
public final class Keyring {
  private final String namespace;
  private final SecretKey dataKey;
  private final Map<UUID, byte[]> wrapped;
  private final Map<UUID, SecretKey> open = new ConcurrentHashMap<>();

  private Keyring(String namespace, SecretKey dataKey, Map<UUID, byte[]> wrapped) {
    this.namespace = namespace;
    this.dataKey = dataKey;
    this.wrapped = wrapped;
  }

  /** Loads (creating on first use) the namespace's keys. Blocking. */
  public static Keyring load(KeyStore store, MasterKey master, String namespace) {
    byte[] wrappedDataKey = store.namespaceKey(namespace, master.wrap(namespace, Aead.newKey()));
    SecretKey dataKey = master.unwrap(namespace, wrappedDataKey);
    return new Keyring(namespace, dataKey, new ConcurrentHashMap<>(store.memoryKeys(namespace)));
  }

  public String namespace() {
    return namespace;
  }

  public SecretKey dataKey() {
    return dataKey;
  }

  /** The content key of a memory, or {@code null} if it was shredded (or never stored). */
  public SecretKey memoryKey(UUID id) {
    SecretKey k = open.get(id);
    if (k != null) {
      return k;
    }
    byte[] w = wrapped.get(id);
    if (w == null) {
      return null;
    }
    try {
      k = Aead.key(Aead.open(dataKey, w, aad(id)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("memory key " + id + " of namespace '" + namespace
          + "' does not open with the namespace key");
    }
    open.put(id, k);
    return k;
  }

  /** Creates a content key for a new memory and returns it wrapped, ready for the key store. */
  public byte[] create(UUID id) {
    SecretKey k = Aead.newKey();
    byte[] w = Aead.seal(dataKey, k.getEncoded(), aad(id));
    wrapped.put(id, w);
    open.put(id, k);
    return w;
  }

  /** Forgets keys locally (after they were deleted from the store, or never stored). */
  public void discard(Collection<UUID> ids) {
    for (UUID id : ids) {
      wrapped.remove(id);
      open.remove(id);
    }
  }

  /** Ids that have a key. */
  public Set<UUID> ids() {
    return Set.copyOf(wrapped.keySet());
  }

  private byte[] aad(UUID id) {
    return Aead.aad("memory-key", namespace, id.toString());
  }
}
