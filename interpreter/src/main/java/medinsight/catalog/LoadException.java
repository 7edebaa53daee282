package medinsight.catalog;

import medinsight.core.UserException;

/** A source that cannot be loaded at all; the message is meant for the user, one or two lines. */
public class LoadException extends UserException {
  public LoadException(String message) {
    super(message);
  }

  public LoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
