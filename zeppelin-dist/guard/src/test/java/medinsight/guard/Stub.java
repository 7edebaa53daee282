package medinsight.guard;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Minimal servlet requests and responses for the guards' narrow unit tests. */
final class Stub {
  private Stub() {
  }

  static HttpServletRequest request(String method, String address, Map<String, String> params, byte[] body, long length) {
    ByteArrayInputStream bytes = new ByteArrayInputStream(body);
    ServletInputStream in = new ServletInputStream() {
      @Override
      public int read() {
        return bytes.read();
      }

      @Override
      public int read(byte[] b, int off, int len) {
        return bytes.read(b, off, len);
      }

      @Override
      public boolean isFinished() {
        return bytes.available() == 0;
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setReadListener(ReadListener l) {
      }
    };
    return (HttpServletRequest) Proxy.newProxyInstance(Stub.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
        (p, m, a) -> {
          switch (m.getName()) {
            case "getMethod": return method;
            case "getRemoteAddr": return address;
            case "getParameter": return params.get((String) a[0]);
            case "getContentLengthLong": return length;
            case "getContentLength": return (int) length;
            case "getInputStream": return in;
            case "getCharacterEncoding": return "UTF-8";
            case "hashCode": return System.identityHashCode(p);
            case "equals": return p == a[0];
            default: return null;
          }
        });
  }

  static HttpServletRequest login(String address, String user) {
    return request("POST", address, Map.of("userName", user), new byte[0], 0);
  }

  /** A response that records its status, headers and body. */
  static final class Response {
    int status = 200;
    final Map<String, String> headers = new HashMap<>();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    final HttpServletResponse http = (HttpServletResponse) Proxy.newProxyInstance(Stub.class.getClassLoader(),
        new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> {
          switch (m.getName()) {
            case "setStatus": status = (Integer) a[0]; return null;
            case "sendError": status = (Integer) a[0]; return null;
            case "getStatus": return status;
            case "setHeader": headers.put((String) a[0], (String) a[1]); return null;
            case "isCommitted": return false;
            case "getOutputStream": return new ServletOutputStream() {
              @Override
              public void write(int b) {
                body.write(b);
              }

              @Override
              public boolean isReady() {
                return true;
              }

              @Override
              public void setWriteListener(WriteListener l) {
              }
            };
            case "hashCode": return System.identityHashCode(p);
            case "equals": return p == a[0];
            default: return null;
          }
        });

    String text() {
      return body.toString(StandardCharsets.UTF_8);
    }
  }
}
