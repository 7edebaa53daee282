package medinsight.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.servlet.ServletRequest;
import org.junit.jupiter.api.Test;

class GuardsTest {
  @Test
  void aBodyOverTheCapIsRefusedBeforeItIsReadAndAnUndeclaredOneStopsAtTheCap() throws Exception {
    BodyLimit limit = new BodyLimit();
    limit.setMaxBytes(10);
    Stub.Response big = new Stub.Response();
    AtomicReference<ServletRequest> passed = new AtomicReference<>();
    limit.doFilterInternal(Stub.request("POST", "a", Map.of(), new byte[11], 11), big.http, (q, s) -> passed.set(q));
    assertEquals(413, big.status);
    assertTrue(passed.get() == null, "not passed on");
    Stub.Response huge = new Stub.Response();
    limit.doFilterInternal(Stub.request("POST", "a", Map.of(), new byte[0], 41), huge.http, (q, s) -> passed.set(q));
    assertEquals(413, huge.status);
    assertEquals("close", huge.headers.get("Connection"), "over four times the cap: not read, the connection closes");

    Stub.Response ok = new Stub.Response();
    limit.doFilterInternal(Stub.request("POST", "a", Map.of(), "0123456789".getBytes(StandardCharsets.UTF_8), 10), ok.http,
        (q, s) -> passed.set(q));
    assertEquals("0123456789", new String(passed.get().getInputStream().readAllBytes(), StandardCharsets.UTF_8));

    limit.doFilterInternal(Stub.request("POST", "a", Map.of(), new byte[50], -1), new Stub.Response().http, (q, s) -> passed.set(q));
    IOException e = assertThrows(IOException.class, () -> passed.get().getInputStream().readAllBytes());
    assertTrue(e.getMessage().contains("over 10 bytes"), e.getMessage());
    assertEquals(10_240_000L, new BodyLimit().maxBytes(), "Zeppelin's own websocket message cap");
  }

  @Test
  void theForbiddenAnswerIsZeppelinsJsonShape() throws Exception {
    Stub.Response r = new Stub.Response();
    Forbidden.forbidden(r.http);
    assertEquals(403, r.status);
    assertEquals("{\"status\":\"FORBIDDEN\",\"message\":\"your login does not allow this\"}", r.text());
  }
}
