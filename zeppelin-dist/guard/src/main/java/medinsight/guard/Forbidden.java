package medinsight.guard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletResponse;
import org.apache.shiro.web.util.WebUtils;

/**
 * The answers the guards give, as Zeppelin's REST API shapes its own ({@code {"status": …,
 * "message": …}}). Shiro's authorization filters answer a logged-in user who lacks a permission
 * with 401, which says "log in"; the user is logged in, so the answer is 403.
 */
final class Forbidden {
  private Forbidden() {
  }

  static void answer(ServletResponse response, int code, String status, String message) throws IOException {
    HttpServletResponse http = WebUtils.toHttp(response);
    if (http.isCommitted()) {
      return;
    }
    http.resetBuffer();
    http.setStatus(code);
    http.setContentType("application/json;charset=UTF-8");
    byte[] body = ("{\"status\":\"" + status + "\",\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    http.setContentLength(body.length);
    http.getOutputStream().write(body);
    http.flushBuffer();
  }

  static void forbidden(ServletResponse response) throws IOException {
    answer(response, HttpServletResponse.SC_FORBIDDEN, "FORBIDDEN", "your login does not allow this");
  }

  /**
   * An authorization filter's answer to a refused request: a logged-in user gets 403; one without
   * a login gets Shiro's own answer ({@code stock}: off to the login).
   */
  static boolean denied(org.apache.shiro.subject.Subject subject, ServletResponse response, Stock stock) throws IOException {
    if (subject.getPrincipal() == null) {
      return stock.onAccessDenied();
    }
    forbidden(response);
    return false;
  }

  /** Shiro's own {@code onAccessDenied} of the filter. */
  interface Stock {
    boolean onAccessDenied() throws IOException;
  }
}
