package io.airq.devstack;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The lines of a Mosquitto 2 password file, hashed here as {@code mosquitto_passwd} hashes them:
 * {@code user:$7$101$<salt>$<hash>}, PBKDF2-HMAC-SHA512 with 101 iterations, a 12-byte random salt
 * and a 64-byte hash, both in standard base64. No plaintext file and no command line ever holds the
 * password, and a password may contain any character ({@code mosquitto_passwd -U} would cut it at
 * its first ':'). MosquittoPasswordsIT pins the format to the real tool and broker.
 */
public final class MosquittoPasswords {
  static final int ITERATIONS = 101;
  private static final int SALT_BYTES = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  private MosquittoPasswords() {}

  /**
   * The {@code user:hash} line of this account.
   *
   * @throws IllegalArgumentException when the user is empty or has a ':' or a line break, or the
   *     password is empty
   */
  public static String line(String user, String password) {
    if (user == null || user.isEmpty() || user.matches("(?s).*[:\\r\\n].*")) {
      throw new IllegalArgumentException(
          "a Mosquitto user name is not empty and has no ':' or line break: " + user);
    }
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("the password of " + user + " is empty");
    }
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder();
    return user
        + ":$7$"
        + ITERATIONS
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(pbkdf2(password.getBytes(StandardCharsets.UTF_8), salt));
  }

  /**
   * PBKDF2-HMAC-SHA512 (RFC 8018) of one block: a 64-byte key, SHA-512's length, is its first block
   * {@code U1 ^ U2 ^ ... ^ U101}.
   */
  static byte[] pbkdf2(byte[] password, byte[] salt) {
    try {
      Mac mac = Mac.getInstance("HmacSHA512");
      mac.init(new SecretKeySpec(password, "HmacSHA512"));
      mac.update(salt);
      byte[] u = mac.doFinal(ByteBuffer.allocate(4).putInt(1).array());
      byte[] t = u.clone();
      for (int i = 1; i < ITERATIONS; i++) {
        u = mac.doFinal(u);
        for (int j = 0; j < t.length; j++) {
          t[j] ^= u[j];
        }
      }
      return t;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA512 is part of every Java runtime", e);
    }
  }
}
