package io.ionflow.jobs.bench;

import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.FrameShardWriter;
import io.ionflow.simulate.archive.RunInfo;
import io.ionflow.simulate.archive.RunsTableWriter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes trajectory archives with exactly known transport (benchmarks, tests) through the archive
 * writers: each species is a set of independent particles of one of three kinds, plus an optional
 * common drift (a constant velocity added to every atom).
 * <ul>
 *   <li>{@link Kind#WALK}: 3-D Gaussian random walk, each step per dimension N(0, 2·D·dt):
 *       MSD = 6·D·t exactly. No velocities.</li>
 *   <li>{@link Kind#LANGEVIN}: Ornstein–Uhlenbeck velocities (exact update, equilibrium start) with
 *       ⟨v²⟩ = 3·kT/m per atom and friction γ, positions by trapezoidal integration: D = (kT/m)/γ,
 *       VACF = 3 (kT/m) e^{−γt}.</li>
 *   <li>{@link Kind#VIBRATE}: harmonic vibration about a fixed site, r = site + A·sin(ωt + φ) per
 *       component with random phases: no diffusion (a framework species).</li>
 * </ul>
 * Atoms are laid out species after species; sites start uniformly in a cubic box.
 */
public final class SyntheticArchive {
    private SyntheticArchive() {}

    /** Particle kinds. */
    public enum Kind { WALK, LANGEVIN, VIBRATE }

    /**
     * One species.
     *
     * @param name  species name
     * @param mass  amu
     * @param count atoms
     * @param kind  motion
     * @param a     WALK: D (Å²/ps); LANGEVIN: kT/m (Å²/ps²); VIBRATE: amplitude (Å)
     * @param b     LANGEVIN: γ (1/ps); VIBRATE: ω (rad/ps); WALK: unused
     */
    public record SpeciesSpec(String name, double mass, int count, Kind kind, double a, double b) {
        /** @return the exact diffusion coefficient, Å²/ps */
        public double diffusionA2PerPs() {
            return switch (kind) {
                case WALK -> a;
                case LANGEVIN -> a / b;
                case VIBRATE -> 0.0;
            };
        }
    }

    /**
     * One run.
     *
     * @param runId          run id
     * @param temperatureK   written to the runs row
     * @param vacancyFraction written to the runs row
     * @param species        species in id order
     * @param frames         frames
     * @param dtPs           frame spacing, ps
     * @param framesPerShard frames per shard file
     * @param drift          common drift velocity (Å/ps), 3 values
     * @param velocities     write velocities (WALK atoms get 0; null columns when false)
     * @param seed           random seed
     * @param boxA           box edge, Å
     */
    public record RunSpec(String runId, double temperatureK, double vacancyFraction, List<SpeciesSpec> species,
                          int frames, double dtPs, int framesPerShard, double[] drift, boolean velocities, long seed,
                          double boxA) {
        /** @return total atoms */
        public int atoms() {
            return species.stream().mapToInt(SpeciesSpec::count).sum();
        }
    }

    /**
     * The runs of {@code ionflow generate}: per run, 2/3 of the atoms are "Ag" random walkers (or Langevin
     * particles with {@code velocities}, γ = 10/ps) with D = dAg·(1 + r/4) for run r, 1/3 are "Te" vibrating
     * about fixed sites (D = 0); T = 500/600/700 K in turn; Ag2Te number density; no drift; run ids
     * {@code syn_rNNN}.
     *
     * @return the run specs and the truth table {@code run_id,species,d_cm2_s}
     */
    public static Generated generated(int runs, int atoms, int frames, double dtPs, double dAg, boolean velocities,
                                      int framesPerShard, long seed) {
        int nTe = atoms / 3;
        int nAg = atoms - nTe;
        double box = Math.cbrt(atoms / 0.042); // Ag2Te number density, atoms/Å³
        List<RunSpec> specs = new ArrayList<>();
        StringBuilder truth = new StringBuilder("run_id,species,d_cm2_s\n");
        for (int r = 0; r < runs; r++) {
            double t = 500 + 100 * (r % 3);
            double d = dAg * (1 + 0.25 * r);
            SpeciesSpec ag = velocities
                    ? new SpeciesSpec("Ag", 107.8682, nAg, Kind.LANGEVIN, 10 * d, 10.0)
                    : new SpeciesSpec("Ag", 107.8682, nAg, Kind.WALK, d, 0);
            SpeciesSpec te = new SpeciesSpec("Te", 127.60, nTe, Kind.VIBRATE, 0.3, 20.0);
            String id = String.format(java.util.Locale.ROOT, "syn_r%03d", r);
            specs.add(new RunSpec(id, t, 0.0, List.of(ag, te), frames, dtPs, framesPerShard,
                    new double[] {0, 0, 0}, velocities, seed * 1_000_003L + r, box));
            truth.append(String.format(java.util.Locale.ROOT, "%s,Ag,%.8g%n%s,Te,0%n", id,
                    ag.diffusionA2PerPs() * io.ionflow.simulate.Units.A2_PER_PS_TO_CM2_PER_S, id));
        }
        return new Generated(specs, truth.toString());
    }

    /**
     * Runs of {@link #generated} and their truth.
     *
     * @param specs    the runs
     * @param truthCsv {@code run_id,species,d_cm2_s} with a header line
     */
    public record Generated(List<RunSpec> specs, String truthCsv) {}

    /**
     * Writes the runs' frames and runs rows, {@code threads} runs side by side.
     *
     * @param archive destination
     * @param runs    runs to write
     * @param threads runs written in parallel (≥ 1)
     * @throws IOException on a write error
     */
    public static void write(Archive archive, List<RunSpec> runs, int threads) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, runs.size())));
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (RunSpec r : runs) {
                fs.add(pool.submit(() -> {
                    write(archive, r);
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Writes one run (frames, then its runs row).
     *
     * @param archive destination
     * @param r       the run
     * @throws IOException on a write error
     */
    private static void write(Archive archive, RunSpec r) throws IOException {
        int n = r.atoms();
        String[] speciesOfAtom = new String[n];
        int[] sp = new int[n];
        for (int s = 0, a = 0; s < r.species().size(); s++) {
            for (int k = 0; k < r.species().get(s).count(); k++, a++) {
                speciesOfAtom[a] = r.species().get(s).name();
                sp[a] = s;
            }
        }
        writeFrames(archive, r, sp, speciesOfAtom);
        String[] names = r.species().stream().map(SpeciesSpec::name).toArray(String[]::new);
        double[] masses = r.species().stream().mapToDouble(SpeciesSpec::mass).toArray();
        double l = r.boxA();
        RunsTableWriter.write(archive, new RunInfo(r.runId(), "Synthetic", r.temperatureK(), r.vacancyFraction(), 0, n,
                1.0, r.dtPs(), r.frames(), new double[] {l, 0, 0, 0, l, 0, 0, 0, l}, names, masses,
                "{\"style\":\"synthetic\"}", r.seed(), "synthetic"));
    }

    /** The run's frames, {@code framesPerShard} to a shard: each species' motion plus the run's uniform drift. */
    private static void writeFrames(Archive archive, RunSpec r, int[] sp, String[] speciesOfAtom) throws IOException {
        int n = r.atoms();
        SplittableRandom rng = new SplittableRandom(r.seed());
        double dt = r.dtPs();
        double[] site = new double[3 * n];
        double[] pos = new double[3 * n]; // without drift
        double[] vel = new double[3 * n];
        double[] phase = new double[3 * n];
        startingState(r, sp, rng, site, pos, vel, phase);
        double[] out = new double[3 * n];
        double[] outV = r.velocities() ? new double[3 * n] : null;
        int shard = 0;
        FrameShardWriter w = null;
        try {
            for (int f = 0; f < r.frames(); f++) {
                double t = f * dt;
                if (f > 0) {
                    step(r, sp, rng, site, pos, vel, phase, t);
                } else {
                    step0(r, sp, site, pos, vel, phase);
                }
                for (int k = 0; k < 3 * n; k++) {
                    out[k] = pos[k] + r.drift()[k % 3] * t;
                    if (outV != null) {
                        outV[k] = vel[k] + r.drift()[k % 3];
                    }
                }
                if (w == null) {
                    w = FrameShardWriter.open(archive, r.runId(), shard++, speciesOfAtom);
                }
                w.writeFrame(f, t, out, outV);
                if (w.frameCount() == r.framesPerShard() || f == r.frames() - 1) {
                    w.commit();
                    w.close();
                    w = null;
                }
            }
        } finally {
            if (w != null) {
                w.close();
            }
        }
    }

    /** Random sites in the box, Langevin velocities and vibration phases (seeded). */
    private static void startingState(RunSpec r, int[] sp, SplittableRandom rng, double[] site, double[] pos, double[] vel,
                                      double[] phase) {
        for (int a = 0; a < sp.length; a++) {
            SpeciesSpec s = r.species().get(sp[a]);
            for (int c = 0; c < 3; c++) {
                int k = 3 * a + c;
                site[k] = r.boxA() * rng.nextDouble();
                pos[k] = site[k];
                if (s.kind() == Kind.LANGEVIN) {
                    vel[k] = Math.sqrt(s.a()) * rng.nextGaussian();
                } else if (s.kind() == Kind.VIBRATE) {
                    phase[k] = 2 * Math.PI * rng.nextDouble();
                }
            }
        }
    }

    private static void step0(RunSpec r, int[] sp, double[] site, double[] pos, double[] vel, double[] phase) {
        for (int k = 0; k < pos.length; k++) {
            SpeciesSpec s = r.species().get(sp[k / 3]);
            if (s.kind() == Kind.VIBRATE) {
                pos[k] = site[k] + s.a() * Math.sin(phase[k]);
                vel[k] = s.a() * s.b() * Math.cos(phase[k]);
            }
        }
    }

    private static void step(RunSpec r, int[] sp, SplittableRandom rng, double[] site, double[] pos, double[] vel,
                             double[] phase, double t) {
        double dt = r.dtPs();
        int ns = r.species().size();
        Kind[] kind = new Kind[ns];
        double[] c1 = new double[ns];
        double[] c2 = new double[ns];
        for (int s = 0; s < ns; s++) {
            SpeciesSpec q = r.species().get(s);
            kind[s] = q.kind();
            switch (q.kind()) {
                case WALK -> c1[s] = Math.sqrt(2 * q.a() * dt);
                case LANGEVIN -> {
                    c1[s] = Math.exp(-q.b() * dt);
                    c2[s] = Math.sqrt(q.a() * (1 - c1[s] * c1[s]));
                }
                case VIBRATE -> {
                    c1[s] = q.a();
                    c2[s] = q.b();
                }
            }
        }
        for (int k = 0; k < pos.length; k++) {
            int s = sp[k / 3];
            switch (kind[s]) {
                case WALK -> pos[k] += c1[s] * rng.nextGaussian();
                case LANGEVIN -> {
                    double v1 = vel[k] * c1[s] + c2[s] * rng.nextGaussian();
                    pos[k] += 0.5 * (vel[k] + v1) * dt;
                    vel[k] = v1;
                }
                case VIBRATE -> {
                    double ph = c2[s] * t + phase[k];
                    pos[k] = site[k] + c1[s] * Math.sin(ph);
                    vel[k] = c1[s] * c2[s] * Math.cos(ph);
                }
            }
        }
    }
}
