package com.memoryoss.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Literal identifiers found in text: what the exact channel matches on. */
class IdentifiersTest {

  @Test
  void aPathAndItsFileNameAreIdentifiers() {
    assertThat(Identifiers.of("nginx reads /etc/nginx/sites-enabled/api.conf on reload"))
        .containsExactly("/etc/nginx/sites-enabled/api.conf", "api.conf");
  }

  @Test
  void relativeAndHomePathsAreIdentifiers() {
    assertThat(Identifiers.of("run ./scripts/deploy.sh then edit ~/notes/todo"))
        .contains("./scripts/deploy.sh", "deploy.sh", "~/notes/todo");
  }

  @Test
  void anEnvironmentVariableIsLowerCased() {
    assertThat(Identifiers.of("DATABASE_URL points at the replica"))
        .containsExactly("database_url");
  }

  @Test
  void aGitHashNeedsBothDigitsAndHexLetters() {
    assertThat(Identifiers.of("reverted 3f9a2c1d yesterday")).containsExactly("3f9a2c1d");
    assertThat(Identifiers.of("order 12345678 and word deadbeef")).isEmpty();
  }

  @Test
  void versionsWithAndWithoutPrefixAreIdentifiers() {
    assertThat(Identifiers.of("upgrade to v2.14.3 from 2.13.0-rc.1"))
        .containsExactly("2.14.3", "2.13.0-rc.1");
  }

  @Test
  void aUrlIsOneIdentifier() {
    assertThat(Identifiers.of("the docs are at https://docs.example.com/guide/setup."))
        .startsWith("https://docs.example.com/guide/setup");
  }

  @Test
  void codeIdentifiersInEveryCaseStyleAreFound() {
    assertThat(Identifiers.of(
        "call getUserById in UserService, set max_retry_count, see com.acme.billing.Invoice"))
        .contains("getuserbyid", "userservice", "max_retry_count", "com.acme.billing.invoice");
  }

  @Test
  void kebabNamesNeedAtLeastThreeParts() {
    assertThat(Identifiers.of("the pre-commit-hook failed")).containsExactly("pre-commit-hook");
    assertThat(Identifiers.of("a well-known fact")).isEmpty();
  }

  @Test
  void quotedSpansWithoutSpacesAndIssueNumbersAreIdentifiers() {
    assertThat(Identifiers.of("run `make` not `make all`, see #1234 and #7"))
        .contains("make", "#1234")
        .doesNotContain("make all", "#7");
  }

  @Test
  void trailingPunctuationIsNotPartOfAnIdentifier() {
    assertThat(Identifiers.of("Logs go to /var/log/app.")).containsExactly("/var/log/app");
    assertThat(Identifiers.of("Is it in settings.yaml?")).containsExactly("settings.yaml");
  }

  @Test
  void plainProseHasNoIdentifiers() {
    assertThat(Identifiers.of("We went hiking last Sunday and it was lovely.")).isEmpty();
    assertThat(Identifiers.of("Do you go hiking on weekends?")).isEmpty();
  }

  @Test
  void identifiersAreDistinctInOrderOfFirstAppearance() {
    assertThat(Identifiers.of("API_KEY and api_key then B_TOKEN"))
        .containsExactly("api_key", "b_token");
  }
}
