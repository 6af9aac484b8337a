package io.airq.core.config;

import java.util.regex.Pattern;

/**
 * Hides the credentials a log line may carry: the password in a URL's user info ({@code
 * http://user:pass@host}, {@code mqtt://u:p@host}, {@code tcp://...}), a password or token in a
 * URL's query ({@code ?p=...}, InfluxDB 1.x's, {@code &password=}, {@code token=}), and the
 * password in a JAAS config ({@code password="..."}). The user names stay, so a reader can still
 * tell which account was used. Services log their configuration through it, and the launcher's log
 * lines all pass through it (logback.xml).
 */
public final class Redaction {
  /** What a hidden secret is shown as. */
  public static final String MASK = "****";

  /** {@code scheme://user:password@}: the password runs to the authority's last '@'. */
  private static final Pattern URL_USER_INFO =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^\\s:/@]*:)[^\\s/?#]+@");

  private static final Pattern QUERY_SECRET =
      Pattern.compile(
          "([?&](?:p|password|passwd|pwd|token|secret|access_token|api_key)=)[^&\\s\"']+",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern JAAS_PASSWORD =
      Pattern.compile("((?:password|user_[A-Za-z0-9_.-]+)\\s*=\\s*\")[^\"]*(\")");

  private Redaction() {}

  /** {@code text} with every credential it carries replaced by {@link #MASK}; null stays null. */
  public static String redact(String text) {
    if (text == null || text.indexOf('=') < 0 && text.indexOf('@') < 0) {
      return text; // the common case: nothing that could hold a credential
    }
    String s = URL_USER_INFO.matcher(text).replaceAll("$1" + MASK + "@");
    s = QUERY_SECRET.matcher(s).replaceAll("$1" + MASK);
    return JAAS_PASSWORD.matcher(s).replaceAll("$1" + MASK + "$2");
  }
}
