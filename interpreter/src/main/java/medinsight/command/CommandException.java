package medinsight.command;

import medinsight.core.UserException;

/** A command the user typed that cannot run as written; the message says what to do. */
public class CommandException extends UserException {
  public CommandException(String message) {
    super(message);
  }
}
