package io.socialpulse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.socialpulse.testing.Emulators;

/**
 * How the code is laid out: imports flow down the pipeline, never back up it, and every type is
 * named by an import, never inline by its full name (which the import sorter cannot see).
 */
class HouseRulesTest {

    /**
     * Each top-level package's place: a package may import only packages of a lower place. The
     * root package ({@code Main}) may import anything.
     */
    static final Map<String, Integer> PLACE = Map.ofEntries(Map.entry("post", 0), Map.entry("config", 1),
            Map.entry("sentiment", 1), Map.entry("store", 2), Map.entry("stream", 2), Map.entry("source", 3),
            Map.entry("lake", 3), Map.entry("trends", 3), Map.entry("alerts", 4), Map.entry("api", 4),
            Map.entry("ops", 5), Map.entry("", 6));

    private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?io\\.socialpulse\\.([\\w.]+);");
    private static final Pattern FULL_NAME = Pattern.compile(
            "(?<![\\w.])(?:java|javax|jakarta|io|org|com|software)(?:\\.[a-z_][a-z0-9_]*)+\\.[A-Z]\\w*");

    private final Path root = Emulators.projectRoot();

    private static List<Path> javaFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static String topPackage(Path base, Path file) {
        Path relative = base.relativize(file.getParent());
        return relative.toString().isEmpty() ? "" : relative.getName(0).toString();
    }

    @Test
    void importsFlowDownThePipeline() throws IOException {
        Path base = root.resolve("src/main/java/io/socialpulse");
        List<String> upstream = new ArrayList<>();
        for (Path file : javaFiles(base)) {
            String from = topPackage(base, file);
            assertTrue(PLACE.containsKey(from), "a new top-level package has no place here: " + from);
            Matcher m = IMPORT.matcher(Files.readString(file));
            while (m.find()) {
                String first = m.group(1).split("\\.")[0];
                String to = Character.isLowerCase(first.charAt(0)) ? first : "";
                if (!to.equals(from) && PLACE.getOrDefault(to, 9) >= PLACE.get(from)) {
                    upstream.add(base.relativize(file) + " imports io.socialpulse." + m.group(1));
                }
            }
        }
        assertEquals(List.of(), upstream, "imports running back up the pipeline (" + PLACE + ")");
    }

    @Test
    void typesAreImportedNotNamedInline() throws IOException {
        TreeSet<String> inline = new TreeSet<>();
        int files = 0;
        for (String dir : List.of("src/main/java", "src/test/java")) {
            for (Path file : javaFiles(root.resolve(dir))) {
                files++;
                boolean comment = false;
                int number = 0;
                for (String line : Files.readAllLines(file)) {
                    number++;
                    String code = line.strip();
                    if (code.startsWith("/*")) {
                        comment = true;
                    }
                    if (comment) {
                        comment = !code.contains("*/");
                        continue;
                    }
                    if (code.startsWith("import ") || code.startsWith("package ") || code.startsWith("//")
                            || code.startsWith("*")) {
                        continue;
                    }
                    Matcher m = FULL_NAME.matcher(withoutStringsAndComments(code));
                    while (m.find()) {
                        inline.add(root.relativize(file) + ":" + number + " " + m.group());
                    }
                }
            }
        }
        assertTrue(files > 250, "the scan read the sources: " + files);
        assertEquals(new TreeSet<>(), inline, "name these by an import");
    }

    /** The line with its string and character literals blanked and its trailing comment cut. */
    static String withoutStringsAndComments(String line) {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
                break;
            }
            if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < line.length() && line.charAt(end) != c) {
                    end += line.charAt(end) == '\\' ? 2 : 1;
                }
                code.append(c).append(c);
                i = end;
                continue;
            }
            code.append(c);
        }
        return code.toString();
    }
}
