package medinsight.zeppelin;

import java.io.IOException;

/**
 * Whether a paragraph run that a client of Zeppelin's REST API submitted has ended, from the
 * server's job status ({@code GET /api/notebook/job/NOTE/PARAGRAPH}).
 *
 * <p>Zeppelin (0.10 to 0.12) can report a paragraph RUNNING for good after it has ended: the
 * status poller of its RemoteScheduler asks the interpreter for the status while the paragraph
 * runs, and when that answer (RUNNING) is applied after the paragraph has finished, the paragraph
 * is set back to RUNNING and stays so. Its end time, which Zeppelin sets only when a run ends,
 * still tells: a paragraph reported RUNNING whose end time is not the one it had when it was
 * submitted has ended, with the outcome its result holds. Zeppelin's own synchronous run ({@code
 * POST /api/notebook/run/…}) waits for the status and so never returns then; clients submit and
 * wait here instead.
 */
public final class ParagraphEnd {
  private ParagraphEnd() {
  }

  /** The paragraph's result code (SUCCESS, ERROR, …), read only when it is needed. */
  public interface ResultCode {
    String get() throws IOException, InterruptedException;
  }

  /**
   * FINISHED, ERROR or ABORT once the run has ended, else null. {@code finished}: the end time of
   * the status answer (null if none); {@code finishedBefore}: the one before the submission ("" if
   * none; null if not known, which leaves the server's status the only sign).
   */
  public static String of(String status, String finished, String finishedBefore, ResultCode code)
      throws IOException, InterruptedException {
    if (status.equals("FINISHED") || status.equals("ERROR") || status.equals("ABORT")) {
      return status;
    }
    if (status.equals("RUNNING") && finishedBefore != null && finished != null && !finished.equals(finishedBefore)) {
      return "SUCCESS".equals(code.get()) ? "FINISHED" : "ERROR";
    }
    return null;
  }
}
