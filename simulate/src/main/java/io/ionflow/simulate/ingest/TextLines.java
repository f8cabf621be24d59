package io.ionflow.simulate.ingest;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Line-by-line reading of a text file (gzip-compressed when the name ends in {@code .gz}) with the
 * current line number, the fraction of the file read, whitespace tokenizing and number parsing
 * that report errors as {@link TrajectoryFormatException} naming the file and line.
 */
final class TextLines implements Closeable {
    private final String file;
    private final long size;
    private final Counting counted;
    private final BufferedReader in;
    private long lineNo;
    private String pushedBack;
    /** Frame number reported in parse errors, or -1. */
    int frame = -1;

    TextLines(Path path) throws IOException {
        this.file = path.toString();
        if (!Files.isRegularFile(path)) {
            throw new TrajectoryFormatException(file, 0, -1,
                    Files.exists(path) ? "not a regular file" : "input file does not exist");
        }
        this.size = Files.size(path);
        this.counted = new Counting(Files.newInputStream(path));
        InputStream s = counted;
        try {
            if (file.endsWith(".gz")) s = new GZIPInputStream(counted, 1 << 16);
        } catch (IOException e) {
            counted.close();
            throw new TrajectoryFormatException(file, 0, -1, "not a gzip file (the name ends in .gz): " + e.getMessage());
        }
        this.in = new BufferedReader(new InputStreamReader(s, StandardCharsets.UTF_8), 1 << 16);
    }

    String file() { return file; }

    /** Number of the line returned by the last {@link #next()}. */
    long lineNo() { return lineNo; }

    /** The next line, or null at the end of the file. */
    String next() throws IOException {
        if (pushedBack != null) {
            String s = pushedBack;
            pushedBack = null;
            lineNo++;
            return s;
        }
        String s = in.readLine();
        if (s != null) lineNo++;
        return s;
    }

    /** Makes the line just read be returned by the next {@link #next()} again. */
    void pushBack(String line) {
        pushedBack = line;
        lineNo--;
    }

    double fractionRead() {
        return size <= 0 ? Double.NaN : Math.min(1.0, counted.count / (double) size);
    }

    TrajectoryFormatException error(String problem) {
        return new TrajectoryFormatException(file, lineNo, frame, problem);
    }

    TrajectoryFormatException error(long line, String problem) {
        return new TrajectoryFormatException(file, line, frame, problem);
    }

    /** Splits on blanks and tabs into {@code out}; returns the token count, or -1 when more than {@code out.length}. */
    static int split(String s, String[] out) {
        int n = 0, len = s.length(), i = 0;
        while (true) {
            while (i < len && isBlank(s.charAt(i))) i++;
            if (i >= len) return n;
            int start = i;
            while (i < len && !isBlank(s.charAt(i))) i++;
            if (n == out.length) return -1;
            out[n++] = s.substring(start, i);
        }
    }

    /** All whitespace-separated tokens of {@code s}. */
    static String[] tokens(String s) {
        String t = s.strip();
        return t.isEmpty() ? new String[0] : t.split("\\s+");
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0B;
    }

    /** A finite double, or an error naming the line and what the value is. */
    double parseDouble(String token, String what) throws TrajectoryFormatException {
        double v;
        try {
            v = Double.parseDouble(token);
        } catch (NumberFormatException e) {
            throw error(what + " '" + token + "' is not a number");
        }
        if (!Double.isFinite(v)) throw error(what + " is " + token + " (must be finite)");
        return v;
    }

    long parseLong(String token, String what) throws TrajectoryFormatException {
        try {
            return Long.parseLong(token);
        } catch (NumberFormatException e) {
            throw error(what + " '" + token + "' is not an integer");
        }
    }

    int parseInt(String token, String what) throws TrajectoryFormatException {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw error(what + " '" + token + "' is not an integer" + (looksLong(token) ? " in range" : ""));
        }
    }

    private static boolean looksLong(String t) {
        try {
            Long.parseLong(t);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Counts the bytes read from the file (compressed bytes for .gz), for progress. */
    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) { super(in); }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long k = super.skip(n);
            count += k;
            return k;
        }
    }
}
