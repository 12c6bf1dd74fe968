package io.monitoring.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/**
 * The launchers' compiler directives (conf/jit-directives.json): the JVM loads the file, and its
 * pattern names the class Spark compiles generated code into, so a Spark upgrade that renamed it
 * would fail here instead of silently giving the generated code back to C2.
 */
class JitDirectivesTest {
    private static final Path FILE = Path.of("..", "conf", "jit-directives.json");

    @Test
    void theJvmLoadsTheFileAndItsPatternMatchesSparksGeneratedCode() throws IOException, InterruptedException {
        String printed = directivesAsTheJvmReadsThem();
        assertTrue(printed.contains("1 compiler directives added"), printed);

        Matcher directive = Pattern.compile("matching: (\\S+)\\s+c1 directives:.*?c2 directives:\\s+inline: -\\s+(.*?)\\n",
                Pattern.DOTALL).matcher(printed);
        assertTrue(directive.find(), printed);
        assertTrue(directive.group(2).contains("Exclude:true"), "C2 excluded: " + directive.group(2));

        // the class Spark's code generator compiles every projection and whole-stage iterator into
        DataType[] types = {DataTypes.IntegerType, DataTypes.StringType};
        String generated = UnsafeProjection.create(types).getClass().getName().replace('.', '/');
        assertTrue(generated.contains("GeneratedClass$"), generated);
        String[] classAndMethod = directive.group(1).split("\\.");
        assertEquals(2, classAndMethod.length, directive.group(1));
        assertTrue(globMatches(classAndMethod[0], generated), classAndMethod[0] + " should match " + generated);
        assertTrue(globMatches(classAndMethod[1], "processNext"), classAndMethod[1]);
        // and nothing of Spark's own, hand-written code
        assertTrue(!globMatches(classAndMethod[0], "org/apache/spark/sql/catalyst/expressions/UnsafeRow"), classAndMethod[0]);
    }

    /** The JVM's print of the directives it loaded from the file (a JVM of its own: -version and exit). */
    private static String directivesAsTheJvmReadsThem() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path out = Files.createTempFile("jit-directives", ".txt");
        try {
            Process p = new ProcessBuilder(List.of(java.toString(), "-XX:+UnlockDiagnosticVMOptions",
                    "-XX:CompilerDirectivesFile=" + FILE.toAbsolutePath().normalize(), "-XX:+CompilerDirectivesPrint", "-version"))
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "java -version did not finish");
            String printed = Files.readString(out, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), printed);
            return printed;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** HotSpot's directive patterns: a leading or trailing '*' matches any run of characters. */
    private static boolean globMatches(String glob, String name) {
        return name.matches(Pattern.quote(glob).replace("*", "\\E.*\\Q"));
    }
}
