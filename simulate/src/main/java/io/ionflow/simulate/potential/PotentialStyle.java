package io.ionflow.simulate.potential;

import java.util.List;

/**
 * Factory for one potential style, found with {@link java.util.ServiceLoader} (LAMMPS-style
 * registration by name: adding a force field never touches a switch statement).
 */
public interface PotentialStyle {

    /** The style name used in campaign files and the archive, e.g. {@code vashishta}. */
    String name();

    /**
     * Parses a parameter file's text and binds it to the species.
     *
     * @param text    the parameter file's contents
     * @param source  where the text came from (a file name), used in error messages
     * @param species species names in type-id order
     * @throws PotentialException with a message naming the source and the problem
     */
    Potential parse(String text, String source, List<String> species);
}
