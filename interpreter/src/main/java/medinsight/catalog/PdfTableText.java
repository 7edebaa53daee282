package medinsight.catalog;

import java.awt.geom.Point2D;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * Text of a PDF whose tables have ruled cells, as lines a reader can take row by row: the ruling
 * lines of each page (read with PDFBox's graphics engine) give the table's rows and columns;
 * the characters (PDFBox's text positions) are put into the cells of their row (a row's columns
 * are the vertical rules that cross it, so a merged cell stays whole). A table row becomes one
 * element: each cell as {@link #CELL}, its extent {@code x0,x1}, {@link #AT} and its lines joined
 * by line breaks, for {@link CatalogTextReader} to map to the header's columns. Text outside a
 * table (headings, the 凡例, the page number) keeps its own lines, in reading order.
 *
 * <p>PDFBox extracts characters and drawing operations; turning ruled tables back into rows is
 * what it leaves to the application (its own text stripper orders text by position only, which
 * puts a vertically centred cell's text on another line than its row's).
 */
final class PdfTableText {
  private PdfTableText() {}

  /** One character where the page draws it (y from the top). */
  private static final class Glyph {
    final String text;
    final float x;
    final float y;
    final float w;
    final float h;

    Glyph(String text, float x, float y, float w, float h) {
      this.text = text;
      this.x = x;
      this.y = y;
      this.w = w;
      this.h = h;
    }
  }

  /** A printed line of a block: its glyphs left to right. */
  private static final class Line {
    final float y;
    final List<Glyph> glyphs = new ArrayList<>();

    Line(float y) {
      this.y = y;
    }

    String text() {
      glyphs.sort(Comparator.comparingDouble(g -> g.x));
      StringBuilder b = new StringBuilder();
      Glyph prev = null;
      for (Glyph g : glyphs) {
        if (prev != null && g.x - (prev.x + prev.w) > Math.max(1.5f, 0.25f * Math.max(g.h, prev.h))) {
          b.append(' ');
        }
        b.append(g.text);
        prev = g;
      }
      return b.toString().trim();
    }
  }

  /** Starts each cell of a table row in the lines given to {@link CatalogTextReader}; a cell's own lines are joined by a line break. */
  static final char CELL = '\u001F';
  /** Separates a cell's horizontal extent ({@code x0,x1}) from its text. */
  static final char AT = '\u001D';

  static List<String> lines(InputStream in, String source) throws IOException {
    PDDocument doc;
    try {
      doc = Loader.loadPDF(new RandomAccessReadBuffer(in));
    } catch (InvalidPasswordException e) {
      throw new LoadException(source + " 是加密的 PDF，无法读取其文字。请提供未加密的官方 PDF。现有数据保持不变。");
    } catch (IOException e) {
      throw new LoadException(source + " 不是完整的 PDF 文件（" + e.getClass().getSimpleName()
          + "）。请检查文件是否下载完整。现有数据保持不变。", e);
    }
    try (doc) {
      if (doc.isEncrypted() && !doc.getCurrentAccessPermission().canExtractContent()) {
        throw new LoadException(source + " 是加密的 PDF，不允许提取文字。请提供未加密的官方 PDF。现有数据保持不变。");
      }
      List<String> out = new ArrayList<>();
      int glyphs = 0;
      for (int p = 0; p < doc.getNumberOfPages(); p++) {
        PDPage page = doc.getPage(p);
        long content = content(page.getResources(), page.getContents(), 0, MAX_PAGE_CONTENT);
        if (content > MAX_PAGE_CONTENT) {
          throw new LoadException(source + " 第 " + (p + 1) + " 页的内容解压后超过 " + MAX_PAGE_CONTENT / (1024 * 1024)
              + " MB（官方目录一页不到 1 MB）：不是目录的 PDF。现有数据保持不变。");
        }
        List<Glyph> chars = glyphs(doc, p + 1);
        glyphs += chars.size();
        Rules rules = new Rules(page);
        rules.processPage(page);
        out.addAll(layout(chars, rules));
      }
      if (glyphs == 0) {
        throw new LoadException(source + " 没有文字层（可能是扫描件）：无法从图像中读出目录。请使用 NHSA 发布的文字版 PDF。现有数据保持不变。");
      }
      return out;
    }
  }

  /**
   * The most a page's drawing instructions may take once decompressed, form XObjects included. A
   * page of the official catalogs takes well under 1 MB; a 400 KB file whose page inflated to
   * 200 MB kept the loader busy for minutes (and PDFBox warned for each of its 30 million bad
   * operators), so such a page is refused before it is read.
   */
  static final long MAX_PAGE_CONTENT = 16L * 1024 * 1024;

  /**
   * The decompressed size of a content stream and of the forms its resources draw (to a depth of
   * 8), counted up to just past {@code limit}: a bomb is not inflated further than that.
   */
  private static long content(PDResources resources, InputStream stream, int depth, long limit) throws IOException {
    long n = 0;
    if (stream != null) {
      try (InputStream in = stream) {
        byte[] buf = new byte[64 * 1024];
        int r;
        while (n <= limit && (r = in.read(buf)) > 0) {
          n += r;
        }
      }
    }
    if (resources == null || depth >= 8 || n > limit) {
      return n;
    }
    for (COSName name : resources.getXObjectNames()) {
      PDXObject x = resources.getXObject(name);
      if (x instanceof PDFormXObject) {
        PDFormXObject form = (PDFormXObject) x;
        n += content(form.getResources() == resources ? null : form.getResources(), form.getContents(), depth + 1, limit - n);
        if (n > limit) {
          return n;
        }
      }
    }
    return n;
  }

  private static List<Glyph> glyphs(PDDocument doc, int page) throws IOException {
    List<Glyph> out = new ArrayList<>();
    PDFTextStripper s = new PDFTextStripper() {
      @Override
      protected void processTextPosition(TextPosition t) {
        String u = t.getUnicode();
        if (u != null && !u.isBlank()) {
          out.add(new Glyph(u, t.getXDirAdj(), t.getYDirAdj(), t.getWidthDirAdj(), t.getHeightDir()));
        }
      }
    };
    s.setStartPage(page);
    s.setEndPage(page);
    s.getText(doc);
    return out;
  }

  /** The page's horizontal and vertical ruling lines (y from the top). */
  private static final class Rules extends PDFGraphicsStreamEngine {
    final List<float[]> horizontal = new ArrayList<>();
    final List<float[]> vertical = new ArrayList<>();
    private final float height;
    private final List<Point2D> path = new ArrayList<>();
    private Point2D start;

    Rules(PDPage page) {
      super(page);
      PDRectangle box = page.getCropBox();
      this.height = box.getHeight() + box.getLowerLeftY();
    }

    private void segment(Point2D a, Point2D b) {
      float x1 = (float) a.getX();
      float x2 = (float) b.getX();
      float y1 = height - (float) a.getY();
      float y2 = height - (float) b.getY();
      if (Math.abs(y1 - y2) < 1.0f && Math.abs(x1 - x2) > 2f) {
        horizontal.add(new float[] {Math.min(x1, x2), Math.max(x1, x2), (y1 + y2) / 2});
      } else if (Math.abs(x1 - x2) < 1.0f && Math.abs(y1 - y2) > 2f) {
        vertical.add(new float[] {(x1 + x2) / 2, Math.min(y1, y2), Math.max(y1, y2)});
      }
    }

    @Override
    public void appendRectangle(Point2D p0, Point2D p1, Point2D p2, Point2D p3) {
      double w = Math.abs(p2.getX() - p0.getX());
      double h = Math.abs(p2.getY() - p0.getY());
      if (h < 2.0 && w > 2) {
        Point2D a = new Point2D.Double(Math.min(p0.getX(), p2.getX()), (p0.getY() + p2.getY()) / 2);
        Point2D b = new Point2D.Double(Math.max(p0.getX(), p2.getX()), (p0.getY() + p2.getY()) / 2);
        segment(a, b);
      } else if (w < 2.0 && h > 2) {
        Point2D a = new Point2D.Double((p0.getX() + p2.getX()) / 2, Math.min(p0.getY(), p2.getY()));
        Point2D b = new Point2D.Double((p0.getX() + p2.getX()) / 2, Math.max(p0.getY(), p2.getY()));
        segment(a, b);
      } else {
        segment(p0, p1);
        segment(p1, p2);
        segment(p2, p3);
        segment(p3, p0);
      }
    }

    @Override
    public void moveTo(float x, float y) {
      start = new Point2D.Float(x, y);
      path.clear();
      path.add(start);
    }

    @Override
    public void lineTo(float x, float y) {
      Point2D p = new Point2D.Float(x, y);
      if (!path.isEmpty()) {
        segment(path.get(path.size() - 1), p);
      }
      path.add(p);
    }

    @Override
    public void closePath() {
      if (start != null && !path.isEmpty()) {
        segment(path.get(path.size() - 1), start);
      }
    }

    @Override
    public void drawImage(PDImage pdImage) {}

    @Override
    public void clip(int windingRule) {}

    @Override
    public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) {
      path.add(new Point2D.Float(x3, y3));
    }

    @Override
    public Point2D getCurrentPoint() {
      return path.isEmpty() ? new Point2D.Float() : path.get(path.size() - 1);
    }

    @Override
    public void endPath() {
      path.clear();
    }

    @Override
    public void strokePath() {
      path.clear();
    }

    @Override
    public void fillPath(int windingRule) {
      path.clear();
    }

    @Override
    public void fillAndStrokePath(int windingRule) {
      path.clear();
    }

    @Override
    public void shadingFill(COSName shadingName) {}
  }

  /** Values within {@code tol} of each other, merged. */
  private static List<Float> distinct(List<Float> values, float tol) {
    TreeSet<Float> sorted = new TreeSet<>(values);
    List<Float> out = new ArrayList<>();
    for (float v : sorted) {
      if (out.isEmpty() || v - out.get(out.size() - 1) > tol) {
        out.add(v);
      }
    }
    return out;
  }

  /** A table of the page: its row boundaries (y) and column boundaries (x), and its extent. */
  private static final class Grid {
    List<Float> rows;
    List<Float> cols;
    float top;
    float bottom;
    float left;
    float right;
  }

  private static Grid grid(Rules r) {
    if (r.horizontal.size() < 2 || r.vertical.size() < 2) {
      return null;
    }
    List<Float> ys = new ArrayList<>();
    float left = Float.MAX_VALUE;
    float right = -Float.MAX_VALUE;
    for (float[] h : r.horizontal) {
      ys.add(h[2]);
      left = Math.min(left, h[0]);
      right = Math.max(right, h[1]);
    }
    List<Float> xs = new ArrayList<>();
    for (float[] v : r.vertical) {
      xs.add(v[0]);
    }
    Grid g = new Grid();
    g.rows = distinct(ys, 1.5f);
    g.cols = distinct(xs, 1.5f);
    if (g.rows.size() < 2 || g.cols.size() < 2) {
      return null;
    }
    g.top = g.rows.get(0);
    g.bottom = g.rows.get(g.rows.size() - 1);
    g.left = Math.min(left, g.cols.get(0));
    g.right = Math.max(right, g.cols.get(g.cols.size() - 1));
    return g;
  }

  private static int slot(List<Float> bounds, float v) {
    for (int i = 0; i + 1 < bounds.size(); i++) {
      if (v >= bounds.get(i) - 0.5f && v < bounds.get(i + 1) + 0.5f) {
        return i;
      }
    }
    return -1;
  }

  /** Groups glyphs into printed lines by their baseline. */
  private static List<Line> lines(List<Glyph> glyphs) {
    List<Glyph> sorted = new ArrayList<>(glyphs);
    sorted.sort(Comparator.comparingDouble((Glyph g) -> g.y).thenComparingDouble(g -> g.x));
    List<Line> out = new ArrayList<>();
    for (Glyph g : sorted) {
      Line last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && Math.abs(g.y - last.y) <= Math.max(1.5f, 0.4f * g.h)) {
        last.glyphs.add(g);
      } else {
        Line l = new Line(g.y);
        l.glyphs.add(g);
        out.add(l);
      }
    }
    return out;
  }

  /**
   * The page's lines: text outside the table as printed; each table row as one element of cells.
   */
  private static List<String> layout(List<Glyph> chars, Rules rules) {
    Grid g = grid(rules);
    List<Glyph> free = new ArrayList<>();
    // row index → its glyphs; the row's own ruling splits them into cells below
    Map<Integer, List<Glyph>> rows = new TreeMap<>();
    for (Glyph c : chars) {
      float cx = c.x + c.w / 2;
      float cy = c.y - c.h / 2;
      if (g == null || cy < g.top || cy > g.bottom || cx < g.left || cx > g.right) {
        free.add(c);
        continue;
      }
      int row = slot(g.rows, cy);
      if (row < 0) {
        free.add(c);
        continue;
      }
      rows.computeIfAbsent(row, k -> new ArrayList<>()).add(c);
    }
    // blocks in reading order: free lines and table rows, by their top
    List<Object[]> blocks = new ArrayList<>();
    for (Line l : lines(free)) {
      blocks.add(new Object[] {l.y, List.of(l.text())});
    }
    for (Map.Entry<Integer, List<Glyph>> row : rows.entrySet()) {
      float top = g.rows.get(row.getKey());
      float bottom = g.rows.get(row.getKey() + 1);
      float mid = (top + bottom) / 2;
      // the columns of this row: the vertical rules that cross it (merged cells have fewer)
      List<Float> xs = new ArrayList<>();
      for (float[] v : rules.vertical) {
        if (v[1] <= mid + 0.5f && v[2] >= mid - 0.5f) {
          xs.add(v[0]);
        }
      }
      List<Float> cols = distinct(xs, 1.5f);
      List<Glyph> all = row.getValue();
      if (cols.size() < 2) {
        for (Line l : lines(all)) {
          blocks.add(new Object[] {l.y, List.of(l.text())});
        }
        continue;
      }
      Map<Integer, List<Glyph>> byCol = new TreeMap<>();
      for (Glyph c : all) {
        int col = slot(cols, c.x + c.w / 2);
        byCol.computeIfAbsent(col, k -> new ArrayList<>()).add(c);
      }
      StringBuilder b = new StringBuilder();
      for (Map.Entry<Integer, List<Glyph>> e : byCol.entrySet()) {
        List<String> ls = new ArrayList<>();
        for (Line l : lines(e.getValue())) {
          String t = l.text();
          if (!t.isEmpty()) {
            ls.add(t);
          }
        }
        if (ls.isEmpty()) {
          continue;
        }
        int c = e.getKey();
        float x0 = c < 0 ? e.getValue().get(0).x : cols.get(c);
        float x1 = c < 0 ? x0 + 1 : cols.get(c + 1);
        b.append(CELL).append(Math.round(x0)).append(',').append(Math.round(x1)).append(AT).append(String.join("\n", ls));
      }
      if (b.length() > 0) {
        blocks.add(new Object[] {top, List.of(b.toString())});
      }
    }
    blocks.sort(Comparator.comparingDouble(b -> (Float) b[0]));
    List<String> out = new ArrayList<>();
    for (Object[] b : blocks) {
      @SuppressWarnings("unchecked")
      List<String> ls = (List<String>) b[1];
      out.addAll(ls);
    }
    return out;
  }
}
