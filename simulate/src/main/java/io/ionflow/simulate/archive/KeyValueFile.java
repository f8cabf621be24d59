package io.ionflow.simulate.archive;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The small {@code key=value} text files of an archive (lock holder, run settings, replacement journal). */
public final class KeyValueFile {
    private KeyValueFile() {}

    /** @return the file's entries in order, or null if it does not exist */
    public static Map<String, String> read(FileSystem fs, Path p) throws IOException {
        byte[] all;
        try (FSDataInputStream in = fs.open(p)) {
            all = in.readAllBytes();
        } catch (FileNotFoundException e) {
            return null;
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : new String(all, StandardCharsets.UTF_8).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return m;
    }

    /** @return the entries as UTF-8 {@code key=value} lines (newlines inside values become spaces) */
    public static byte[] format(Map<String, String> entries) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : entries.entrySet()) {
            b.append(e.getKey()).append('=').append(e.getValue().replace('\n', ' ')).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
