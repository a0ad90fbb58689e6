package com.memoryoss.e2e;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.ActorIdentity;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Identify;
import org.apache.pekko.pattern.Patterns;

/**
 * A Pekko peer outside the cluster, as an attacker on the same machine would run one: it asks
 * a server's user guardian to identify itself over Artery. An answer proves that messages from
 * this peer are delivered; silence, that the server refused the connection.
 */
final class RemotingClient implements AutoCloseable {
  private final ActorSystem system;

  private RemotingClient(Config remoting) {
    this.system = ActorSystem.create("intruder", remoting
        .withFallback(ConfigFactory.parseString("""
            pekko.actor.provider = remote
            pekko.remote.artery.canonical.hostname = "127.0.0.1"
            pekko.remote.artery.canonical.port = 0
            pekko.loglevel = WARNING
            pekko.stdout-loglevel = WARNING
            """))
        .withFallback(ConfigFactory.defaultReference()));
  }

  /** Plain TCP Artery, no credentials. */
  static RemotingClient plain() {
    return new RemotingClient(ConfigFactory.parseString(
        "pekko.remote.artery.transport = tcp"));
  }

  /** TLS Artery presenting the key and trusting the CA of a node directory. */
  static RemotingClient withCertificates(Path nodeDir) throws Exception {
    String password = Files.readString(nodeDir.resolve("password")).strip();
    return new RemotingClient(ConfigFactory.parseMap(Map.of(
        "pekko.remote.artery.transport", "tls-tcp",
        "pekko.remote.artery.ssl.config-ssl-engine.key-store",
        nodeDir.resolve("keystore.p12").toString(),
        "pekko.remote.artery.ssl.config-ssl-engine.trust-store",
        nodeDir.resolve("truststore.p12").toString(),
        "pekko.remote.artery.ssl.config-ssl-engine.key-store-password", password,
        "pekko.remote.artery.ssl.config-ssl-engine.key-password", password,
        "pekko.remote.artery.ssl.config-ssl-engine.trust-store-password", password,
        "pekko.remote.artery.ssl.config-ssl-engine.protocol", "TLSv1.3",
        "pekko.remote.artery.ssl.config-ssl-engine.require-mutual-authentication", "on",
        "pekko.remote.artery.ssl.config-ssl-engine.hostname-verification", "off")));
  }

  /**
   * Sends {@code Identify} to {@code address}'s user guardian and waits for the answer: the
   * guardian's reference if the server delivered the message, empty if nothing came back.
   */
  Optional<ActorRef> identify(String address, Duration wait) throws Exception {
    try {
      Object reply = Patterns.ask(system.actorSelection(address + "/user"), new Identify("knock"),
          wait).toCompletableFuture().get(wait.toMillis() + 1000, TimeUnit.MILLISECONDS);
      return ((ActorIdentity) reply).getActorRef();
    } catch (ExecutionException | TimeoutException noAnswer) {
      return Optional.empty();
    }
  }

  @Override
  public void close() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
