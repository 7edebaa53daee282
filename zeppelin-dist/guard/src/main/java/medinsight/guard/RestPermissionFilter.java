package medinsight.guard;

import java.io.IOException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import org.apache.shiro.web.filter.authz.HttpMethodPermissionFilter;

/** Shiro's {@code rest[…]} (the HTTP method as the permission's action), answering a logged-in user without it with 403. */
public class RestPermissionFilter extends HttpMethodPermissionFilter {
  @Override
  protected boolean onAccessDenied(ServletRequest request, ServletResponse response) throws IOException {
    return Forbidden.denied(getSubject(request, response), response, () -> super.onAccessDenied(request, response));
  }
}
