package io.ionflow.simulate.md;

import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.Units;
import io.ionflow.simulate.neighbor.NeighborList;
import io.ionflow.simulate.potential.Potential;
import io.ionflow.simulate.structure.Structure;

import java.util.concurrent.atomic.DoubleAccumulator;

/**
 * Velocity-Verlet molecular dynamics of one structure with one potential (ASE-style: structure,
 * calculator and integrator are separate; the engine only joins them). A thermostat and a barostat
 * may be attached; without them the dynamics is NVE.
 *
 * <p>One step: thermostat(dt/2) → v += F/m·dt/2 → x += v·dt → barostat(dt) → forces → v += F/m·dt/2 →
 * thermostat(dt/2). Forces are computed on {@link Parallel} threads with a fixed, thread-count
 * independent summation order, so trajectories are identical bit for bit for any thread count.
 */
public final class MdEngine {
    private final Structure s;
    private final Potential potential;
    private final NeighborList nl;
    private final Parallel par;
    private final double[] forces;
    private final double[] virial = new double[6];
    private final double[] invMassAccel; // FORCE_TO_ACCEL / m_i
    private double dt;
    private double potentialEnergy;
    private Thermostat thermostat;
    private Barostat barostat;
    private long step;
    private double maxStepDisplacement = Double.POSITIVE_INFINITY;
    private double temperatureLimit = Double.POSITIVE_INFINITY;

    /**
     * @param dtPs time step, ps
     * @param skin neighbour-list skin, Å
     */
    public MdEngine(Structure s, Potential potential, double dtPs, double skin, Parallel par) {
        if (!(dtPs > 0) || !Double.isFinite(dtPs)) throw new IllegalArgumentException("time step must be > 0, got " + dtPs + " ps");
        this.s = s;
        this.potential = potential;
        this.par = par;
        this.dt = dtPs;
        this.nl = new NeighborList(potential.cutoff(), skin);
        this.forces = new double[3 * s.size()];
        this.invMassAccel = new double[s.size()];
        for (int i = 0; i < s.size(); i++) invMassAccel[i] = Units.FORCE_TO_ACCEL / s.mass(i);
        computeForces();
    }

    public Structure structure() { return s; }
    public Potential potential() { return potential; }
    public NeighborList neighborList() { return nl; }
    public Parallel parallel() { return par; }
    public double[] forces() { return forces; }
    public double potentialEnergy() { return potentialEnergy; }
    public double[] virial() { return virial.clone(); }
    public double timestep() { return dt; }
    public long stepCount() { return step; }
    public void setStepCount(long step) { this.step = step; }
    public Thermostat thermostat() { return thermostat; }
    public Barostat barostat() { return barostat; }

    public MdEngine withThermostat(Thermostat t) { this.thermostat = t; return this; }
    public MdEngine withBarostat(Barostat b) { this.barostat = b; return this; }

    /**
     * Health limits: abort (with {@link SimulationHealthException}) when one step moves an atom farther
     * than {@code maxStepDisplacementA} or the temperature exceeds {@code maxTemperatureK}.
     */
    public MdEngine withHealthLimits(double maxStepDisplacementA, double maxTemperatureK) {
        this.maxStepDisplacement = maxStepDisplacementA;
        this.temperatureLimit = maxTemperatureK;
        return this;
    }

    /** Recomputes forces, updating the neighbour list if atoms moved too far. */
    public void computeForces() {
        nl.update(s, par);
        potentialEnergy = potential.compute(s, nl, forces, virial, par);
        if (!Double.isFinite(potentialEnergy)) {
            throw new SimulationHealthException("potential energy became non-finite (" + potentialEnergy + ") at step " + step);
        }
    }

    /** Rebuilds the neighbour list from scratch and recomputes forces (used at checkpoints so a resumed run is identical). */
    public void rebuildAndComputeForces() {
        nl.build(s, par);
        potentialEnergy = potential.compute(s, nl, forces, virial, par);
    }

    /** Advances n steps. */
    public void run(long n) {
        for (long k = 0; k < n; k++) step();
    }

    public void step() {
        if (thermostat != null) thermostat.apply(this, 0.5 * dt);
        double maxMove2 = kickAndDrift();
        if (maxMove2 > maxStepDisplacement * maxStepDisplacement || Double.isNaN(maxMove2)) {
            throw new SimulationHealthException(String.format(
                    "an atom moved %.3f Å in one step at step %d (limit %.3f Å, half the neighbour-list skin):"
                            + " the dynamics is unstable (time step too large or atoms overlapping)",
                    Math.sqrt(maxMove2), step, maxStepDisplacement));
        }
        if (barostat != null) barostat.apply(this, dt);
        computeForces();
        double[] v = s.velocities();
        double half = 0.5 * dt;
        par.forRange(s.size(), (from, to) -> {
            for (int i = from; i < to; i++) {
                double a = half * invMassAccel[i];
                v[3 * i] += a * forces[3 * i];
                v[3 * i + 1] += a * forces[3 * i + 1];
                v[3 * i + 2] += a * forces[3 * i + 2];
            }
        });
        if (thermostat != null) thermostat.apply(this, 0.5 * dt);
        step++;
        if (temperatureLimit < Double.POSITIVE_INFINITY) {
            double t = temperature();
            if (!(t <= temperatureLimit)) {
                throw new SimulationHealthException(String.format(
                        "temperature exploded to %.1f K at step %d (limit %.1f K)", t, step, temperatureLimit));
            }
        }
    }

    /**
     * v += F/m·dt/2, x += v·dt for every atom, on the {@link Parallel} threads (each atom's update is independent);
     * returns the largest squared move, Å² (a maximum, so the same for any split of the atoms).
     */
    private double kickAndDrift() {
        double[] x = s.positions(), v = s.velocities();
        double half = 0.5 * dt;
        DoubleAccumulator maxMove2 = new DoubleAccumulator(Math::max, 0);
        par.forRange(s.size(), (from, to) -> {
            double m2max = 0;
            for (int i = from; i < to; i++) {
                double a = half * invMassAccel[i];
                for (int c = 0; c < 3; c++) {
                    int k = 3 * i + c;
                    v[k] += a * forces[k];
                }
                double mx = v[3 * i] * dt, my = v[3 * i + 1] * dt, mz = v[3 * i + 2] * dt;
                x[3 * i] += mx;
                x[3 * i + 1] += my;
                x[3 * i + 2] += mz;
                double m2 = mx * mx + my * my + mz * mz;
                if (m2 > m2max) m2max = m2;
            }
            maxMove2.accumulate(m2max);
        });
        return maxMove2.get();
    }

    /** Kinetic energy, eV. */
    public double kineticEnergy() {
        return Thermo.kineticEnergy(s);
    }

    /** Instantaneous temperature with 3N − 3 degrees of freedom, K. */
    public double temperature() {
        return Thermo.temperature(s);
    }

    public double totalEnergy() {
        return potentialEnergy + kineticEnergy();
    }

    /** Instantaneous pressure (kinetic + virial), eV/Å³. */
    public double pressure() {
        return (2 * kineticEnergy() + virial[0] + virial[1] + virial[2]) / (3 * s.box().volume());
    }

    /** Energy removed from the system by the thermostat so far (eV); E_total + this is conserved. */
    public double thermostatWork() {
        return thermostat == null ? 0 : thermostat.work();
    }
}
