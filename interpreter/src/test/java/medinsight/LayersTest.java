package medinsight;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * The plugin's data flows one way (README, "What is where"): sources are read and cleaned, tables analysed,
 * results rendered, and commands only dispatch. Each package may use the ones below it and none
 * above; a class that reaches up a layer fails this test with the offending dependency named.
 */
class LayersTest {
  /** The plugin's own classes, as compiled (the class path's jars are not scanned). */
  static final JavaClasses PLUGIN = new ClassFileImporter().importPath(Paths.get("target", "classes"));

  static LayeredArchitecture layers() {
    return layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("core").definedBy("medinsight.core..")
        .layer("catalog").definedBy("medinsight.catalog..")
        .layer("access").definedBy("medinsight.access..")
        .layer("engine").definedBy("medinsight.engine..")
        .layer("analysis").definedBy("medinsight.analysis..")
        .layer("restriction").definedBy("medinsight.restriction..")
        .layer("mining").definedBy("medinsight.mining..")
        .layer("render").definedBy("medinsight.render..")
        .layer("export").definedBy("medinsight.export..")
        .layer("command").definedBy("medinsight.command..")
        .layer("zeppelin").definedBy("medinsight.zeppelin..")
        .layer("generator").definedBy("medinsight.generator..")
        .whereLayer("core").mayNotAccessAnyLayer()
        .whereLayer("catalog").mayOnlyAccessLayers("core")
        .whereLayer("access").mayOnlyAccessLayers("catalog", "core")
        .whereLayer("engine").mayOnlyAccessLayers("catalog", "core")
        .whereLayer("analysis").mayOnlyAccessLayers("engine", "catalog", "core")
        .whereLayer("restriction").mayOnlyAccessLayers("analysis", "engine", "catalog", "core")
        .whereLayer("mining").mayOnlyAccessLayers("restriction", "analysis", "engine", "catalog", "core")
        .whereLayer("render").mayOnlyAccessLayers("analysis", "core")
        .whereLayer("export").mayOnlyAccessLayers("render", "analysis", "engine", "access", "catalog", "core")
        .whereLayer("command").mayOnlyAccessLayers("export", "render", "mining", "restriction", "analysis", "engine",
            "access", "catalog", "core")
        .whereLayer("zeppelin").mayOnlyAccessLayers("command", "export", "render", "mining", "restriction", "analysis",
            "engine", "access", "catalog", "core")
        .whereLayer("generator").mayOnlyAccessLayers("catalog", "core")
        .ensureAllClassesAreContainedInArchitecture();
  }

  @Test
  void noPackageReachesUpALayer() {
    layers().check(PLUGIN);
  }
}
