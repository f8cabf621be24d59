package io.ionflow.simulate.md;

/** Acts on velocities for part of a time step; keeps account of the energy it removed. */
public interface Thermostat {
    void apply(MdEngine engine, double dtPs);

    double targetTemperature();

    /** Energy taken out of the system so far, eV. */
    double work();

    void setWork(double work);
}
