package medinsight.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import medinsight.zeppelin.ParagraphEnd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Zeppelin's RemoteScheduler can set a paragraph back to RUNNING after it has ended (its status
 * poller's answer applied late), and then reports RUNNING for good: {@code up} and {@code apply}
 * waited for ever on one such paragraph of a dashboard. The race is in Zeppelin's server threads
 * and cannot be brought about on demand, so this narrow test answers with the status sequence a
 * real server gave (RUNNING, then RUNNING with the run's end time), on loopback. The two-minute
 * bound of the tests that meet that sequence only turns the old behaviour, a wait that never
 * ends, into a failure: the stand-in answers each poll in milliseconds.
 */
class ZeppelinRestTest {
  private static final String OLD_END = "Mon Dec 07 00:10:01 UTC 2026";
  private static final String NEW_END = "Mon Dec 07 00:11:02 UTC 2026";
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** A stand-in that answers the job status: before the submission, {@code runningPolls} times RUNNING with the old end time, then {@code last}. */
  private ZeppelinRest serve(int runningPolls, String lastStatus, String lastEnd, String code, AtomicInteger polls) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    boolean[] submitted = {false};
    server.createContext("/api/notebook/job/N/P", x -> {
      if (x.getRequestMethod().equals("POST")) {
        submitted[0] = true;
        answer(x, "{\"status\":\"OK\"}");
        return;
      }
      String status = "FINISHED";
      String end = OLD_END;
      if (submitted[0]) {
        int n = polls.incrementAndGet();
        status = n <= runningPolls ? "RUNNING" : lastStatus;
        end = n <= runningPolls ? OLD_END : lastEnd;
      }
      answer(x, "{\"status\":\"OK\",\"body\":{\"id\":\"P\",\"status\":\"" + status + "\",\"started\":\"Mon Dec 07 00:11:00 UTC 2026\""
          + ",\"finished\":\"" + end + "\"}}");
    });
    server.createContext("/api/notebook/N/paragraph/P", x -> answer(x, "{\"status\":\"OK\",\"body\":{\"id\":\"P\",\"status\":\"RUNNING\","
        + "\"results\":{\"code\":\"" + code + "\",\"msg\":[{\"type\":\"TEXT\",\"data\":\"3159\"}]}}}"));
    server.createContext("/api/notebook/N", x -> answer(x, "{\"status\":\"OK\",\"body\":{\"id\":\"N\",\"paragraphs\":"
        + "[{\"id\":\"P\",\"config\":{},\"status\":\"FINISHED\"}]}}"));
    server.start();
    return new ZeppelinRest("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static void answer(HttpExchange x, String json) throws IOException {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "application/json");
    x.sendResponseHeaders(200, b.length);
    try (OutputStream o = x.getResponseBody()) {
      o.write(b);
    }
  }

  @Test
  void aParagraphReportedRunningAfterItsRunEndedIsTakenAsEnded() throws Exception {
    AtomicInteger polls = new AtomicInteger();
    ZeppelinRest rest = serve(3, "RUNNING", NEW_END, "SUCCESS", polls);
    Map<String, String> ended = new LinkedHashMap<>();
    ZeppelinRest.Response r = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> rest.runNote("N", ended),
        "waited for a paragraph that had ended");
    assertEquals(200, r.status, r.toString());
    assertEquals("FINISHED", r.json().getAsJsonObject("body").get("status").getAsString(), "the outcome its result holds");
    assertEquals(Map.of("P", "FINISHED"), ended, "what up and apply count, not the server's RUNNING");
    assertEquals(4, polls.get(), "not before the end time changed: three polls still ran, the fourth had ended");
  }

  @Test
  void anErrorThatEndedSoIsAnError() throws Exception {
    ZeppelinRest rest = serve(1, "RUNNING", NEW_END, "ERROR", new AtomicInteger());
    ZeppelinRest.Response r = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> rest.runParagraph("N", "P"));
    assertEquals("ERROR", r.json().getAsJsonObject("body").get("status").getAsString());
  }

  @Test
  void aParagraphThatEndsNormallyIsWaitedFor() throws Exception {
    AtomicInteger polls = new AtomicInteger();
    ZeppelinRest rest = serve(5, "FINISHED", NEW_END, "SUCCESS", polls);
    ZeppelinRest.Response r = rest.runParagraph("N", "P");
    assertEquals("FINISHED", r.json().getAsJsonObject("body").get("status").getAsString());
    assertEquals(6, polls.get());
  }

  @Test
  void theRuleOnItsOwn() throws Exception {
    ParagraphEnd.ResultCode ok = () -> "SUCCESS";
    assertEquals("ABORT", ParagraphEnd.of("ABORT", NEW_END, OLD_END, ok));
    assertNull(ParagraphEnd.of("RUNNING", OLD_END, OLD_END, ok), "the end time of the run before");
    assertNull(ParagraphEnd.of("RUNNING", NEW_END, null, ok), "without the end time before, only the status tells");
    assertNull(ParagraphEnd.of("PENDING", NEW_END, OLD_END, ok));
    assertEquals("FINISHED", ParagraphEnd.of("RUNNING", NEW_END, "", ok), "a first run");
    assertNull(ParagraphEnd.of("RUNNING", null, "", ok));
    assertTrue(ParagraphEnd.of("RUNNING", NEW_END, OLD_END, () -> null).equals("ERROR"), "no result: not a success");
  }
}
