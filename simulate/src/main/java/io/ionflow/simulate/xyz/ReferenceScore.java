package io.ionflow.simulate.xyz;

import io.ionflow.simulate.potential.Evaluation;

/**
 * Root-mean-square errors of IonFlow's results against the reference values a training set carries,
 * accumulated one structure at a time as GPUMD's prediction mode reports them: energy in meV/atom over
 * structures of (E_ionflow − E_ref)/N; force in meV/Å over all components of all atoms; virial in
 * meV/atom over structures and the six components xx yy zz xy yz zx of (W_ionflow − W_ref)/N.
 */
public final class ReferenceScore {

    /**
     * One structure's errors; NaN where the input has no reference.
     *
     * @param energyErrorMevPerAtom (E_ionflow − E_ref)/N, meV/atom (signed)
     * @param forceRmseMevPerA      RMSE over the structure's 3N force components, meV/Å
     * @param virialRmseMevPerAtom  RMSE over the six virial components divided by N, meV/atom
     */
    public record Line(double energyErrorMevPerAtom, double forceRmseMevPerA, double virialRmseMevPerAtom) {}

    private static final int[] SIX = {0, 4, 8, 1, 5, 2};
    private double energySq, forceSq, virialSq;
    private int energyCount, virialCount;
    private long forceCount;

    /** Adds a structure (its reference values) and IonFlow's evaluation of it; null when it has no reference at all. */
    public Line add(XyzStructure ref, Evaluation e) {
        int n = ref.atomCount();
        double de = Double.NaN, fr = Double.NaN, vr = Double.NaN;
        if (!Double.isNaN(ref.energy())) {
            de = 1000.0 * (e.energy() - ref.energy()) / n;
            energySq += de * de;
            energyCount++;
        }
        if (ref.forces() != null) {
            double sq = 0;
            for (int k = 0; k < 3 * n; k++) {
                double d = 1000.0 * (e.forces()[k] - ref.forces()[k]);
                sq += d * d;
            }
            forceSq += sq;
            forceCount += 3L * n;
            fr = Math.sqrt(sq / (3.0 * n));
        }
        if (ref.virial() != null) {
            double sq = 0;
            for (int k : SIX) {
                double d = 1000.0 * (e.virial()[k] - ref.virial()[k]) / n;
                sq += d * d;
            }
            virialSq += sq;
            virialCount++;
            vr = Math.sqrt(sq / SIX.length);
        }
        return Double.isNaN(de) && Double.isNaN(fr) && Double.isNaN(vr) ? null : new Line(de, fr, vr);
    }

    /** Energy RMSE, meV/atom, or NaN when no structure had a reference energy. */
    public double energyRmse() { return energyCount == 0 ? Double.NaN : Math.sqrt(energySq / energyCount); }

    /** Force RMSE over all components, meV/Å, or NaN when no structure had reference forces. */
    public double forceRmse() { return forceCount == 0 ? Double.NaN : Math.sqrt(forceSq / forceCount); }

    /** Virial RMSE, meV/atom, or NaN when no structure had a reference virial. */
    public double virialRmse() { return virialCount == 0 ? Double.NaN : Math.sqrt(virialSq / (SIX.length * (double) virialCount)); }

    /** Structures with a reference energy. */
    public int energyCount() { return energyCount; }

    /** Force components compared. */
    public long forceCount() { return forceCount; }

    /** Structures with a reference virial. */
    public int virialCount() { return virialCount; }
}
