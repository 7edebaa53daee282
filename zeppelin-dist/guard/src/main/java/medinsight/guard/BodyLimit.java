package medinsight.guard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import javax.servlet.FilterChain;
import javax.servlet.ReadListener;
import javax.servlet.ServletException;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import org.apache.shiro.web.servlet.OncePerRequestFilter;
import org.apache.shiro.web.util.WebUtils;

/**
 * Caps a request's body at {@code maxBytes} (by default Zeppelin's own cap on a websocket message,
 * {@code zeppelin.websocket.max.text.message.size}): a larger declared length is answered 413
 * without keeping any of it (up to four times the cap it is read and dropped, so that the client
 * reads the answer; beyond, the connection is closed); a body without a length stops with an
 * error where it passes the cap.
 * Zeppelin's REST API reads a note import whole into memory, so an unbounded one ends the server.
 */
public class BodyLimit extends OncePerRequestFilter {
  private long maxBytes = 10_240_000L;
  /** Up to this many times the cap a refused body is read (and dropped) before the answer. */
  static final int DRAINED = 4;

  public void setMaxBytes(long n) {
    maxBytes = n;
  }

  long maxBytes() {
    return maxBytes;
  }

  @Override
  protected void doFilterInternal(ServletRequest request, ServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpServletRequest http = WebUtils.toHttp(request);
    long length = http.getContentLengthLong();
    if (length > maxBytes) {
      if (length <= DRAINED * maxBytes) {
        // read and drop the body, so the client, still sending it, gets to read the answer
        // (closing on an unread body reset the connection before it could)
        byte[] buffer = new byte[64 * 1024];
        try (java.io.InputStream in = http.getInputStream()) {
          while (in.read(buffer) >= 0) {
            // dropped
          }
        }
      } else {
        WebUtils.toHttp(response).setHeader("Connection", "close");
      }
      Forbidden.answer(response, 413, "PAYLOAD_TOO_LARGE", "the request body is over " + maxBytes + " bytes");
      return;
    }
    chain.doFilter(new Limited(http, maxBytes), response);
  }

  /** The request with a body that cannot be read past the cap. */
  static final class Limited extends HttpServletRequestWrapper {
    private final long max;
    private ServletInputStream in;

    Limited(HttpServletRequest r, long max) {
      super(r);
      this.max = max;
    }

    @Override
    public synchronized ServletInputStream getInputStream() throws IOException {
      if (in == null) {
        in = new Counted(super.getInputStream(), max);
      }
      return in;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String enc = getCharacterEncoding();
      Charset cs = enc == null ? StandardCharsets.UTF_8 : Charset.forName(enc);
      return new BufferedReader(new InputStreamReader(getInputStream(), cs));
    }
  }

  static final class Counted extends ServletInputStream {
    private final ServletInputStream in;
    private final long max;
    private long read;

    Counted(ServletInputStream in, long max) {
      this.in = in;
      this.max = max;
    }

    private int count(int n) throws IOException {
      if (n > 0) {
        read += n;
        if (read > max) {
          throw new IOException("the request body is over " + max + " bytes");
        }
      }
      return n;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return count(in.read(b, off, len));
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener l) {
      in.setReadListener(l);
    }
  }
}
