package medinsight.zeppelin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import medinsight.access.AccessPolicy;
import org.apache.zeppelin.interpreter.Interpreter;
import org.apache.zeppelin.interpreter.InterpreterContext;
import org.apache.zeppelin.interpreter.InterpreterException;
import org.apache.zeppelin.interpreter.InterpreterGroup;
import org.apache.zeppelin.interpreter.InterpreterOutput;
import org.apache.zeppelin.interpreter.InterpreterResult;
import org.apache.zeppelin.interpreter.InterpreterResultMessage;
import org.apache.zeppelin.user.AuthenticationInfo;

/**
 * {@code %drugs} and {@code %drugs.sql} in one interpreter group inside this JVM, driven through
 * Zeppelin's interpreter API as a Zeppelin server would: for tests and the benchmark.
 */
public final class EmbeddedDrugs implements AutoCloseable {
  private static final AtomicInteger PARAGRAPHS = new AtomicInteger();

  public final DrugsInterpreter drugs;
  public final DrugsSqlInterpreter sql;

  /** A finished paragraph: its result and the messages it wrote. */
  public static final class Paragraph {
    public final InterpreterResult result;
    public final List<InterpreterResultMessage> messages;

    Paragraph(InterpreterResult result, List<InterpreterResultMessage> messages) {
      this.result = result;
      this.messages = messages;
    }

    public boolean ok() {
      return result.code() == InterpreterResult.Code.SUCCESS;
    }
  }

  public EmbeddedDrugs(Properties properties) throws InterpreterException {
    // the program that runs the interpreters in its JVM is trusted with what its properties allow
    drugs = new DrugsInterpreter(properties, AccessPolicy.embedded(properties));
    sql = new DrugsSqlInterpreter(properties);
    InterpreterGroup group = new InterpreterGroup("drugs-embedded-" + System.nanoTime());
    List<Interpreter> session = new ArrayList<>();
    session.add(drugs);
    session.add(sql);
    group.put("session_1", session);
    drugs.setInterpreterGroup(group);
    sql.setInterpreterGroup(group);
    drugs.open();
    sql.open();
  }

  public static InterpreterContext context() {
    return InterpreterContext.builder()
        .setNoteId("note")
        .setParagraphId("paragraph_" + PARAGRAPHS.incrementAndGet())
        .setInterpreterOut(new InterpreterOutput())
        .build();
  }

  /** A paragraph's context as Zeppelin gives it to a logged-in user with these roles. */
  public static InterpreterContext contextAs(String user, String... roles) {
    return InterpreterContext.builder()
        .setNoteId("note")
        .setParagraphId("paragraph_" + PARAGRAPHS.incrementAndGet())
        .setAuthenticationInfo(new AuthenticationInfo(user, new HashSet<>(List.of(roles)), "ticket"))
        .setInterpreterOut(new InterpreterOutput())
        .build();
  }

  public Paragraph run(Interpreter intp, String text, InterpreterContext ctx) throws InterpreterException, IOException {
    InterpreterResult r = intp.interpret(text, ctx);
    return new Paragraph(r, ctx.out.toInterpreterResultMessage());
  }

  public Paragraph drugs(String text) throws InterpreterException, IOException {
    return run(drugs, text, context());
  }

  public Paragraph sql(String text) throws InterpreterException, IOException {
    return run(sql, text, context());
  }

  @Override
  public void close() {
    sql.close();
    drugs.close();
  }
}
