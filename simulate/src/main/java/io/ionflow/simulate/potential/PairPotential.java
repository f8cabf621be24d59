package io.ionflow.simulate.potential;

/**
 * A potential that is a sum of isotropic pair terms V_ab(r). Exposes the pair function and its
 * first two derivatives so analyses (e.g. an analytic Hessian) can be built on any pair potential.
 */
public interface PairPotential extends Potential {

    /** Pair energy V(r) in eV for species types a, b, including any cutoff shift; 0 beyond the cutoff. */
    double pairEnergy(int a, int b, double r);

    /** dV/dr in eV/Å; 0 beyond the cutoff. */
    double pairDerivative(int a, int b, double r);

    /** d²V/dr² in eV/Å²; 0 beyond the cutoff. */
    double pairSecondDerivative(int a, int b, double r);

    /** Cutoff of the pair (a, b), Å. */
    double pairCutoff(int a, int b);
}
