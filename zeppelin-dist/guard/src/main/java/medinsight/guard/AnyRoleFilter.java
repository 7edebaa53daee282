package medinsight.guard;

import java.io.IOException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import org.apache.shiro.subject.Subject;
import org.apache.shiro.web.filter.authz.AuthorizationFilter;

/**
 * Lets a request through when its user has any one of the listed roles (or is a listed user);
 * a logged-in user with none of them is answered 403. Shiro's {@code roles[…]} needs all of them.
 */
public class AnyRoleFilter extends AuthorizationFilter {
  @Override
  protected boolean isAccessAllowed(ServletRequest request, ServletResponse response, Object mappedValue) {
    Subject subject = getSubject(request, response);
    String[] names = (String[]) mappedValue;
    if (names == null || names.length == 0) {
      return true;
    }
    Object principal = subject.getPrincipal();
    for (String n : names) {
      if (subject.hasRole(n) || (principal != null && principal.toString().equals(n))) {
        return true;
      }
    }
    return false;
  }

  @Override
  protected boolean onAccessDenied(ServletRequest request, ServletResponse response) throws IOException {
    return Forbidden.denied(getSubject(request, response), response, () -> super.onAccessDenied(request, response));
  }
}
