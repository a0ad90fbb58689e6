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
    var server = new ConfigFile.Server(host != null ? host : s.host(),
        port != null ? port : s.port(), s.hybridMode(), s.corePort());
    var st = f.storage();
    var storage = new ConfigFile.Storage(dataDir != null ? dataDir : st.dataDir(), st.journal(),
        st.postgresUrl(), st.postgresUser(), st.postgresPassword(), st.passivateAfterSecs(),
        st.snapshotMinEvents());
    return ConfigLoader.revalidate(new ConfigFile(server, f.tls(), f.auth(), storage,
        f.embeddings(), f.logging(), f.limits(), f.decompose(), f.encryption(), f.trust(),
        f.decay(), f.consolidation(), f.proxy(), f.setup(), f.sharing(), f.cluster()));
  }
}
