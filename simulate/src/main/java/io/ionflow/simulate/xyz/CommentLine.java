package io.ionflow.simulate.xyz;

import java.util.ArrayList;
import java.util.List;

/** Parsing and writing of an extended-XYZ comment line ({@code key=value} pairs) and of its {@code Properties} value. */
public final class CommentLine {
    private CommentLine() {}

    /**
     * Splits a comment line into pairs, keeping the keys' spelling and order. Values may be double-quoted
     * (with {@code \"} and {@code \\} escapes) or brace-delimited; a key without {@code =} is a flag (value null).
     *
     * @throws IllegalArgumentException on an unterminated quote or a value without a key
     */
    static List<XyzStructure.Key> parse(String line) {
        List<XyzStructure.Key> out = new ArrayList<>();
        int i = 0, n = line.length();
        while (true) {
            while (i < n && Character.isWhitespace(line.charAt(i))) i++;
            if (i >= n) return out;
            int start = i;
            while (i < n && line.charAt(i) != '=' && !Character.isWhitespace(line.charAt(i))) i++;
            String key = line.substring(start, i);
            if (key.isEmpty()) throw new IllegalArgumentException("a value without a key at column " + (start + 1));
            int j = i;
            while (j < n && Character.isWhitespace(line.charAt(j))) j++;
            if (j >= n || line.charAt(j) != '=') {
                out.add(new XyzStructure.Key(key, null));
                continue;
            }
            j++;
            while (j < n && Character.isWhitespace(line.charAt(j))) j++;
            StringBuilder value = new StringBuilder();
            i = value(line, j, key, value);
            out.add(new XyzStructure.Key(key, value.toString()));
        }
    }

    /** Reads the value starting at {@code j} into {@code sb}; returns the index after it. */
    private static int value(String line, int j, String key, StringBuilder sb) {
        int n = line.length();
        if (j < n && line.charAt(j) == '"') {
            j++;
            while (j < n) {
                char c = line.charAt(j++);
                if (c == '\\' && j < n) {
                    sb.append(line.charAt(j++));
                } else if (c == '"') {
                    return j;
                } else {
                    sb.append(c);
                }
            }
            throw new IllegalArgumentException("unterminated quote in the value of " + key);
        }
        if (j < n && line.charAt(j) == '{') {
            int close = line.indexOf('}', j);
            if (close < 0) throw new IllegalArgumentException("unterminated '{' in the value of " + key);
            sb.append(line, j + 1, close);
            return close + 1;
        }
        while (j < n && !Character.isWhitespace(line.charAt(j))) sb.append(line.charAt(j++));
        return j;
    }

    /** The pairs as a comment line; values with blanks, quotes, {@code =} or nothing in them are double-quoted. */
    static String format(List<XyzStructure.Key> keys) {
        StringBuilder sb = new StringBuilder();
        for (XyzStructure.Key k : keys) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(k.name());
            if (k.value() != null) sb.append('=').append(quoted(k.value()));
        }
        return sb.toString();
    }

    private static String quoted(String v) {
        boolean plain = !v.isEmpty();
        for (int i = 0; i < v.length() && plain; i++) {
            char c = v.charAt(i);
            plain = !Character.isWhitespace(c) && c != '"' && c != '\\' && c != '=' && c != '{' && c != '}';
        }
        return plain ? v : "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * Parses a Properties spec {@code name:type:count[:name:type:count…]}.
     *
     * @throws IllegalArgumentException describing the problem
     */
    public static List<XyzStructure.Property> properties(String spec) {
        String[] f = spec.strip().split(":", -1);
        if (f.length % 3 != 0) throw new IllegalArgumentException("'" + spec + "' is not a list of name:type:count triples");
        List<XyzStructure.Property> out = new ArrayList<>();
        for (int i = 0; i < f.length; i += 3) {
            String name = f[i];
            String type = f[i + 1];
            if (name.isEmpty()) throw new IllegalArgumentException("empty property name in '" + spec + "'");
            if (type.length() != 1 || "SRIL".indexOf(type.charAt(0)) < 0) {
                throw new IllegalArgumentException("property " + name + " has type '" + type + "' (expected S, R, I or L)");
            }
            int count;
            try {
                count = Integer.parseInt(f[i + 2]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("property " + name + " has count '" + f[i + 2] + "' (expected a positive integer)");
            }
            if (count < 1) throw new IllegalArgumentException("property " + name + " has count " + count + " (must be ≥ 1)");
            for (XyzStructure.Property p : out) {
                if (p.name().equalsIgnoreCase(name)) throw new IllegalArgumentException("property " + name + " is listed twice");
            }
            out.add(new XyzStructure.Property(name, type.charAt(0), count));
        }
        return out;
    }
}
