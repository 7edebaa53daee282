package medinsight.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of the catalog as published: the text of the official PDF, laid out as
 * {@link CatalogTextReader} reads it, or a text file of it.
 */
public final class CatalogPdfReader {
  private CatalogPdfReader() {}

  /** A text file (UTF-8, with or without a byte-order mark): its lines. */
  public static List<String> textLines(InputStream in, String source) throws IOException {
    byte[] bytes = in.readAllBytes();
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      try {
        text = Charset.forName("GB18030").newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException e2) {
        throw new LoadException(source + " 不是文本文件（既不是 UTF-8 也不是 GBK 编码）。现有数据保持不变。");
      }
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<String> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new StringReader(text))) {
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        out.add(l);
      }
    }
    return out;
  }

  /** The official PDF: its text, page by page, each table row's cells side by side. */
  public static List<String> lines(InputStream in, String source) throws IOException {
    return PdfTableText.lines(in, source);
  }
}
