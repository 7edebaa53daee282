package medinsight.engine;

import java.io.FileNotFoundException;
import java.io.IOException;
import medinsight.catalog.LoadException;

/** One-line messages for I/O failures met through Spark rather than {@code SourceFiles}. */
final class SourceFilesMessages {
  private SourceFilesMessages() {}

  static String describe(String path, IOException e) {
    if (e instanceof FileNotFoundException) {
      return "文件不存在：" + path;
    }
    LoadException le = medinsight.catalog.SourceFiles.describeFailure(path, e);
    return le.getMessage();
  }
}
