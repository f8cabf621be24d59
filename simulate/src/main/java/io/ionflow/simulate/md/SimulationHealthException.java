package io.ionflow.simulate.md;

/** The dynamics became unphysical (non-finite energy, exploding temperature, atoms jumping); the run is aborted. */
public class SimulationHealthException extends RuntimeException {
    public SimulationHealthException(String message) {
        super(message);
    }
}
