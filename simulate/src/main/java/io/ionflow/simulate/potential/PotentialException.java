package io.ionflow.simulate.potential;

/** A problem with a potential file or its binding to species; the message names the file and the problem. */
public class PotentialException extends IllegalArgumentException {
    public PotentialException(String message) {
        super(message);
    }
}
