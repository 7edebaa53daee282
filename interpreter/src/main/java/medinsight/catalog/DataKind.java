package medinsight.catalog;

import java.util.Locale;

/**
 * The kinds of data the plugin loads: the national catalog, a product list, the 饮片 list. Its
 * {@link #key()} is the form they take outside the code: what a user types after {@code --as},
 * the warehouse's folder names and {@code meta.json}, and the {@code kind} column of
 * {@code rejected_rows}.
 */
public enum DataKind {
  CATALOG, PRODUCTS, YINPIAN;

  /** catalog, products, yinpian. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind of a key ({@link #key()}); null for null. */
  public static DataKind of(String key) {
    if (key == null) {
      return null;
    }
    for (DataKind k : values()) {
      if (k.key().equals(key)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown kind of data: " + key);
  }
}
