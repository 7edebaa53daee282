package medinsight.access;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Who runs a paragraph: the user and roles Zeppelin's login gave it. A paragraph run without
 * one (Zeppelin with anonymous access, or the interpreter used in-process) has no user.
 */
public final class Caller {
  public static final Caller NOBODY = new Caller(null, Set.of());

  public final String user;
  public final Set<String> roles;

  public Caller(String user, Set<String> roles) {
    this.user = user == null || user.isBlank() || "anonymous".equals(user) ? null : user;
    this.roles = Collections.unmodifiableSet(new LinkedHashSet<>(roles == null ? Set.of() : roles));
  }

  public boolean authenticated() {
    return user != null;
  }

  /** The name a per-user session is kept under. */
  public String key() {
    return user == null ? "" : user;
  }

  @Override
  public String toString() {
    return user == null ? "匿名用户" : user + (roles.isEmpty() ? "" : "（" + String.join("、", roles) + "）");
  }
}
