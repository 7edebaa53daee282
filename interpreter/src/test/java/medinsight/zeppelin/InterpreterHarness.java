package medinsight.zeppelin;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.zeppelin.interpreter.Interpreter;
import org.apache.zeppelin.interpreter.InterpreterContext;
import org.apache.zeppelin.interpreter.InterpreterResult;
import org.apache.zeppelin.interpreter.InterpreterResultMessage;

/** Runs %drugs and %drugs.sql paragraphs the way Zeppelin's own interpreter tests do. */
public final class InterpreterHarness implements AutoCloseable {
  public final DrugsInterpreter drugs;
  public final DrugsSqlInterpreter sql;

  /** What a paragraph returned: its code, its messages, and the error text if any. */
  public static final class Run {
    public final InterpreterResult result;
    public final List<InterpreterResultMessage> messages;

    Run(InterpreterResult result, List<InterpreterResultMessage> messages) {
      this.result = result;
      this.messages = messages;
    }

    public boolean ok() {
      return result.code() == InterpreterResult.Code.SUCCESS;
    }

    /** The error message of a failed paragraph. */
    public String error() {
      StringBuilder b = new StringBuilder();
      for (InterpreterResultMessage m : result.message()) {
        b.append(m.getData());
      }
      return b.toString();
    }

    /** All output text, tables included. */
    public String text() {
      StringBuilder b = new StringBuilder();
      for (InterpreterResultMessage m : messages) {
        b.append(m.getData()).append('\n');
      }
      return b.toString() + error();
    }

    /** The n-th table as rows of cells, header first. */
    public List<String[]> table(int n) {
      int seen = 0;
      for (InterpreterResultMessage m : messages) {
        if (m.getType() == InterpreterResult.Type.TABLE) {
          if (seen++ == n) {
            List<String[]> rows = new ArrayList<>();
            for (String line : m.getData().split("\n")) {
              if (!line.isEmpty()) {
                rows.add(line.split("\t", -1));
              }
            }
            return rows;
          }
        }
      }
      throw new AssertionError("no table " + n + " in output:\n" + text());
    }

    /** The n-th %html result. */
    public String html(int n) {
      int seen = 0;
      for (InterpreterResultMessage m : messages) {
        if (m.getType() == InterpreterResult.Type.HTML && seen++ == n) {
          return m.getData().trim();
        }
      }
      throw new AssertionError("no html result " + n + " in output:\n" + text());
    }

    /** The cell in the first table's row whose first cells equal {@code keys}, in the column named {@code header}. */
    public String cell(String header, String... keys) {
      List<String[]> t = table(0);
      int col = java.util.Arrays.asList(t.get(0)).indexOf(header);
      if (col < 0) {
        throw new AssertionError("no column " + header + " in " + String.join(",", t.get(0)));
      }
      for (String[] row : t.subList(1, t.size())) {
        boolean match = true;
        for (int i = 0; i < keys.length; i++) {
          match &= keys[i].equals(row[i]);
        }
        if (match) {
          return row[col];
        }
      }
      throw new AssertionError("no row " + String.join("/", keys) + " in\n" + text());
    }
  }

  private final EmbeddedDrugs embedded;

  public InterpreterHarness(Properties extra) throws Exception {
    Properties p = new Properties();
    p.setProperty("spark.master", "local[2]");
    p.setProperty("spark.sql.shuffle.partitions", "2");
    p.setProperty("drugs.warehouse", "none");
    p.putAll(extra);
    embedded = new EmbeddedDrugs(p);
    drugs = embedded.drugs;
    sql = embedded.sql;
  }

  public static InterpreterContext context() {
    return EmbeddedDrugs.context();
  }

  public Run run(Interpreter intp, String text, InterpreterContext ctx) throws Exception {
    EmbeddedDrugs.Paragraph p = embedded.run(intp, text, ctx);
    return new Run(p.result, p.messages);
  }

  public Run drugs(String text) throws Exception {
    return run(drugs, text, context());
  }

  public Run sql(String text) throws Exception {
    return run(sql, text, context());
  }

  @Override
  public void close() {
    embedded.close();
  }
}
