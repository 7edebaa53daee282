package medinsight.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.servlet.FilterChain;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final LoginThrottle throttle = new LoginThrottle(now::get);
  private final AtomicInteger reached = new AtomicInteger();

  /** One login; the server behind answers {@code answer} when it is reached. */
  private Stub.Response login(String address, String user, int answer) throws Exception {
    Stub.Response r = new Stub.Response();
    FilterChain server = (req, res) -> {
      reached.incrementAndGet();
      ((javax.servlet.http.HttpServletResponse) res).setStatus(answer);
    };
    throttle.doFilterInternal(Stub.login(address, user), r.http, server);
    return r;
  }

  @Test
  void aUserWithFiveFailedLoginsWaitsEvenWithTheRightPassword() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertEquals(403, login("10.0.0.1", "admin", 403).status);
    }
    int before = reached.get();
    Stub.Response refused = login("10.0.0.1", "admin", 200);
    assertEquals(429, refused.status);
    assertEquals(before, reached.get(), "the login was not tried");
    assertEquals("60", refused.headers.get("Retry-After"));
    assertTrue(refused.text().contains("TOO_MANY_REQUESTS"), refused.text());
    // the same name in other letters is the same user; another user is not held back
    assertEquals(429, login("10.0.0.2", "ADMIN ", 200).status);
    assertEquals(200, login("10.0.0.1", "analyst", 200).status);
    now.addAndGet(TimeUnit.SECONDS.toNanos(30));
    assertEquals("30", login("10.0.0.1", "admin", 200).headers.get("Retry-After"));
    now.addAndGet(TimeUnit.SECONDS.toNanos(30));
    assertEquals(200, login("10.0.0.1", "admin", 200).status, "the window has passed");
  }

  @Test
  void anAddressGuessingManyNamesWaits() throws Exception {
    for (int i = 0; i < 20; i++) {
      assertEquals(403, login("10.0.0.9", "user" + i, 403).status);
    }
    assertEquals(429, login("10.0.0.9", "someone-else", 200).status);
    assertEquals(200, login("10.0.0.10", "someone-else", 200).status);
  }

  @Test
  void aSuccessfulLoginClearsItsUsersFailures() throws Exception {
    for (int i = 0; i < 4; i++) {
      login("10.0.0.1", "viewer", 403);
    }
    assertEquals(200, login("10.0.0.1", "viewer", 200).status);
    for (int i = 0; i < 4; i++) {
      assertEquals(403, login("10.0.0.1", "viewer", 403).status);
    }
    assertEquals(200, login("10.0.0.1", "viewer", 200).status);
  }

  @Test
  void onlyPostsAreLoginsAndOldFailuresAreForgotten() throws Exception {
    Stub.Response get = new Stub.Response();
    throttle.doFilterInternal(Stub.request("GET", "10.0.0.1", java.util.Map.of(), new byte[0], 0), get.http, (q, s) -> reached.incrementAndGet());
    assertEquals(1, reached.get());
    FailureWindow w = new FailureWindow(2, 10, now::get);
    for (int i = 0; i < 100; i++) {
      w.failed("k" + i);
    }
    assertEquals(100, w.keys());
    now.addAndGet(11);
    w.failed("last");
    assertEquals(1, w.keys(), "keys without a failure inside the window are dropped");
    assertFalse(w.waitFor("last") > 0);
    w.failed("last");
    assertTrue(w.waitFor("last") > 0);
  }
}
