package io.ionflow.simulate;

/**
 * Internal units of IonFlow: length Å, time ps, mass amu (g/mol), energy eV, temperature K.
 * Velocities are Å/ps, forces eV/Å, pressure eV/Å³ (convert with {@link #EV_PER_A3_TO_GPA}).
 * Diffusion coefficients are computed in Å²/ps and reported in cm²/s ({@link #A2_PER_PS_TO_CM2_PER_S}).
 */
public final class Units {
    private Units() {}

    /** Boltzmann constant, eV/K (CODATA 2018, exact in SI). */
    public static final double KB = 8.617333262e-5;
    /** Acceleration of 1 eV/Å acting on 1 amu, in Å/ps² (= e / (amu·1e-10 m) · 1e-14). */
    public static final double FORCE_TO_ACCEL = 9648.533212331;
    /** Kinetic energy of 1 amu moving at 1 Å/ps, in eV. */
    public static final double MVV_TO_EV = 1.0 / FORCE_TO_ACCEL;
    /** Coulomb constant e²/(4πε0) in eV·Å (the value LAMMPS uses for qqr2e in metal units). */
    public static final double COULOMB = 14.399645;
    /** 1 eV/Å³ in GPa. */
    public static final double EV_PER_A3_TO_GPA = 160.21766208;
    /** 1 Å²/ps in cm²/s. */
    public static final double A2_PER_PS_TO_CM2_PER_S = 1e-4;
    /** 1 fs in ps. */
    public static final double FS = 1e-3;
}
