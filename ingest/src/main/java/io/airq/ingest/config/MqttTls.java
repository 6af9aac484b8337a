package io.airq.ingest.config;

import io.airq.core.config.ConfigKey;
import io.airq.core.config.ConfigValues;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS to the MQTT broker beyond the JVM's defaults: a trust store with the broker's CA (a private
 * CA, a self-signed broker) and a key store with a client certificate for brokers that require one.
 * Stores are PKCS12 or JKS files (the type is read from the file). Empty paths keep the JVM's
 * default trust, and no client certificate.
 *
 * @param trustStore path of the trust store; empty = the JVM's default trust store
 * @param trustStorePassword its password (redacted in {@link #toString()})
 * @param keyStore path of the key store holding the client key and certificate; empty = none
 * @param keyStorePassword its password, also used for the key (redacted)
 */
public record MqttTls(
    String trustStore, String trustStorePassword, String keyStore, String keyStorePassword) {
  public static final MqttTls NONE = new MqttTls("", "", "", "");

  public static final ConfigKey<String> TRUST_STORE =
      ConfigKey.text(
          "mqtt.tls.trust-store",
          "",
          "For `ssl://`: a PKCS12 or JKS trust store with the broker's CA (a private CA or a"
              + " self-signed broker); empty = the JVM's default trust store.");
  public static final ConfigKey<String> TRUST_STORE_PASSWORD =
      ConfigKey.text("mqtt.tls.trust-store-password", "", "Password of the trust store.")
          .asSecret();
  public static final ConfigKey<String> KEY_STORE =
      ConfigKey.text(
          "mqtt.tls.key-store",
          "",
          "For `ssl://` brokers that require a client certificate: a PKCS12 or JKS key store"
              + " with the bridge's key and certificate; empty = none.");
  public static final ConfigKey<String> KEY_STORE_PASSWORD =
      ConfigKey.text("mqtt.tls.key-store-password", "", "Password of the key store and of its key.")
          .asSecret();

  /** The TLS keys, in the order the configuration reference lists them. */
  public static final List<ConfigKey<?>> KEYS =
      List.of(TRUST_STORE, TRUST_STORE_PASSWORD, KEY_STORE, KEY_STORE_PASSWORD);

  public MqttTls {
    trustStore = trustStore == null ? "" : trustStore;
    trustStorePassword = trustStorePassword == null ? "" : trustStorePassword;
    keyStore = keyStore == null ? "" : keyStore;
    keyStorePassword = keyStorePassword == null ? "" : keyStorePassword;
  }

  /** The stores named by the loaded {@link #KEYS}. */
  public static MqttTls from(ConfigValues v) {
    return new MqttTls(
        v.get(TRUST_STORE),
        v.get(TRUST_STORE_PASSWORD),
        v.get(KEY_STORE),
        v.get(KEY_STORE_PASSWORD));
  }

  /** Whether anything differs from the JVM's default TLS. */
  public boolean isCustom() {
    return !trustStore.isEmpty() || !keyStore.isEmpty();
  }

  /**
   * The socket factory for Paho's {@code ssl://} connections.
   *
   * @throws IOException when a store cannot be read (missing file, wrong password)
   */
  public SSLSocketFactory socketFactory() throws IOException {
    try {
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trustStore.isEmpty() ? null : load(trustStore, trustStorePassword));
      KeyManagerFactory keys = null;
      if (!keyStore.isEmpty()) {
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(keyStore, keyStorePassword), keyStorePassword.toCharArray());
      }
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
      return tls.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IOException("MQTT TLS setup failed: " + e.getMessage(), e);
    }
  }

  private static KeyStore load(String path, String password)
      throws IOException, GeneralSecurityException {
    try {
      return KeyStore.getInstance(Path.of(path).toFile(), password.toCharArray());
    } catch (IOException e) {
      throw new IOException("cannot read key/trust store " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "MqttTls[trustStore="
        + (trustStore.isEmpty() ? "(JVM default)" : trustStore)
        + ", trustStorePassword="
        + (trustStorePassword.isEmpty() ? "" : "****")
        + ", keyStore="
        + keyStore
        + ", keyStorePassword="
        + (keyStorePassword.isEmpty() ? "" : "****")
        + "]";
  }
}
