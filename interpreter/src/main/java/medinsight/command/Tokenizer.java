package medinsight.command;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words. Double quotes ("…" or “…”) and single quotes group words;
 * inside double quotes a single quote is literal, so {@code --manufacturer "O'Brien (北京) 药业"}
 * is one value. A backslash escapes the next character.
 */
public final class Tokenizer {
  /** A word and where it starts and ends in the line. */
  public static final class Token {
    public final String text;
    public final int start;
    public final int end;

    Token(String text, int start, int end) {
      this.text = text;
      this.start = start;
      this.end = end;
    }
  }

  private Tokenizer() {}

  public static List<Token> tokens(String line) {
    List<Token> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int start = -1;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == '\\' && i + 1 < line.length()) {
          cur.append(line.charAt(++i));
        } else if (c == quote || (quote == '“' && c == '”')) {
          quote = 0;
        } else {
          cur.append(c);
        }
        continue;
      }
      if (Character.isWhitespace(c)) {
        if (start >= 0) {
          out.add(new Token(cur.toString(), start, i));
          cur.setLength(0);
          start = -1;
        }
        continue;
      }
      if (start < 0) {
        start = i;
      }
      if (c == '"' || c == '\'' || c == '“') {
        quote = c;
      } else if (c == '\\' && i + 1 < line.length()) {
        cur.append(line.charAt(++i));
      } else {
        cur.append(c);
      }
    }
    if (quote != 0) {
      throw new CommandException("引号没有闭合：" + line.trim());
    }
    if (start >= 0) {
      out.add(new Token(cur.toString(), start, line.length()));
    }
    return out;
  }

  public static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    for (Token t : tokens(line)) {
      out.add(t.text);
    }
    return out;
  }
}
