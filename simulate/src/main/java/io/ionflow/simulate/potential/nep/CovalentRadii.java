package io.ionflow.simulate.potential.nep;

/**
 * The covalent radii (Å) GPUMD uses for NEP's typewise cutoffs, H..Pu by atomic number; heavier
 * elements have none (a typewise model with them is refused).
 */
final class CovalentRadii {
    private CovalentRadii() {}

    private static final double[] RADII = {
        0.426667, 0.613333, 1.6, 1.25333, 1.02667, 1.0, 0.946667, 0.84, 0.853333, 0.893333,
        1.86667, 1.66667, 1.50667, 1.38667, 1.46667, 1.36, 1.32, 1.28, 2.34667, 2.05333,
        1.77333, 1.62667, 1.61333, 1.46667, 1.42667, 1.38667, 1.33333, 1.32, 1.34667, 1.45333,
        1.49333, 1.45333, 1.53333, 1.46667, 1.52, 1.56, 2.52, 2.22667, 1.96, 1.85333,
        1.76, 1.65333, 1.53333, 1.50667, 1.50667, 1.44, 1.53333, 1.64, 1.70667, 1.68,
        1.68, 1.64, 1.76, 1.74667, 2.78667, 2.34667, 2.16, 1.96, 2.10667, 2.09333,
        2.08, 2.06667, 2.01333, 2.02667, 2.01333, 2.0, 1.98667, 1.98667, 1.97333, 2.04,
        1.94667, 1.82667, 1.74667, 1.64, 1.57333, 1.54667, 1.48, 1.49333, 1.50667, 1.76,
        1.73333, 1.73333, 1.81333, 1.74667, 1.84, 1.89333, 2.68, 2.41333, 2.22667, 2.10667,
        2.02667, 2.04, 2.05333, 2.06667};

    static boolean known(int atomicNumber) {
        return atomicNumber >= 1 && atomicNumber <= RADII.length;
    }

    static double of(int atomicNumber) {
        if (!known(atomicNumber)) throw new IllegalArgumentException("no covalent radius for Z = " + atomicNumber);
        return RADII[atomicNumber - 1];
    }
}
