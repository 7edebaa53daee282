package medinsight.access;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The shapes of pattern whose matching time grows exponentially with the input, and the ones that do not. */
class NestedRepetitionTest {
  @Test
  void aRepeatedGroupThatRepeatsOrAlternatesInsideIsFound() {
    for (String p : new String[] {"(a+)+b", "(a*)*b", "(a|aa)*b", "(x+x+)+y", "((ab)*c)*", "(a|b)+", "(?:a+){2,}", "(a+){1,9}",
        "(\\d+\\.?)+$", "^(([a-z])+.)+[A-Z]([a-z])+$", "((a+))+"}) {
      assertTrue(SqlGuard.nestedRepetition(p), p);
    }
  }

  @Test
  void patternsWithoutItAreLeftAlone() {
    for (String p : new String[] {"胶囊$", "(片|胶囊)$", "^[A-Z]\\d+", "(ab)+", "(a+)?", "[(a+)+]", "\\(a+\\)+", "\\Q(a+)+\\E",
        "(?>a+)+b", "(a+)*+b", "(a|b){1}", "[a[(b+)+]]c", "x{2,}", "(a){0,1}", "[]a+)+]"}) {
      assertFalse(SqlGuard.nestedRepetition(p), p);
    }
  }
}
