package io.ionflow.simulate.potential.nep;

import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.neighbor.NeighborList;
import io.ionflow.simulate.potential.Evaluation;
import io.ionflow.simulate.potential.Potential;
import io.ionflow.simulate.potential.PotentialException;
import io.ionflow.simulate.potential.PotentialStyle;
import io.ionflow.simulate.structure.Box;
import io.ionflow.simulate.structure.Structure;

import java.util.List;

/**
 * A neuroevolution potential (NEP3/NEP4, optionally with the universal ZBL core repulsion) read from a
 * GPUMD {@code nep.txt} file (see {@link NepModelReader}) and bound to a list of species by element
 * name; the model may know more species than are bound. Any periodic cell (triclinic included) through
 * {@link #evaluate}; the MD path ({@link #compute}) takes the engine's orthorhombic box and ignores its
 * half neighbour list (NEP builds its own full list each call). Results are identical for any thread
 * count.
 */
public final class Nep implements Potential {

    /** ServiceLoader registration of the {@code nep} style. */
    public static final class Style implements PotentialStyle {
        @Override public String name() { return "nep"; }

        @Override public Potential parse(String text, String source, List<String> species) {
            return Nep.parse(text, source, species);
        }
    }

    private final NepModel model;
    private final NepKernel kernel;
    private final List<String> species;
    private final int[] modelType;
    private final String text;
    private final String source;

    private Nep(NepModel model, List<String> species, int[] modelType, String text, String source) {
        this.model = model;
        this.kernel = new NepKernel(model);
        this.species = List.copyOf(species);
        this.modelType = modelType;
        this.text = text;
        this.source = source;
    }

    /** Parses a nep.txt text and binds it to the species (type-id order). */
    public static Nep parse(String text, String source, List<String> species) {
        if (species.isEmpty()) throw new PotentialException(source + ": no species to bind");
        NepModel m = NepModelReader.read(text, source);
        int[] map = new int[species.size()];
        for (int k = 0; k < map.length; k++) {
            map[k] = m.elements.indexOf(species.get(k));
            if (map[k] < 0) {
                throw new PotentialException(source + ": species '" + species.get(k) + "' is not in the model (its species: "
                        + String.join(" ", m.elements) + ")");
            }
        }
        return new Nep(m, species, map, text, source);
    }

    /** The model's own species, in its header order. */
    public List<String> modelSpecies() { return model.elements; }

    /** "nep3", "nep4", with "_zbl" when the model has the ZBL term. */
    public String variant() { return "nep" + model.version + (model.zbl != null ? "_zbl" : ""); }

    @Override public String style() { return "nep"; }
    @Override public List<String> species() { return species; }
    @Override public double cutoff() { return model.maxCutoff; }

    @Override
    public Evaluation evaluate(double[] cell, int[] types, double[] positions, Parallel par) {
        if (positions.length != 3 * types.length) {
            throw new IllegalArgumentException("positions must have 3 × " + types.length + " entries, got " + positions.length);
        }
        int[] mt = new int[types.length];
        for (int i = 0; i < mt.length; i++) {
            if (types[i] < 0 || types[i] >= modelType.length) {
                throw new IllegalArgumentException("atom " + i + " has type id " + types[i] + "; the potential is bound to " + species);
            }
            mt[i] = modelType[types[i]];
        }
        return kernel.evaluate(cell, mt, positions, par);
    }

    @Override
    public double compute(Structure s, NeighborList nl, double[] forces, double[] virial, Parallel par) {
        if (s.speciesCount() != species.size()) {
            throw new IllegalArgumentException("structure has " + s.speciesCount() + " species, potential is bound to " + species);
        }
        Box b = s.box();
        Evaluation e = evaluate(b.toMatrix(), s.types(), s.positions(), par);
        System.arraycopy(e.forces(), 0, forces, 0, forces.length);
        if (virial != null) {
            double[] w = e.virial();
            virial[0] = w[0];
            virial[1] = w[4];
            virial[2] = w[8];
            virial[3] = 0.5 * (w[1] + w[3]);
            virial[4] = 0.5 * (w[2] + w[6]);
            virial[5] = 0.5 * (w[5] + w[7]);
        }
        return e.energy();
    }

    @Override
    public String toJson() {
        return io.ionflow.simulate.potential.PotentialStyles.json(style(), source, species, text);
    }
}
