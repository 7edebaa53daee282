package medinsight.command;

/** A command the user typed that cannot run as written; the message says what to do. */
public class CommandException extends RuntimeException {
  public CommandException(String message) {
    super(message);
  }
}
