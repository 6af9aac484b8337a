package io.airq.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class InfluxLoginTest {
  @Test
  void aJwtGoesAsBearerAnyOtherTokenAsToken() {
    assertThat(new InfluxLogin("", "", "eyJh.eyJ1.c2ln").authorization())
        .isEqualTo("Bearer eyJh.eyJ1.c2ln");
    assertThat(new InfluxLogin("", "", "Xy-_z==secret").authorization())
        .isEqualTo("Token Xy-_z==secret");
    assertThat(new InfluxLogin("", "", "a.b").authorization()).isEqualTo("Token a.b");
    assertThat(new InfluxLogin("airq", "pw", "").authorization()).isEmpty();
    assertThat(InfluxLogin.NONE.settings()).contains("no credentials");
  }

  @Test
  void aTokenAndAUserAreRefusedTogetherWithoutShowingEither() {
    assertThatThrownBy(() -> new InfluxLogin("airq", "pw-secret", "tok-secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("influx.token and influx.user are both set")
        .hasMessageNotContaining("secret");
    assertThat(new InfluxLogin("airq", "pw-secret", "").toString()).doesNotContain("secret");
  }

  @Test
  void aMintedJwtCarriesTheClaimsInfluxdReadsAndAVerifiableSignature() throws Exception {
    byte[] secret = "a-shared-secret-of-32-bytes-long".getBytes(StandardCharsets.UTF_8);
    String jwt = InfluxJwt.mint("air\"q", secret, Instant.ofEpochSecond(1_800_000_000L));
    assertThat(new InfluxLogin("", "", jwt).jwt()).isTrue();
    String[] parts = jwt.split("\\.");
    Base64.Decoder d = Base64.getUrlDecoder();
    assertThat(new String(d.decode(parts[0]), StandardCharsets.UTF_8)).contains("\"HS256\"");
    assertThat(new String(d.decode(parts[1]), StandardCharsets.UTF_8))
        .isEqualTo("{\"username\":\"air\\\"q\",\"exp\":1800000000}");
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(d.decode(parts[2])).isEqualTo(expected);
    assertThat(new String(d.decode(InfluxJwt.mint("a\\b", secret, Instant.EPOCH).split("\\.")[1])))
        .isEqualTo("{\"username\":\"a\\\\b\",\"exp\":0}");
  }

  @Test
  void aShortSecretAUserWithControlCharactersOrAPasswordWithoutAUserAreRefused() {
    byte[] shortSecret = "s3cret-of-31-bytes-just-too-few".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> InfluxJwt.mint("airq", shortSecret, Instant.now()))
        .hasMessageContaining("the shared secret has 31 bytes; HS256 needs at least 32");
    byte[] secret = new byte[32];
    assertThatThrownBy(() -> InfluxJwt.mint("air\nq", secret, Instant.now()))
        .hasMessageContaining("control character");
    assertThatThrownBy(() -> InfluxJwt.mint(" airq", secret, Instant.now()))
        .hasMessageContaining("surrounding whitespace");
    assertThatThrownBy(() -> new InfluxLogin("", "pw-secret", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("influx.password is set without influx.user")
        .hasMessageNotContaining("secret");
  }
}
