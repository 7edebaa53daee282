package medinsight.access;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry;
import org.apache.spark.sql.catalyst.analysis.TableFunctionRegistry;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.analysis.UnresolvedGenerator;
import org.apache.spark.sql.catalyst.analysis.UnresolvedNamespace;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableOrView;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableValuedFunction;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.RLike;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.expressions.UnaryMinus;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.planning.ExtractEquiJoinKeys$;
import org.apache.spark.sql.catalyst.plans.logical.Join;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ShowColumns;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import org.apache.spark.sql.catalyst.plans.logical.WithWindowDefinition;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.StringType;
import scala.Tuple2;
import scala.collection.JavaConverters;

/**
 * Decides from Spark's own parser whether a statement is a read-only query over medinsight's
 * tables: the logical plan may hold only query operators (projections, filters, joins,
 * aggregates, windows, set operations, sub-queries, inline tables, Spark's table functions such
 * as {@code range}), read only the registered tables (or the query's own {@code WITH} names) by
 * their one-part name, and call only Spark's built-in functions less those that reach outside the
 * data ({@code reflect}, {@code java_method}, the XML {@code xpath} family). {@code DESCRIBE} and
 * {@code SHOW TABLES|COLUMNS} of the tables are allowed too. Anything else — every command
 * (SET, CREATE, INSERT, CACHE, ADD JAR …), script transforms, file data sources — is refused with
 * one line. The checked plan is what runs: the text is not parsed a second time.
 */
public final class SqlGuard {
  /** Query operators of a parsed (unresolved) plan, by class name. */
  private static final Set<String> QUERY_NODES = Set.of(
      "Project", "Filter", "Aggregate", "Join", "LateralJoin", "Sort", "GlobalLimit", "LocalLimit", "Offset", "Tail",
      "Union", "Intersect", "Except", "Distinct", "Deduplicate", "SubqueryAlias", "OneRowRelation", "LocalRelation",
      "UnresolvedInlineTable", "Window", "WithWindowDefinition", "Generate", "Sample", "UnresolvedHint", "Pivot",
      "Unpivot", "RepartitionByExpression", "Repartition", "RebalancePartitions", "Expand", "UnresolvedWith",
      "UnresolvedRelation", "UnresolvedTableValuedFunction", "UnresolvedSubqueryColumnAliases");
  /** Read-only statements about the tables. */
  private static final Set<String> DESCRIBE_NODES = Set.of("DescribeRelation", "DescribeColumn", "ShowTables", "ShowColumns");
  /** Built-in functions that reach outside the data: Java reflection, and XML parsing of user text. */
  private static final Set<String> DENIED_FUNCTIONS = Set.of("reflect", "java_method", "try_reflect",
      "xpath", "xpath_boolean", "xpath_double", "xpath_float", "xpath_int", "xpath_long", "xpath_number",
      "xpath_short", "xpath_string");

  /**
   * Built-in functions that make a string or an array as long as an argument says (the position of
   * that argument; for sequence, its bounds): one call can ask for 2 GB of the driver's heap, and
   * the interpreter, shared by every user, ends on OutOfMemoryError. Their length must be a
   * constant of at most {@link #MAX_GENERATED}, and none of them may feed another.
   */
  private static final Map<String, Integer> SIZED = Map.of("repeat", 1, "lpad", 1, "rpad", 1, "space", 0,
      "array_repeat", 1, "sequence", -1, "format_string", 0, "printf", 0);
  /**
   * The functions that take a regular expression, by the index of their pattern arguments. A
   * back-reference ({@code \1}, {@code \k<name>}) makes Java's matcher backtrack for as long as
   * it likes, in a loop that neither a cancel nor an interrupt stops (and, with constant operands,
   * in the driver while the query is planned); the pattern must be a string constant without one.
   */
  private static final Map<String, List<Integer>> REGEX = Map.of("rlike", List.of(1), "regexp", List.of(1),
      "regexp_like", List.of(1), "regexp_extract", List.of(1), "regexp_extract_all", List.of(1),
      "regexp_replace", List.of(1), "regexp_count", List.of(1), "regexp_instr", List.of(1), "regexp_substr", List.of(1),
      "split", List.of(1));
  private static final Pattern BACK_REFERENCE = Pattern.compile("\\\\(?:[1-9]|k<)");

  private static void regex(String name, List<Expression> args) {
    List<Integer> at = name.equals("str_to_map") ? List.of(1, 2) : REGEX.get(name);
    if (at == null) {
      return;
    }
    for (int i : at) {
      if (i < args.size()) {
        pattern(name, args.get(i));
      }
    }
  }

  private static void pattern(String name, Expression e) {
    String p = literal(e);
    if (p == null) {
      throw refused(name + " 的正则表达式须是字符串常数（会长时间占用解释器，取消也停不下来）");
    }
    if (BACK_REFERENCE.matcher(p).find()) {
      throw refused(name + " 的正则表达式不能有反向引用 \\1、\\k<…>（会长时间占用解释器，取消也停不下来）");
    }
    if (nestedRepetition(p)) {
      throw refused(name + " 的正则表达式中，重复的分组里不能再有重复或“|”（如 (a+)+、(a|aa)*，可改用字符类 [ab]*；"
          + "会长时间占用解释器，取消也停不下来）");
    }
  }

  /**
   * Whether a repeated group ({@code (…)*}, {@code +}, {@code {n,}}, {@code {n,m}} with m > 1)
   * holds a repetition or an alternation: the shapes ({@code (a+)+}, {@code (a|aa)*}) with which
   * Java's backtracking matcher takes time exponential in the input's length. An atomic group
   * {@code (?>…)} or a possessive quantifier ({@code *+}) does not backtrack and is allowed.
   * Escapes, {@code \Q…\E} and character classes are skipped: their characters are literals.
   */
  static boolean nestedRepetition(String p) {
    java.util.ArrayDeque<boolean[]> groups = new java.util.ArrayDeque<>(); // {holds a repetition or |, atomic}
    groups.push(new boolean[2]);
    int i = 0;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '\\') {
        if (i + 1 < p.length() && p.charAt(i + 1) == 'Q') {
          int end = p.indexOf("\\E", i + 2);
          i = end < 0 ? p.length() : end + 2;
        } else {
          i += 2;
        }
        continue;
      }
      if (c == '[') {
        i = classEnd(p, i);
        continue;
      }
      if (c == '(') {
        groups.push(new boolean[] {false, p.startsWith("(?>", i)});
        i++;
        continue;
      }
      if (c == '|') {
        groups.peek()[0] = true;
        i++;
        continue;
      }
      boolean closes = c == ')' && groups.size() > 1;
      boolean[] group = closes ? groups.pop() : null;
      int q = closes ? i + 1 : i;
      int after = repetitionEnd(p, q);
      if (after > q) {
        boolean possessive = after < p.length() && p.charAt(after) == '+';
        if (closes && group[0] && !group[1] && !possessive) {
          return true;
        }
        groups.peek()[0] = true;
        i = after;
      } else if (closes) {
        groups.peek()[0] |= group[0];
        i = q;
      } else {
        i++;
      }
    }
    return false;
  }

  private static final Pattern BOUNDS = Pattern.compile("\\{(\\d+)(,(\\d*))?\\}");

  /** The index after a repeating quantifier at {@code i} ({@code *}, {@code +}, {@code {n,}}, {@code {n,m}} with m > 1), else {@code i}. */
  private static int repetitionEnd(String p, int i) {
    if (i >= p.length()) {
      return i;
    }
    char c = p.charAt(i);
    if (c == '*' || c == '+') {
      return i + 1;
    }
    if (c == '{') {
      Matcher m = BOUNDS.matcher(p).region(i, p.length());
      if (m.lookingAt()) {
        boolean repeats = m.group(2) != null && (m.group(3).isEmpty() || Long.parseLong("0" + m.group(3)) > 1)
            || m.group(2) == null && Long.parseLong(m.group(1)) > 1;
        return repeats ? m.end() : i;
      }
    }
    return i;
  }

  /** The index after the character class opening at {@code i}, nested classes ({@code [a[b]]}) included. */
  private static int classEnd(String p, int i) {
    int depth = 0;
    int j = i;
    while (j < p.length()) {
      char c = p.charAt(j);
      if (c == '\\') {
        j += 2;
        continue;
      }
      if (c == '[') {
        depth++;
        // a ] right after [ or [^ is a literal
        if (j + 1 < p.length() && p.charAt(j + 1) == '^') {
          j++;
        }
        if (j + 1 < p.length() && p.charAt(j + 1) == ']') {
          j++;
        }
      } else if (c == ']' && --depth == 0) {
        return j + 1;
      }
      j++;
    }
    return p.length();
  }

  /** The longest string or array one call of a {@link #SIZED} function may make. */
  public static final long MAX_GENERATED = 100_000;

  private static volatile Set<String> functions;
  private static volatile Set<String> tableFunctions;

  private SqlGuard() {}

  private static Set<String> functions() {
    if (functions == null) {
      Set<String> f = new HashSet<>();
      for (FunctionIdentifier id : JavaConverters.seqAsJavaList(FunctionRegistry.builtin().listFunction())) {
        f.add(id.funcName().toLowerCase(Locale.ROOT));
      }
      f.removeAll(DENIED_FUNCTIONS);
      Set<String> t = new HashSet<>();
      for (FunctionIdentifier id : JavaConverters.seqAsJavaList(TableFunctionRegistry.builtin().listFunction())) {
        t.add(id.funcName().toLowerCase(Locale.ROOT));
      }
      tableFunctions = t;
      functions = f;
    }
    return functions;
  }

  /**
   * The parsed plan of {@code sql} when it is allowed; else {@link AccessDenied} naming what is
   * not. {@code tables} are the names a query may read.
   */
  public static LogicalPlan check(SparkSession spark, String sql, Set<String> tables) {
    LogicalPlan plan;
    try {
      plan = spark.sessionState().sqlParser().parsePlan(sql);
    } catch (ParseException e) {
      throw new SqlSyntax(syntaxError(e));
    }
    String name = plan.getClass().getSimpleName();
    if (DESCRIBE_NODES.contains(name)) {
      describe(plan, tables);
    } else {
      query(plan, tables, new HashSet<>());
    }
    return plan;
  }

  /**
   * One line for a statement Spark cannot parse: what Spark found and where (line and column, from
   * 1). Spark's message starts with an empty line and ends with the statement drawn with a marker;
   * the line that says what is wrong is the first one with text, less its error class and position.
   */
  static String syntaxError(ParseException e) {
    String what = "";
    for (String l : (e.getMessage() == null ? "" : e.getMessage()).split("\n")) {
      if (!l.isBlank()) {
        what = l.trim();
        break;
      }
    }
    what = what.replaceFirst("^\\[[A-Z_.]+\\]\\s*", "").replaceFirst("\\s*\\(line \\d+, pos \\d+\\)\\s*$", "").trim();
    if (what.endsWith(".")) {
      what = what.substring(0, what.length() - 1);
    }
    if (what.length() > 200) {
      what = what.substring(0, 200) + "…";
    }
    String where = e.line().isDefined() && e.startPosition().isDefined()
        ? "（第 " + e.line().get() + " 行第 " + ((Integer) e.startPosition().get() + 1) + " 列）" : "";
    return "SQL 错误" + where + "：" + (what.isEmpty() ? "Spark 无法解析这条语句" : what);
  }

  /** The most row pairs a join without an equality condition may compare. */
  public static final long MAX_PAIRS = 1_000_000_000L;

  /**
   * Refuses a join without an equality condition (a nested loop: every row of one side against
   * every row of the other) over more than {@link #MAX_PAIRS} row pairs, by the row counts Spark
   * knows of the optimized plan ({@code maxRows}, the cached tables' counts; else each side's
   * input). Spark checks a cancel only between the rows it reads, and such a join does all its
   * work on a row between two reads: a cancelled one kept the executor's cores for hours.
   */
  public static void boundedJoins(LogicalPlan optimized) {
    rows(optimized);
  }

  private static double rows(LogicalPlan p) {
    for (LogicalPlan sub : JavaConverters.seqAsJavaList(p.subqueries())) {
      rows(sub);
    }
    if (p instanceof Join) {
      Join j = (Join) p;
      double l = rows(j.left());
      double r = rows(j.right());
      boolean equi = ExtractEquiJoinKeys$.MODULE$.unapply(j).isDefined();
      if (!equi && l * r > MAX_PAIRS) {
        throw new AccessDenied(String.format(Locale.ROOT, "不允许的 SQL：这个没有等值条件的连接要逐对比较约 %.1e 对行（上限 %.0e），"
            + "这种连接一旦开始，取消也停不下来。请加上等值连接条件（如 a.code = b.code），或先用 WHERE、LIMIT、聚合缩小一侧。", l * r, (double) MAX_PAIRS));
      }
      String type = j.joinType().toString();
      if (type.startsWith("LeftSemi") || type.startsWith("LeftAnti") || type.startsWith("ExistenceJoin")) {
        return l;
      }
      return equi ? Math.max(l, r) : l * r;
    }
    List<LogicalPlan> children = JavaConverters.seqAsJavaList(p.children());
    double sum = 0;
    double max = 0;
    for (LogicalPlan c : children) {
      double n = rows(c);
      sum += n;
      max = Math.max(max, n);
    }
    if (p.maxRows().isDefined()) {
      return Math.min((Long) p.maxRows().get(), children.isEmpty() ? Double.MAX_VALUE : sum);
    }
    if (children.isEmpty()) {
      scala.Option<scala.math.BigInt> known = p.stats().rowCount();
      if (known.isDefined()) {
        return known.get().doubleValue();
      }
      long width = 8;
      for (org.apache.spark.sql.catalyst.expressions.Attribute a : JavaConverters.seqAsJavaList(p.output())) {
        width += a.dataType().defaultSize();
      }
      return p.stats().sizeInBytes().doubleValue() / width;
    }
    return p instanceof org.apache.spark.sql.catalyst.plans.logical.Union ? sum : max;
  }

  /** A statement Spark cannot parse: the user's mistake, not a refusal. */
  public static final class SqlSyntax extends AccessDenied {
    SqlSyntax(String message) {
      super(message);
    }
  }

  /** True for a query (not a DESCRIBE or SHOW statement). */
  public static boolean isQuery(LogicalPlan plan) {
    return !DESCRIBE_NODES.contains(plan.getClass().getSimpleName());
  }

  private static AccessDenied refused(String what) {
    return new AccessDenied("不允许的 SQL：" + what + "。%drugs.sql 只执行对 " + String.join("、", TABLE_ORDER)
        + " 等表的只读查询（SELECT、WITH、VALUES、TABLE，以及 DESCRIBE、SHOW TABLES/COLUMNS）。");
  }

  private static final List<String> TABLE_ORDER = List.of("catalog", "catalog_all", "products", "yinpian", "rejected_rows",
      "quarantined_fields", "commercial");

  private static void describe(LogicalPlan plan, Set<String> tables) {
    if (plan instanceof ShowColumns && ((ShowColumns) plan).namespace().isDefined()) {
      throw refused("SHOW COLUMNS … IN 数据库");
    }
    for (LogicalPlan c : JavaConverters.seqAsJavaList(plan.children())) {
      if (c instanceof UnresolvedTableOrView) {
        List<String> parts = JavaConverters.seqAsJavaList(((UnresolvedTableOrView) c).multipartIdentifier());
        table(parts, tables, Set.of());
      } else if (c instanceof UnresolvedNamespace) {
        if (!((UnresolvedNamespace) c).multipartIdentifier().isEmpty()) {
          throw refused("SHOW … IN 数据库");
        }
      } else {
        throw refused(plan.nodeName());
      }
    }
  }

  private static void table(List<String> parts, Set<String> tables, Set<String> ctes) {
    String shown = String.join(".", parts);
    if (parts.size() != 1) {
      throw refused("读取“" + shown + "”（文件、其他数据库或数据源）");
    }
    String t = parts.get(0).toLowerCase(Locale.ROOT);
    if (!tables.contains(t) && !ctes.contains(t)) {
      throw refused("读取表“" + shown + "”（可查询的表：" + String.join("、", TABLE_ORDER) + "）");
    }
  }

  private static void query(LogicalPlan plan, Set<String> tables, Set<String> ctes) {
    String name = plan.getClass().getSimpleName();
    if (name.contains("UnresolvedIdentifier")) {
      throw refused("IDENTIFIER(…)（名称在检查之后才确定）");
    }
    if (!QUERY_NODES.contains(name)) {
      throw refused(statement(name));
    }
    if (plan instanceof UnresolvedRelation) {
      table(JavaConverters.seqAsJavaList(((UnresolvedRelation) plan).multipartIdentifier()), tables, ctes);
      return;
    }
    Set<String> scope = ctes;
    if (plan instanceof UnresolvedWith) {
      scope = new HashSet<>(ctes);
      for (Tuple2<String, ?> def : JavaConverters.seqAsJavaList(((UnresolvedWith) plan).cteRelations())) {
        query((LogicalPlan) def._2(), tables, scope);
        scope.add(def._1().toLowerCase(Locale.ROOT));
      }
    }
    if (plan instanceof UnresolvedTableValuedFunction) {
      functions();
      List<String> parts = JavaConverters.seqAsJavaList(((UnresolvedTableValuedFunction) plan).name());
      if (parts.size() != 1 || !tableFunctions.contains(parts.get(0).toLowerCase(Locale.ROOT))) {
        throw refused("表函数 " + String.join(".", parts));
      }
    }
    if (plan instanceof WithWindowDefinition) {
      for (Expression e : JavaConverters.asJavaCollection(((WithWindowDefinition) plan).windowDefinitions().values())) {
        expression(e, tables, scope);
      }
    }
    for (Expression e : JavaConverters.seqAsJavaList(plan.expressions())) {
      expression(e, tables, scope);
    }
    for (LogicalPlan c : JavaConverters.seqAsJavaList(plan.children())) {
      query(c, tables, scope);
    }
  }

  private static void expression(Expression e, Set<String> tables, Set<String> ctes) {
    String kind = e.getClass().getSimpleName();
    if (kind.contains("UnresolvedIdentifier")) {
      // IDENTIFIER('…') names a function or table only after this check: refused
      throw refused("IDENTIFIER(…)（名称在检查之后才确定）");
    }
    if (e instanceof UnresolvedFunction) {
      List<String> parts = JavaConverters.seqAsJavaList(((UnresolvedFunction) e).nameParts());
      function(parts.size() == 1 ? parts.get(0) : String.join(".", parts), parts.size() == 1);
      List<Expression> args = JavaConverters.seqAsJavaList(((UnresolvedFunction) e).arguments());
      sized(parts.get(parts.size() - 1).toLowerCase(Locale.ROOT), args);
      regex(parts.get(parts.size() - 1).toLowerCase(Locale.ROOT), args);
    } else if (e instanceof RLike) {
      pattern("rlike", ((RLike) e).right());
    } else if (e instanceof UnresolvedGenerator) {
      FunctionIdentifier id = ((UnresolvedGenerator) e).name();
      function(id.unquotedString(), id.database().isEmpty());
    }
    if (e instanceof SubqueryExpression) {
      query(((SubqueryExpression) e).plan(), tables, ctes);
    }
    for (Expression c : JavaConverters.seqAsJavaList(e.children())) {
      expression(c, tables, ctes);
    }
  }

  /** Holds a {@link #SIZED} function's length to a constant of at most {@link #MAX_GENERATED}. */
  private static void sized(String name, List<Expression> args) {
    Integer at = SIZED.get(name);
    if (at == null) {
      return;
    }
    String why = name + " 生成的字符串或数组的长度须是不超过 " + MAX_GENERATED + " 的常数（会占用解释器的内存）";
    for (Expression a : args) {
      if (generates(a)) {
        throw refused(name + " 的参数中不能再有 repeat、lpad 等生成长串的函数（会占用解释器的内存）");
      }
    }
    if (name.equals("format_string") || name.equals("printf")) {
      String f = args.isEmpty() ? null : literal(args.get(0));
      Matcher m = Pattern.compile("%[-#+ 0,(<]*(\\d+)").matcher(f == null ? "" : f);
      boolean ok = f != null;
      while (ok && m.find()) {
        ok = m.group(1).length() < 7 && Long.parseLong(m.group(1)) <= MAX_GENERATED;
      }
      if (!ok) {
        throw refused(why + "：格式须是常数，宽度不超过 " + MAX_GENERATED);
      }
      return;
    }
    if (at < 0) {
      // sequence(start, stop[, step]) of integer constants
      Long start = args.size() >= 2 ? integer(args.get(0)) : null;
      Long stop = args.size() >= 2 ? integer(args.get(1)) : null;
      Long step = args.size() >= 3 ? integer(args.get(2)) : Long.valueOf(1);
      if (start == null || stop == null || step == null || step == 0
          || Math.abs((double) stop - start) / Math.abs((double) step) >= MAX_GENERATED) {
        throw refused("sequence 的起止与步长须是整数常数，且不超过 " + MAX_GENERATED + " 项（会占用解释器的内存）");
      }
      return;
    }
    Long n = args.size() > at ? integer(args.get(at)) : null;
    if (n == null || n > MAX_GENERATED) {
      throw refused(why);
    }
  }

  private static boolean generates(Expression e) {
    if (e instanceof UnresolvedFunction) {
      List<String> parts = JavaConverters.seqAsJavaList(((UnresolvedFunction) e).nameParts());
      if (SIZED.containsKey(parts.get(parts.size() - 1).toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    for (Expression c : JavaConverters.seqAsJavaList(e.children())) {
      if (generates(c)) {
        return true;
      }
    }
    return false;
  }

  /** An integer constant (a literal, with a sign), else null. */
  private static Long integer(Expression e) {
    if (e instanceof UnaryMinus) {
      Long v = integer(((UnaryMinus) e).child());
      return v == null ? null : -v;
    }
    if (e instanceof Literal && ((Literal) e).value() != null && ((Literal) e).dataType() instanceof IntegralType) {
      return ((Number) ((Literal) e).value()).longValue();
    }
    return null;
  }

  /** A string constant, else null. */
  private static String literal(Expression e) {
    return e instanceof Literal && ((Literal) e).value() != null && ((Literal) e).dataType() instanceof StringType
        ? ((Literal) e).value().toString() : null;
  }

  private static void function(String name, boolean simple) {
    String n = name.toLowerCase(Locale.ROOT);
    if (!simple || !functions().contains(n)) {
      throw refused("函数 " + name + (DENIED_FUNCTIONS.contains(n) ? "（会调用 Java 方法或读取外部内容）" : "（不是 Spark 的内置函数）"));
    }
  }

  private static String statement(String node) {
    switch (node) {
      case "ScriptTransformation": return "TRANSFORM … USING（会执行外部命令）";
      case "SetCommand": case "ResetCommand": case "SetNamespaceCommand": return "SET/RESET（会改变会话设置）";
      case "InsertIntoDir": return "INSERT OVERWRITE DIRECTORY（会写文件）";
      case "InsertIntoStatement": return "INSERT（会写数据）";
      case "CreateTableAsSelect": case "CreateTable": case "CreateTableLikeCommand": case "ReplaceTableAsSelect":
        return "CREATE TABLE（会写文件）";
      case "CreateViewStatement": case "CreateView": case "CreateViewCommand": return "CREATE VIEW";
      case "AddJarsCommand": case "AddFilesCommand": case "AddArchivesCommand": return "ADD JAR/FILE（会加载外部代码或文件）";
      case "CacheTable": case "CacheTableAsSelect": case "UncacheTable": case "ClearCacheCommand": return "CACHE/UNCACHE";
      default:
        return node.endsWith("Command") || node.endsWith("Statement") ? "语句 " + node : "操作 " + node;
    }
  }
}
