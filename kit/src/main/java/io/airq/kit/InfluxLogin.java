package io.airq.kit;

import io.airq.core.config.ConfigKey;
import io.airq.core.config.ConfigValues;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;

/**
 * How every airq InfluxDB client (the sink, the planner, {@code airq recompute}) authenticates: a
 * user and password ({@code influx.user}, {@code influx.password}: basic auth), or a token ({@code
 * influx.token}), or nothing. A token with a JWT's shape (three base64url parts) is sent as {@code
 * Authorization: Bearer} (InfluxDB 1.x with {@code shared-secret}: {@code airq influx token} mints
 * one); any other as {@code Authorization: Token} (InfluxDB 2.x/3.x v1 compatibility).
 *
 * @param user basic-auth user; empty = none
 * @param password its password
 * @param token a token; empty = none. A token and a user are not both allowed.
 */
public record InfluxLogin(String user, String password, String token) {
  /** No credentials. */
  public static final InfluxLogin NONE = new InfluxLogin("", "", "");

  private static final Pattern JWT =
      Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

  /** {@code influx.user}: shared by every service that reads or writes InfluxDB. */
  public static final ConfigKey<String> USER =
      ConfigKey.text(
          "influx.user", "", "InfluxDB user (basic auth); empty = none. Not with `influx.token`.");

  /** {@code influx.password}. */
  public static final ConfigKey<String> PASSWORD =
      ConfigKey.text("influx.password", "", "Password of `influx.user`.").asSecret();

  /** {@code influx.token}. */
  public static final ConfigKey<String> TOKEN =
      ConfigKey.text(
              "influx.token",
              "",
              "InfluxDB token; empty = none. A JWT (three base64url parts, e.g. from `airq influx"
                  + " token`) goes as `Authorization: Bearer` (InfluxDB 1.x `shared-secret`),"
                  + " any other as `Authorization: Token` (InfluxDB 2.x/3.x). Not with"
                  + " `influx.user`.")
          .asSecret();

  /**
   * @throws IllegalArgumentException when a token and a user are both set, or a password without a
   *     user
   */
  public InfluxLogin {
    user = user == null ? "" : user;
    password = password == null ? "" : password;
    token = token == null ? "" : token.strip();
    if (!token.isEmpty() && !user.isEmpty()) {
      throw new IllegalArgumentException(
          "influx.token and influx.user are both set: InfluxDB takes one login, set either a"
              + " token (influx.token) or a user and password (influx.user, influx.password)");
    }
    if (user.isEmpty() && !password.isEmpty()) {
      throw new IllegalArgumentException(
          "influx.password is set without influx.user: set the user the password belongs to"
              + " (influx.user), or remove the password");
    }
  }

  /** The login of {@link #USER}, {@link #PASSWORD} and {@link #TOKEN} as loaded. */
  public static InfluxLogin of(ConfigValues v) {
    return new InfluxLogin(v.get(USER), v.get(PASSWORD), v.get(TOKEN));
  }

  /** Whether the token has a JWT's shape, and so goes as {@code Authorization: Bearer}. */
  public boolean jwt() {
    return JWT.matcher(token).matches();
  }

  /** The {@code Authorization} header a token login sends; empty for basic auth or none. */
  public String authorization() {
    if (token.isEmpty()) {
      return "";
    }
    return (jwt() ? "Bearer " : "Token ") + token;
  }

  /** Which settings hold the credentials, for messages: "influx.token (a JWT)", etc. */
  public String settings() {
    if (!token.isEmpty()) {
      return jwt() ? "influx.token, a JWT sent as Bearer" : "influx.token, sent as Token";
    }
    return user.isEmpty()
        ? "no credentials: set influx.user and influx.password, or influx.token"
        : "influx.user " + user + " and influx.password";
  }

  /** An InfluxDB client on {@code url} with this login. */
  public InfluxDB connect(String url) {
    return connect(url, new OkHttpClient.Builder());
  }

  /** An InfluxDB client on {@code url} with this login, over this HTTP client. */
  public InfluxDB connect(String url, OkHttpClient.Builder http) {
    String header = authorization();
    if (!header.isEmpty()) {
      http.addInterceptor(
          chain ->
              chain.proceed(chain.request().newBuilder().header("Authorization", header).build()));
    }
    return user.isEmpty()
        ? InfluxDBFactory.connect(url, http)
        : InfluxDBFactory.connect(url, user, password, http);
  }

  /** The user and whether a password or token is set; never a secret. */
  @Override
  public String toString() {
    return "InfluxLogin[user="
        + user
        + ", password="
        + (password.isEmpty() ? "" : "***")
        + ", token="
        + (token.isEmpty() ? "" : "***")
        + "]";
  }
}
