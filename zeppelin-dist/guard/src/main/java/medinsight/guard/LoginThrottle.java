package medinsight.guard;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.shiro.web.servlet.OncePerRequestFilter;
import org.apache.shiro.web.util.WebUtils;

/**
 * Throttles guessing at passwords on Zeppelin's login ({@code POST /api/login}): after
 * {@code failuresPerUser} failed logins of one user name, or {@code failuresPerAddress} from one
 * address, within {@code windowSeconds}, further tries of that name or from that address are
 * answered 429 with {@code Retry-After} until the oldest failure leaves the window — the right
 * password too, or the guessing would go on. A successful login clears its user's failures.
 * Zeppelin answers a failed login 403 (401 where Shiro refuses it first).
 */
public class LoginThrottle extends OncePerRequestFilter {
  private int failuresPerUser = 5;
  private int failuresPerAddress = 20;
  private int windowSeconds = 60;
  private final LongSupplier clock;
  private FailureWindow users;
  private FailureWindow addresses;

  public LoginThrottle() {
    this(System::nanoTime);
  }

  LoginThrottle(LongSupplier nanoClock) {
    this.clock = nanoClock;
  }

  public void setFailuresPerUser(int n) {
    failuresPerUser = n;
  }

  public void setFailuresPerAddress(int n) {
    failuresPerAddress = n;
  }

  public void setWindowSeconds(int s) {
    windowSeconds = s;
  }

  private synchronized FailureWindow users() {
    if (users == null) {
      users = new FailureWindow(failuresPerUser, TimeUnit.SECONDS.toNanos(windowSeconds), clock);
    }
    return users;
  }

  private synchronized FailureWindow addresses() {
    if (addresses == null) {
      addresses = new FailureWindow(failuresPerAddress, TimeUnit.SECONDS.toNanos(windowSeconds), clock);
    }
    return addresses;
  }

  @Override
  protected void doFilterInternal(ServletRequest request, ServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpServletRequest http = WebUtils.toHttp(request);
    if (!"POST".equalsIgnoreCase(http.getMethod())) {
      chain.doFilter(request, response);
      return;
    }
    String name = http.getParameter("userName");
    String user = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    String address = String.valueOf(http.getRemoteAddr());
    long wait = Math.max(users().waitFor(user), addresses().waitFor(address));
    if (wait > 0) {
      long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait + TimeUnit.SECONDS.toNanos(1) - 1));
      WebUtils.toHttp(response).setHeader("Retry-After", String.valueOf(seconds));
      Forbidden.answer(response, 429, "TOO_MANY_REQUESTS", "too many failed logins; try again in " + seconds + " s");
      return;
    }
    chain.doFilter(request, response);
    int status = WebUtils.toHttp(response).getStatus();
    if (status == HttpServletResponse.SC_FORBIDDEN || status == HttpServletResponse.SC_UNAUTHORIZED) {
      users().failed(user);
      addresses().failed(address);
    } else if (status == HttpServletResponse.SC_OK) {
      users().succeeded(user);
    }
  }
}
