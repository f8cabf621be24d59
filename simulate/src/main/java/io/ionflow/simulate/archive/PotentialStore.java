package io.ionflow.simulate.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ionflow.simulate.potential.Potential;
import io.ionflow.simulate.potential.PotentialException;
import io.ionflow.simulate.potential.PotentialStyles;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Potential parameter files stored once per archive, named by content: {@code ARCHIVE/potentials/<sha256>.txt}
 * (SHA-256 of the parameter text's UTF-8 bytes, lower-case hex). The {@code runs.potential} column then holds a
 * compact JSON, e.g. {@code {"style":"nep","file":"nep.txt","species":["Ag","Te"],"sha256":"…"}}, instead of the
 * whole text under {@code "parameters"} (which may be ~1 MB for a NEP model). Older rows with inline
 * {@code "parameters"} still load. Files are written under a hidden unique name and renamed, through the archive's
 * Hadoop {@link FileSystem} ({@code file:}, {@code hdfs:}, {@code s3a:}); the hash is verified on every read.
 */
public final class PotentialStore {
    private PotentialStore() {}

    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code ARCHIVE/potentials/}. */
    public static Path dir(Archive archive) { return new Path(archive.root(), "potentials"); }

    /** {@code ARCHIVE/potentials/<sha256>.txt}. */
    public static Path file(Archive archive, String sha256) { return new Path(dir(archive), sha256 + ".txt"); }

    /**
     * Moves the {@code "parameters"} text of a potential JSON into the archive and returns the compact JSON (the same
     * object without {@code "parameters"}, with {@code "sha256"}). A JSON without parameters (already compact, or a
     * style without a file) is returned unchanged; null stays null.
     */
    public static String store(Archive archive, String potentialJson) throws IOException {
        if (potentialJson == null) return null;
        ObjectNode o = object(potentialJson);
        JsonNode params = o.get("parameters");
        if (params == null || !params.isTextual()) return potentialJson;
        String sha = storeText(archive, params.asText());
        o.remove("parameters");
        o.put("sha256", sha);
        return JSON.writeValueAsString(o);
    }

    /** Stores a parameter text (nothing to do when the file is already there intact); returns its SHA-256. */
    public static String storeText(Archive archive, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        String sha = sha256(bytes);
        Path target = file(archive, sha);
        FileSystem fs = archive.fileSystem();
        if (intact(fs, target, sha)) return sha;
        fs.mkdirs(target.getParent());
        // a unique hidden name: concurrent writers (Spark tasks of one campaign) never share a temporary file
        Path tmp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".inprogress");
        try (FSDataOutputStream out = fs.create(tmp, true)) {
            out.write(bytes);
            out.hsync();
        } catch (IOException | RuntimeException e) {
            archive.deleteQuietly(tmp);
            throw new IOException("could not write " + target + ": " + e.getMessage(), e);
        }
        if (intact(fs, target, sha)) { // another writer was first: same content
            archive.deleteQuietly(tmp);
        } else {
            archive.publish(tmp, target);
        }
        return sha;
    }

    /**
     * Rebuilds a potential from a {@code runs.potential} JSON: inline {@code "parameters"}, or the stored file named by
     * {@code "sha256"} (its hash verified).
     *
     * @throws PotentialException with one line naming the file and the hash when the stored file is missing, corrupt
     *                            or unreadable, or the JSON cannot be rebuilt
     */
    public static Potential load(Archive archive, String json, List<String> species) {
        ObjectNode o = object(json);
        if (o.hasNonNull("parameters") || !o.hasNonNull("sha256")) {
            return PotentialStyles.fromJson(json, species);
        }
        String sha = o.get("sha256").asText();
        String style = o.path("style").asText(null);
        if (style == null) throw new PotentialException("potential JSON lacks 'style': " + abbreviate(json));
        String text = readText(archive, sha);
        return PotentialStyles.style(style).parse(text, o.path("file").asText(file(archive, sha).getName()), species);
    }

    /** The stored parameter text of {@code sha256}, its hash verified. */
    public static String readText(Archive archive, String sha256) {
        Path p = file(archive, sha256);
        byte[] bytes;
        try (FSDataInputStream in = archive.fileSystem().open(p)) {
            bytes = in.readAllBytes();
        } catch (FileNotFoundException e) {
            throw new PotentialException("potential file " + p + " (sha256 " + sha256 + ") is missing from the archive");
        } catch (IOException e) {
            throw new PotentialException("potential file " + p + " (sha256 " + sha256 + ") cannot be read: " + e.getMessage());
        }
        String actual = sha256(bytes);
        if (!actual.equals(sha256)) {
            throw new PotentialException("potential file " + p + " is corrupt: its content has sha256 " + actual
                    + ", not the " + sha256 + " it is named by");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * SHA-256 of a potential JSON's parameter text: its {@code "sha256"} (compact form) or the hash of its inline
     * {@code "parameters"}; null when it has neither (no potential IonFlow can rebuild) or is null.
     */
    public static String parametersSha256(String json) {
        if (json == null) return null;
        ObjectNode o = object(json);
        if (o.hasNonNull("parameters")) return sha256(o.get("parameters").asText().getBytes(StandardCharsets.UTF_8));
        return o.hasNonNull("sha256") ? o.get("sha256").asText() : null;
    }

    /** The {@code "file"} name of a potential JSON, or null. */
    public static String fileName(String json) {
        return json == null ? null : object(json).path("file").asText(null);
    }

    /** Lower-case hex SHA-256. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean intact(FileSystem fs, Path p, String sha) throws IOException {
        try (FSDataInputStream in = fs.open(p)) {
            return sha256(in.readAllBytes()).equals(sha);
        } catch (FileNotFoundException e) {
            return false;
        }
    }

    private static ObjectNode object(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            if (n instanceof ObjectNode o) return o;
        } catch (IOException e) {
            // fall through
        }
        throw new PotentialException("potential column is not a JSON object: " + abbreviate(json));
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
