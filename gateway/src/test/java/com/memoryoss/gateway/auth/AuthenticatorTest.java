package com.memoryoss.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";
  private final ApiKey writer = new ApiKey("ek_writer_key_value", Role.WRITER, "team-a");
  private final Authenticator auth =
      new Authenticator(List.of(writer), SECRET, 3600, Clock.systemUTC(), false);

  @Test
  void rawApiKeyAuthenticatesWithItsRoleNamespaceAndKeyId() {
    Claims c = auth.authenticate("ek_writer_key_value").orElseThrow();
    assertThat(c).isEqualTo(new Claims(writer.keyId(), Role.WRITER, "team-a"));
    assertThat(c.subject()).hasSize(16).doesNotContain("ek_");
  }

  @Test
  void unknownKeyIsRefused() {
    assertThat(auth.authenticate("ek_nope")).isEmpty();
    assertThat(auth.authenticate("")).isEmpty();
  }

  @Test
  void issuedTokenCarriesTheKeysClaims() {
    String token = auth.issue(writer);
    assertThat(auth.authenticate(token)).contains(new Claims(writer.keyId(), Role.WRITER,
        "team-a"));
    var decoded = JWT.decode(token);
    assertThat(decoded.getIssuer()).isEqualTo("memoryoss");
    assertThat(decoded.getAudience()).containsExactly("memoryoss");
    assertThat(decoded.getAlgorithm()).isEqualTo("HS256");
  }

  @Test
  void expiredTokenIsRefused() {
    Clock past = Clock.fixed(Instant.now().minusSeconds(7200), ZoneOffset.UTC);
    String old = new Authenticator(List.of(writer), SECRET, 3600, past, false).issue(writer);
    assertThat(auth.authenticate(old)).isEmpty();
  }

  @Test
  void tokenSignedWithAnotherSecretIsRefused() {
    String forged = JWT.create().withSubject("x").withClaim("role", "admin")
        .withClaim("namespace", "team-a").withIssuer("memoryoss").withAudience("memoryoss")
        .withExpiresAt(Instant.now().plusSeconds(600))
        .sign(Algorithm.HMAC256("another-secret-another-secret-xx"));
    assertThat(auth.authenticate(forged)).isEmpty();
  }

  @Test
  void unsignedTokenIsRefused() {
    String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
    String body = b64("{\"sub\":\"x\",\"role\":\"admin\",\"namespace\":\"team-a\","
        + "\"iss\":\"memoryoss\",\"aud\":\"memoryoss\",\"exp\":" + (Instant.now()
        .getEpochSecond() + 600) + "}");
    assertThat(auth.authenticate(header + "." + body + ".")).isEmpty();
  }

  @Test
  void tokenWithoutExpiryIsRefused() {
    String noExp = JWT.create().withSubject("x").withClaim("role", "admin")
        .withClaim("namespace", "team-a").withIssuer("memoryoss").withAudience("memoryoss")
        .sign(Algorithm.HMAC256(SECRET));
    assertThat(auth.authenticate(noExp)).isEmpty();
  }

  @Test
  void rolesAreOrdered() {
    assertThat(Role.ADMIN.atLeast(Role.WRITER)).isTrue();
    assertThat(Role.WRITER.atLeast(Role.READER)).isTrue();
    assertThat(Role.READER.atLeast(Role.WRITER)).isFalse();
    assertThat(Role.WRITER.atLeast(Role.ADMIN)).isFalse();
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes());
  }
}
