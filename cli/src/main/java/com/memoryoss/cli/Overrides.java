package com.memoryoss.cli;

import com.memoryoss.cli.config.ConfigFile;
import com.memoryoss.cli.config.ConfigLoader;

/** Command-line flags that override the config's bind address and data directory. */
final class Overrides {
  private Overrides() {}

  static ConfigFile apply(ConfigFile f, String host, Integer port, String dataDir) {
    if (host == null && port == null && dataDir == null) {
      return f;
    }
    var s = f.server();
    return with(f, new ConfigFile.Server(host != null ? host : s.host(),
        port != null ? port : s.port(), s.hybridMode(), s.corePort()), dataDir);
  }

  /** The config of hybrid mode's core process: itself on loopback, not hybrid. */
  static ConfigFile core(ConfigFile f, int corePort) {
    return with(f, new ConfigFile.Server("127.0.0.1", corePort, false, null), null);
  }

  private static ConfigFile with(ConfigFile f, ConfigFile.Server server, String dataDir) {
    var st = f.storage();
    var storage = new ConfigFile.Storage(dataDir != null ? dataDir : st.dataDir(), st.journal(),
        st.postgresUrl(), st.postgresUser(), st.postgresPassword(), st.passivateAfterSecs(),
        st.snapshotMinEvents());
    return ConfigLoader.revalidate(new ConfigFile(server, f.tls(), f.auth(), storage,
        f.embeddings(), f.logging(), f.limits(), f.decompose(), f.encryption(), f.trust(),
        f.decay(), f.consolidation(), f.proxy(), f.setup(), f.sharing(), f.cluster()));
  }
}
