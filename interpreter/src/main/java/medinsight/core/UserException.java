package medinsight.core;

/**
 * Something the user can act on: a command that cannot run as written, a source that cannot be
 * loaded, an export target that is wrong, a grant the caller lacks. Its message is what the
 * paragraph shows, one or two lines, saying what went wrong and what to do. Every layer throws
 * it (or a subclass) without knowing who shows it; anything else that escapes a command is a
 * defect and is logged.
 */
public class UserException extends RuntimeException {
  public UserException(String message) {
    super(message);
  }

  public UserException(String message, Throwable cause) {
    super(message, cause);
  }
}
