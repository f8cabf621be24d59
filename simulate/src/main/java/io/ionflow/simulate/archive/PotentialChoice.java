package io.ionflow.simulate.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ionflow.simulate.potential.PotentialStyles;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which potential each run of an analysis that needs the force field ({@code modes}) is analysed with: the one stored
 * in {@code runs.potential}, or the one the user gave with {@code --potential} — for runs without a potential
 * (ingested), or with {@code --override-potential} for runs whose stored potential differs from it (compared by the
 * SHA-256 of the parameter text). A run that cannot be analysed is refused with one line ({@link Refused}); the
 * decision is taken before any task starts, so the tasks only rebuild what was checked here.
 */
public final class PotentialChoice {

    /** A potential file given on the command line. */
    public record Given(String style, String fileName, String text, String sha256) {}

    /** The potential a run is analysed with: a {@code runs.potential} JSON (inline or compact) and what to record. */
    public record Choice(String json, String file, String sha256, boolean given) {}

    /** A run that is not analysed; the message follows "refused run ID: ". */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) { super(message, null, false, false); }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Archive archive;
    private final Given given;
    private final boolean override;
    private final Map<String, String> checked = new HashMap<>(); // json + species -> "" (fine) or the problem

    public PotentialChoice(Archive archive, Given given, boolean override) {
        this.archive = archive;
        this.given = given;
        this.override = override;
    }

    /**
     * Reads {@code --potential}: style from {@code --style}, else {@code nep} when the file name contains "nep", else
     * the file's extension.
     *
     * @throws IllegalArgumentException one line naming {@code --potential} and the problem
     */
    public static Given read(Path file, String style) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String st = style != null ? style : name.toLowerCase(Locale.ROOT).contains("nep") ? "nep"
                : name.lastIndexOf('.') > 0 ? name.substring(name.lastIndexOf('.') + 1) : null;
        if (st == null) throw new IllegalArgumentException("--potential " + file + ": cannot tell its style from the name; give --style");
        if (!PotentialStyles.all().containsKey(st)) {
            throw new IllegalArgumentException("--potential " + file + ": unknown style '" + st + "' (known: "
                    + PotentialStyles.all().keySet() + "); give --style");
        }
        if (Files.isDirectory(file)) throw new IllegalArgumentException("--potential " + file + " is a directory, not a potential file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--potential " + file + ": file not found");
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("--potential " + file + " cannot be read: not UTF-8 text");
        } catch (IOException e) {
            throw new IllegalArgumentException("--potential " + file + " cannot be read: " + e.getMessage());
        }
        return new Given(st, name, text, PotentialStore.sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The potential a run is analysed with, checked by rebuilding it for the run's species.
     *
     * @param stored  the run's {@code runs.potential} (JSON, or a text IonFlow cannot rebuild)
     * @param source  the run's {@code runs.source} (named when its potential is unknown)
     * @param species the run's species, in the order the potential is bound to them
     */
    public Choice choose(String stored, String source, List<String> species) throws Refused {
        String storedSha;
        try {
            storedSha = PotentialStore.parametersSha256(stored);
        } catch (IllegalArgumentException e) {
            throw new Refused("cannot rebuild its potential: " + e.getMessage());
        }
        Choice c;
        if (storedSha == null && given == null) {
            throw new Refused("its potential is unknown to IonFlow (source " + source + "); modes need the force field:"
                    + " give one with --potential FILE — other jobs still work on this run");
        } else if (storedSha == null || (given != null && override && !storedSha.equals(given.sha256()))) {
            c = new Choice(givenJson(species), given.fileName(), given.sha256(), true);
        } else if (given == null || storedSha.equals(given.sha256())) {
            c = new Choice(stored, PotentialStore.fileName(stored), storedSha, false);
        } else {
            throw new Refused("its stored potential (" + PotentialStore.fileName(stored) + ", sha256 " + storedSha
                    + ") differs from --potential " + given.fileName() + " (sha256 " + given.sha256() + "); not analysed:"
                    + " add --override-potential to analyse it with the given one");
        }
        String problem = check(c, species);
        if (!problem.isEmpty()) {
            boolean named = c.given() && problem.startsWith(given.fileName() + ":"); // parsers name their source
            throw new Refused((c.given() ? "--potential " + (named ? "" : given.fileName() + ": ")
                    : "cannot rebuild its potential: ") + problem);
        }
        return c;
    }

    /** Stores the given file into {@code ARCHIVE/potentials/} when a run uses it, so the tasks (and later readers) find it. */
    public void storeIfUsed(boolean used) throws IOException {
        if (given != null && used) PotentialStore.storeText(archive, given.text());
    }

    private String check(Choice c, List<String> species) {
        return checked.computeIfAbsent(c.json() + "\n" + species, k -> {
            try {
                if (c.given()) PotentialStyles.style(given.style()).parse(given.text(), given.fileName(), species);
                else PotentialStore.load(archive, c.json(), species);
                return "";
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        });
    }

    private String givenJson(List<String> species) {
        ObjectNode o = JSON.createObjectNode();
        o.put("style", given.style());
        o.put("file", given.fileName());
        species.forEach(o.putArray("species")::add);
        o.put("sha256", given.sha256());
        return o.toString();
    }
}
