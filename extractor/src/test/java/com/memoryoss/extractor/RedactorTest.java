package com.memoryoss.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RedactorTest {
  /** Text containing a secret, and the secret that must not survive. */
  record Secret(String text, String secret, String kind) {}

  static List<Secret> secrets() {
    return List.of(
        new Secret("use sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd for prod",
            "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd", "openai-key"),
        new Secret("key: sk-1234567890abcdefghijABCDEFGHIJ", "sk-1234567890abcdefghijABCDEFGHIJ",
            "openai-key"),
        new Secret("ANTHROPIC_API_KEY=sk-ant-api03-AAAABBBBCCCCDDDDEEEEFFFF_gggg-hhhh",
            "sk-ant-api03-AAAABBBBCCCCDDDDEEEEFFFF_gggg-hhhh", "anthropic-key"),
        new Secret("aws id AKIAIOSFODNN7EXAMPLE in the env", "AKIAIOSFODNN7EXAMPLE",
            "aws-access-key"),
        new Secret("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "aws-secret-key"),
        new Secret("token ghp_0123456789abcdefghijABCDEFGHIJ012345 works",
            "ghp_0123456789abcdefghijABCDEFGHIJ012345", "github-token"),
        new Secret("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVW",
            "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVW",
            "github-token"),
        new Secret("slack bot xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrSt",
            "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrSt", "slack-token"),
        new Secret("maps key AIzaSyA1234567890abcdefghijklmnopqrstuv",
            "AIzaSyA1234567890abcdefghijklmnopqrstuv", "google-api-key"),
        new Secret("session eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N", "jwt"),
        new Secret("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----",
            "MIIEpAIBAAKCAQEA7", "private-key"),
        new Secret("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA",
            "b3BlbnNzaC1rZXktdjEAAAAA", "private-key"),
        new Secret("curl -H 'Authorization: Bearer abcDEF0123456789xyzTOKEN'",
            "abcDEF0123456789xyzTOKEN", "bearer-token"),
        new Secret("DB_PASSWORD: hunter2hunter2", "hunter2hunter2", "secret"),
        new Secret("set password=\"correct horse battery\" in the vault",
            "correct horse battery", "secret"),
        new Secret("client_secret=Zx9-8yWq_77", "Zx9-8yWq_77", "secret"),
        new Secret("postgres://app:S3cr3tPass@db.internal:5432/app", "S3cr3tPass",
            "connection-credentials"),
        new Secret("mongodb+srv://admin:pa55word@cluster0.mongodb.net", "pa55word",
            "connection-credentials"));
  }

  @ParameterizedTest
  @MethodSource("secrets")
  void removesTheSecretAndSaysWhatKindItWas(Secret s) {
    String out = Redactor.redact(s.text());
    assertThat(out).doesNotContain(s.secret()).contains("[REDACTED:" + s.kind() + "]");
    assertThat(Redactor.containsSecret(s.text())).isTrue();
  }

  static List<String> nearMisses() {
    return List.of(
        "We switched to passwordless login with WebAuthn.",
        "The tokenizer splits words into word pieces.",
        "Commit 3f9a2c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39 fixed the flaky test.",
        "sha256 checksum e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "The secret to good coffee is fresh beans.",
        "Use the `password` field of the login form, not the email.",
        "Our Slack channel is #deploys; the sk-ll team owns it.",
        "The AWS region is eu-west-1 and the bucket is s3://assets-prod.",
        "Open https://example.com/docs?page=2 for details.",
        "Bearer tokens are sent in the Authorization header.",
        "The JWT library is eyJ-something-not-a-token.",
        "postgres://db.internal:5432/app has no credentials in it.",
        "Token budget is 2000; set max_tokens: 512.");
  }

  @ParameterizedTest
  @MethodSource("nearMisses")
  void leavesOrdinaryTextAlone(String text) {
    assertThat(Redactor.redact(text)).isEqualTo(text);
  }
}
