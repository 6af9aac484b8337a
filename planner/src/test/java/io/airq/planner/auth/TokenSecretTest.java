package io.airq.planner.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenSecretTest {
  @Test
  void aTokenCarriesItsIdAndOnlyItsHashMatchesIt() {
    String t = TokenSecret.generate();
    assertThat(t).matches("airq_[0-9a-f]{12}_[A-Za-z0-9_-]{43}");
    assertThat(TokenSecret.id(t)).hasValue(t.substring(5, 17));
    String hash = TokenSecret.sha256(t);
    assertThat(hash).hasSize(64).doesNotContain(t.substring(18));
    assertThat(TokenSecret.matches(t, hash)).isTrue();
    assertThat(TokenSecret.matches(t + "x", hash)).isFalse();
    assertThat(TokenSecret.matches(TokenSecret.generate(), hash)).isFalse();
  }

  @Test
  void tokensAreNotRepeatedAndForeignShapesHaveNoId() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      assertThat(seen.add(TokenSecret.generate())).isTrue();
    }
    assertThat(TokenSecret.id("Bearer x")).isEmpty();
    assertThat(TokenSecret.id("airq__x")).isEmpty();
    assertThat(TokenSecret.id(null)).isEmpty();
  }
}
