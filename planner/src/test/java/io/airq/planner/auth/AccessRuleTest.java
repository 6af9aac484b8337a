package io.airq.planner.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.access.Role;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessRuleTest {
  @Test
  void readsArePublicExceptTokensAndTheAuditLog() {
    for (String path :
        new String[] {
          "/",
          "/api/closures",
          "/api/closures/x/impact",
          "/api/sensors",
          "/api/series",
          "/openapi.json",
          "/web/js/main.js"
        }) {
      assertThat(AccessRule.required("GET", path)).as(path).isEmpty();
      assertThat(AccessRule.required("HEAD", path)).as(path).isEmpty();
    }
    assertThat(AccessRule.required("GET", "/api/tokens")).hasValue(Role.ADMIN);
    assertThat(AccessRule.required("GET", "/api/audit")).hasValue(Role.ADMIN);
    assertThat(AccessRule.required("GET", "//api/audit/")).hasValue(Role.ADMIN);
  }

  @Test
  void closureWritesNeedAnEditorAndEveryOtherWriteAnAdmin() {
    for (String m : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
      assertThat(AccessRule.required(m, "/api/closures")).hasValue(Role.EDITOR);
      assertThat(AccessRule.required(m, "/api/closures/a")).hasValue(Role.EDITOR);
      assertThat(AccessRule.required(m, "/api/closures/")).hasValue(Role.EDITOR);
      // routes this rule does not know (sensor writes, future routes) fall under admin
      assertThat(AccessRule.required(m, "/api/sensors")).hasValue(Role.ADMIN);
      assertThat(AccessRule.required(m, "/api/sensors/s1")).hasValue(Role.ADMIN);
      assertThat(AccessRule.required(m, "/api/closuresx")).hasValue(Role.ADMIN);
      assertThat(AccessRule.required(m, "/api/tokens/abc")).hasValue(Role.ADMIN);
      assertThat(AccessRule.required(m, "/")).hasValue(Role.ADMIN);
    }
    assertThat(AccessRule.required("OPTIONS", "/api/closures")).hasValue(Role.EDITOR);
  }

  @Test
  void anAdminMayDoWhatAnEditorMayButNotTheOtherWayRound() {
    assertThat(Role.ADMIN.allows(Role.EDITOR)).isTrue();
    assertThat(Role.ADMIN.allows(Role.ADMIN)).isTrue();
    assertThat(Role.EDITOR.allows(Role.EDITOR)).isTrue();
    assertThat(Role.EDITOR.allows(Role.ADMIN)).isFalse();
    assertThat(Role.byId("editor")).isEqualTo(Optional.of(Role.EDITOR));
    assertThat(Role.byId("EDITOR")).isEmpty();
  }
}
