package io.ionflow.simulate.md;

/** Acts on the cell volume (and scales positions and velocities) for one time step. */
public interface Barostat {
    void apply(MdEngine engine, double dtPs);

    /** Target pressure, eV/Å³. */
    double targetPressure();
}
