package io.ionflow.simulate.xyz;

import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.potential.Evaluation;
import io.ionflow.simulate.potential.Potential;
import io.ionflow.simulate.potential.PotentialException;
import io.ionflow.simulate.potential.PotentialStyles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates the structures of a training set with one potential file: energy (eV), forces (eV/Å) and
 * virial (eV) through {@link Potential#evaluate}. The potential is bound to the species of the first
 * structure in the order they first appear, and bound again with the list extended (first-seen order)
 * when a later structure brings a new species, so a file is streamed without a first pass over it.
 * A species the potential lacks, or a cell it refuses, is an {@link XyzFormatException} naming the input
 * file, the structure's line and the problem.
 */
public final class StructureEvaluator {
    private final String style;
    private final Path file;
    private final String input;
    private final List<String> bound = new ArrayList<>();
    private final Map<String, Integer> typeOf = new HashMap<>();
    private Potential potential;

    /**
     * @param style     potential style, or null: {@code nep} when the file name contains "nep" (any case), else
     *                  the file's extension
     * @param potential the potential parameter file
     * @param input     the structures' file, as named in error messages
     * @throws PotentialException when the style is unknown or the file does not exist
     */
    public StructureEvaluator(String style, Path potential, String input) {
        this.style = style(style, potential);
        this.file = potential;
        this.input = input;
        PotentialStyles.style(this.style);
        if (!Files.isRegularFile(potential)) {
            throw new PotentialException("potential file " + potential + " does not exist or is not a file");
        }
    }

    /** The style to load {@code file} with: {@code given}, else nep for a name containing "nep", else the extension. */
    public static String style(String given, Path file) {
        if (given != null && !given.isBlank()) return given.strip();
        String name = file.getFileName().toString();
        if (name.toLowerCase(Locale.ROOT).contains("nep")) return "nep";
        int dot = name.lastIndexOf('.');
        if (dot < 0) throw new PotentialException("potential file " + file + ": cannot infer the style (no extension); give --style");
        return name.substring(dot + 1);
    }

    /** The style used. */
    public String style() { return style; }

    /** The potential as bound so far (null before the first structure). */
    public Potential potential() { return potential; }

    /** Energy, forces and virial of one structure. */
    public Evaluation evaluate(XyzStructure s, Parallel par) throws XyzFormatException {
        bind(s);
        int[] types = new int[s.atomCount()];
        for (int i = 0; i < types.length; i++) types[i] = typeOf.get(s.species()[i]);
        try {
            return potential.evaluate(s.cell(), types, s.positions(), par);
        } catch (IllegalArgumentException e) {
            throw new XyzFormatException(input, s.line(), s.index(), e.getMessage());
        }
    }

    private void bind(XyzStructure s) throws XyzFormatException {
        List<String> added = new ArrayList<>();
        for (String sp : s.species()) {
            if (!typeOf.containsKey(sp) && !added.contains(sp)) added.add(sp);
        }
        if (added.isEmpty()) return;
        List<String> next = new ArrayList<>(bound);
        next.addAll(added);
        try {
            potential = PotentialStyles.load(style, file, next);
        } catch (PotentialException e) {
            throw new XyzFormatException(input, s.line(), s.index(), (bound.isEmpty() ? "" : "new species " + added + ": ")
                    + "the potential cannot be bound to species " + next + ": " + e.getMessage());
        }
        for (String sp : added) {
            typeOf.put(sp, bound.size());
            bound.add(sp);
        }
    }
}
