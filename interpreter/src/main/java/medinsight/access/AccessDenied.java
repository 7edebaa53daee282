package medinsight.access;

import medinsight.core.UserException;

/** What the paragraph's user may not do, or a path or statement outside what the deployment allows; one line. */
public class AccessDenied extends UserException {
  public AccessDenied(String message) {
    super(message);
  }
}
