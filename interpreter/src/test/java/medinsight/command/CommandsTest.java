package medinsight.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CommandsTest {
  @Test
  void tokensKeepQuotedNamesWhole() {
    assertEquals(List.of("lookup", "--manufacturer", "O'Brien (北京) 药业"),
        Tokenizer.words("lookup --manufacturer \"O'Brien (北京) 药业\""));
    assertEquals(List.of("a", "“康宁”制药"), Tokenizer.words("a '“康宁”制药'"));
    assertEquals(List.of("a", "康宁 制药"), Tokenizer.words("a “康宁 制药”"));
    assertEquals(List.of("x\"y"), Tokenizer.words("x\\\"y"));
    assertThrows(CommandException.class, () -> Tokenizer.words("lookup \"open"));
  }

  @Test
  void parseFillsDefaultsAndChecksTypes() {
    Invocation i = CommandParser.parse("manufacturers diversity --top 5");
    assertEquals("manufacturers diversity", i.command.name);
    assertEquals(5, i.integer("top"));
    assertEquals(5, i.integer("min-products"));
    Invocation eq = CommandParser.parse("levels --by=variety");
    assertEquals("variety", eq.text("by"));
    Invocation b = CommandParser.parse("burden --bands 0,10%,30%,1");
    assertEquals(List.of(0.0, 0.1, 0.3, 1.0), b.numbers("bands"));
    assertNull(CommandParser.parse("negotiated").integerOrNull("expiring"));
    assertEquals("阿莫西林", CommandParser.parse("lookup 阿莫西林 --level 甲").argument);
    assertEquals("manufacturers diversity", CommandParser.parse("help manufacturers diversity").argument);
  }

  @Test
  void errorsSayHowToFix() {
    assertTrue(message("levls").contains("是否想输入 levels"));
    assertTrue(message("manufacturers").contains("需要子命令"));
    assertTrue(message("generics --top abc").contains("--top 需要整数"));
    assertTrue(message("generics --top 0").contains("--top 应在 1–100000 之间"));
    assertTrue(message("levels --by brand").contains("--by 应为 entry、variety 之一"));
    assertTrue(message("levels --depth 2").contains("levels 没有选项 --depth"));
    assertTrue(message("generics --top").contains("--top 缺少值"));
    assertTrue(message("load").contains("load 需要参数 PATH"));
    assertTrue(message("ratios extra").contains("多余的参数"));
    assertTrue(message("chart").contains("需要子命令：kpi、heatmap、treemap、rules、clusters"));
    assertTrue(message("chart treemap --depth 3").contains("--depth 应在 1–2 之间"));
    assertTrue(message("chart kpi --theme blue").contains("--theme 应为 light、dark 之一"));
  }

  private static String message(String line) {
    return assertThrows(CommandException.class, () -> CommandParser.parse(line)).getMessage();
  }

  private static List<String> complete(String buf, int cursor) {
    return Completer.complete(buf, cursor).stream().map(c -> c.value).collect(Collectors.toList());
  }

  @Test
  void completionFollowsTheCursor() {
    assertEquals(List.of("levels", "load", "lookup"), complete("l", 1).stream().sorted().collect(Collectors.toList()));
    assertTrue(complete("", 0).containsAll(List.of("help", "levels", "manufacturers")));
    assertEquals(List.of("share", "specialization"), complete("manufacturers s", 15));
    assertEquals(List.of("--by", "--subtotals", "--edition"), complete("levels --", 9));
    assertEquals(List.of("--subtotals"), complete("levels --s", 10));
    assertEquals(List.of("entry", "variety"), complete("levels --by ", 12));
    // the cursor is on the first line of two: the second line does not matter
    assertEquals(List.of("variety"), complete("levels --by v\nforms --min 3", 13));
    assertEquals(List.of("--min", "--top"), complete("forms \nlevels", 6));
    // options already given are not offered again
    assertEquals(List.of("--top"), complete("forms --min 3 ", 14));
  }

  @Test
  void everyCommandHasHelpAndAnExampleThatParses() {
    for (CommandSpec c : Commands.all().values()) {
      assertTrue(c.help.length() > 4, c.name);
      Invocation i = CommandParser.parse(c.example);
      assertEquals(c.name, i.command.name, c.example);
    }
  }

  @Test
  void readmeCarriesTheGeneratedReference() throws Exception {
    Path readme = Paths.get("..", "README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    String begin = "<!-- commands:begin -->";
    String end = "<!-- commands:end -->";
    int b = text.indexOf(begin);
    int e = text.indexOf(end);
    assertTrue(b >= 0 && e > b, "README lacks the command reference markers");
    assertEquals(Help.reference().trim(), text.substring(b + begin.length(), e).trim(),
        "README command reference is stale: regenerate it with bin/command-reference");
  }
}
