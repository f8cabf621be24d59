package io.ionflow.simulate.campaign;

import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.Units;
import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.FrameShardWriter;
import io.ionflow.simulate.archive.PotentialStore;
import io.ionflow.simulate.archive.RunInfo;
import io.ionflow.simulate.archive.RunsTableWriter;
import io.ionflow.simulate.md.BussiThermostat;
import io.ionflow.simulate.md.MdEngine;
import io.ionflow.simulate.md.StochasticCellRescaling;
import io.ionflow.simulate.md.Thermo;
import io.ionflow.simulate.potential.Potential;
import io.ionflow.simulate.potential.PotentialStyles;
import io.ionflow.simulate.structure.Antifluorite;
import io.ionflow.simulate.structure.Box;
import io.ionflow.simulate.structure.Structure;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.apache.commons.rng.simple.RandomSource;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * One MD run from structure to archive: build the antifluorite cell with seeded vacancies,
 * Maxwell–Boltzmann velocities, NPT equilibration (Bussi thermostat + stochastic cell rescaling),
 * the box set to the mean NPT volume, NVT equilibration, then NVT production (Bussi, weak coupling)
 * with frames written in shards.
 *
 * <p>Crash safety: after each committed shard the state at the next shard's first frame is saved as a
 * {@link Checkpoint} (the neighbour list is rebuilt and forces recomputed at that point in both the
 * uninterrupted and the resumed run, so a resumed run writes the very same frames, bit for bit). The
 * runs-table row is written last: a run is complete iff its {@code runs/<id>.parquet} exists, and a
 * complete run is never redone.
 */
public final class MdRun {
    private MdRun() {}

    private static final int PROGRESS_EVERY = 200;

    public static RunResult run(Archive archive, RunSpec spec, RunListener listener) throws IOException {
        return run(archive, spec, listener, false);
    }

    /**
     * @param restartChanged a run whose campaign settings changed since it started is discarded and started again
     *                       (otherwise it is refused, see {@link RunSettings})
     */
    public static RunResult run(Archive archive, RunSpec spec, RunListener listener, boolean restartChanged)
            throws IOException {
        Potential pot = PotentialStyles.load(spec.potentialStyle(), java.nio.file.Path.of(spec.potentialFile()),
                List.of(spec.cation(), spec.anion()));
        return run(archive, spec, pot, listener, restartChanged);
    }

    /** As {@link #run(Archive, RunSpec, RunListener)} with an already loaded potential (e.g. parsed on a Spark executor). */
    public static RunResult run(Archive archive, RunSpec spec, Potential pot, RunListener listener) throws IOException {
        return run(archive, spec, pot, listener, false);
    }

    /** As {@link #run(Archive, RunSpec, RunListener, boolean)} with an already loaded potential. */
    public static RunResult run(Archive archive, RunSpec spec, Potential pot, RunListener listener, boolean restartChanged)
            throws IOException {
        long t0 = System.nanoTime();
        String id = spec.runId();
        Map<String, String> settings = RunSettings.of(spec, pot);
        RunResult done = alreadyComplete(archive, id, settings);
        if (done != null) return done;
        RestorableUniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(spec.seed());
        Antifluorite.Result built = Antifluorite.build(spec.cation(), spec.anion(), spec.supercell(), spec.latticeA(),
                spec.vacancyFraction(), spec.chargeNeutralVacancies(), rng);
        Structure s = built.structure();
        try (Parallel par = new Parallel(spec.threads())) {
            Checkpoint ckpt = resumable(archive, spec, settings, restartChanged);
            if (ckpt != null) {
                restore(archive, id, ckpt, s, rng);
            } else {
                for (int k : archive.shardIndices(id)) {
                    archive.fileSystem().delete(archive.shardFile(id, k), false); // stale shards of an unfinished attempt
                }
                RunSettings.write(archive, id, settings);
                equilibrate(s, pot, spec, rng, par, listener);
            }
            MdEngine md = new MdEngine(s, pot, spec.timestepPs(), spec.skinA(), par)
                    .withHealthLimits(0.5 * spec.skinA(), 3 * spec.temperatureK() + 1000);
            BussiThermostat thermostat = new BussiThermostat(spec.temperatureK(), spec.thermostatTauPs(), rng);
            thermostat.setWork(ckpt == null ? 0 : ckpt.thermostatWork());
            md.withThermostat(thermostat);
            md.rebuildAndComputeForces();
            if (ckpt == null) {
                md.setStepCount(0);
                saveCheckpoint(archive, id, 0, md, rng);
            } else {
                md.setStepCount(ckpt.stepCount());
            }
            double meanT = production(archive, spec, md, rng, ckpt == null ? 0 : ckpt.nextShard(), listener);
            return finish(archive, spec, pot, built, meanT, (System.nanoTime() - t0) * 1e-9, listener);
        }
    }

    /** A run already in runs/ is skipped: its result, saying whether the campaign now differs; null if it is not. */
    private static RunResult alreadyComplete(Archive archive, String id, Map<String, String> settings) throws IOException {
        if (!archive.fileSystem().exists(archive.runFile(id))) return null;
        Map<String, String> was = RunSettings.read(archive, id);
        String diff = was == null ? null : RunSettings.differences(was, settings);
        return new RunResult(id, RunResult.Status.SKIPPED, diff == null ? "already complete in the archive"
                : "already complete, but the campaign now differs (" + diff + "): kept as it is; give the changed run"
                + " another id, or delete it (runs/" + id + ".parquet, frames/run_id=" + id + ") to run it again",
                0, 0, Double.NaN, Double.NaN, 0);
    }

    /** Puts the checkpoint's positions, velocities, box and random-generator state into the freshly built structure. */
    private static void restore(Archive archive, String id, Checkpoint ckpt, Structure s, RestorableUniformRandomProvider rng)
            throws IOException {
        if (ckpt.positions().length != s.positions().length) {
            throw new IOException(Checkpoint.path(archive, id) + ": checkpoint has "
                    + ckpt.positions().length / 3 + " atoms, the run's structure " + s.size());
        }
        System.arraycopy(ckpt.positions(), 0, s.positions(), 0, s.positions().length);
        System.arraycopy(ckpt.velocities(), 0, s.velocities(), 0, s.velocities().length);
        s.setBox(ckpt.box());
        rng.restoreState(new RandomProviderDefaultState(ckpt.rngState()));
    }

    /**
     * The production phase from shard {@code firstShard} on: each shard's frames written and committed, a checkpoint
     * after each shard but the last. Returns the mean temperature over the frames written (K), NaN if none.
     */
    private static double production(Archive archive, RunSpec spec, MdEngine md, RestorableUniformRandomProvider rng,
                                     int firstShard, RunListener listener) throws IOException {
        String id = spec.runId();
        Structure s = md.structure();
        int stride = spec.stepsPerFrame(), nFrames = spec.frameCount(), perShard = spec.framesPerShard();
        int shards = spec.shardCount();
        String[] speciesOfAtom = FrameShardWriter.speciesOfAtoms(s);
        long totalSteps = (long) (nFrames - 1) * stride;
        double tSum = 0;
        int tCount = 0;
        for (int k = firstShard; k < shards; k++) {
            int from = k * perShard, to = Math.min(nFrames, from + perShard);
            FrameShardWriter w = FrameShardWriter.open(archive, id, k, speciesOfAtom);
            try {
                for (int f = from; f < to; f++) {
                    if (f > from) {
                        runSteps(md, stride, listener, id, "production", totalSteps);
                    }
                    w.writeFrame(f, f * spec.frameIntervalPs(), s.positions(), s.velocities());
                    tSum += md.temperature();
                    tCount++;
                }
                w.commit();
            } catch (IOException | RuntimeException e) {
                w.abort();
                throw e;
            }
            if (k + 1 < shards) {
                runSteps(md, stride, listener, id, "production", totalSteps);
                md.rebuildAndComputeForces();
                saveCheckpoint(archive, id, k + 1, md, rng);
            }
        }
        listener.progress(id, "production", totalSteps, totalSteps, s.size());
        return tCount == 0 ? Double.NaN : tSum / tCount;
    }

    /** Records the finished run in runs/ (its potential stored once in the archive), drops the checkpoint, reports. */
    private static RunResult finish(Archive archive, RunSpec spec, Potential pot, Antifluorite.Result built, double meanT,
                                    double seconds, RunListener listener) throws IOException {
        String id = spec.runId();
        Structure s = built.structure();
        Box box = s.box();
        RunInfo info = new RunInfo(id, spec.system(), spec.temperatureK(), spec.vacancyFraction(), spec.replica(),
                s.size(), spec.timestepFs(), spec.frameIntervalPs(), spec.frameCount(), box.toMatrix(), s.speciesNames(),
                s.speciesMasses(), PotentialStore.store(archive, pot.toJson()), spec.seed(), "ionflow-md");
        RunsTableWriter.write(archive, info);
        Checkpoint.delete(archive, id);
        int[] c = spec.supercell();
        double aEff = Math.cbrt(box.volume() / (c[0] * c[1] * c[2]));
        RunResult r = new RunResult(id, RunResult.Status.DONE,
                String.format("%d atoms (%d Te vacancies), %d frames, <T> = %.1f K, a = %.4f Å",
                        s.size(), built.anionVacancies(), spec.frameCount(), meanT, aEff),
                s.size(), built.anionVacancies(), meanT, aEff, seconds);
        listener.finished(id, r);
        return r;
    }

    /**
     * The checkpoint to resume from, or null to start afresh: a run whose settings changed since it started is refused
     * ({@link RunSettings.ChangedException}), or with {@code restartChanged} its checkpoint is discarded (its shards are
     * deleted by the fresh start).
     */
    private static Checkpoint resumable(Archive archive, RunSpec spec, Map<String, String> settings, boolean restartChanged)
            throws IOException {
        String id = spec.runId();
        Checkpoint ckpt = Checkpoint.read(archive, id);
        if (ckpt == null) {
            return null;
        }
        Map<String, String> was = RunSettings.read(archive, id);
        String diff = was == null ? null : RunSettings.differences(was, settings);
        if (diff == null) {
            return ckpt;
        }
        if (!restartChanged) {
            throw RunSettings.changed(id, diff, archive.shardIndices(id).size());
        }
        Checkpoint.delete(archive, id);
        return null;
    }

    private static void runSteps(MdEngine md, int n, RunListener listener, String id, String phase, long total) {
        for (int i = 0; i < n; i++) {
            md.step();
            if (md.stepCount() % PROGRESS_EVERY == 0) {
                listener.progress(id, phase, md.stepCount(), total, md.structure().size());
            }
        }
    }

    private static void saveCheckpoint(Archive archive, String id, int nextShard, MdEngine md,
                                       RestorableUniformRandomProvider rng) throws IOException {
        Structure s = md.structure();
        byte[] state = ((RandomProviderDefaultState) rng.saveState()).getState();
        new Checkpoint(id, nextShard, md.stepCount(), s.box(), s.positions().clone(), s.velocities().clone(),
                md.thermostatWork(), state).write(archive);
    }

    /** NPT then NVT; the box is set to the mean volume of the second half of NPT. */
    static void equilibrate(Structure s, Potential pot, RunSpec spec, RestorableUniformRandomProvider rng,
                            Parallel par, RunListener listener) {
        Thermo.maxwellBoltzmann(s, spec.temperatureK(), rng);
        double dt = spec.timestepPs();
        long npt = spec.nptSteps(), nvt = spec.nvtSteps();
        long total = npt + nvt;
        String id = spec.runId();
        if (npt > 0) {
            MdEngine md = new MdEngine(s, pot, dt, spec.skinA(), par)
                    .withHealthLimits(0.5 * spec.skinA(), 3 * spec.temperatureK() + 1000)
                    .withThermostat(new BussiThermostat(spec.temperatureK(), Math.min(spec.thermostatTauPs(), 0.1), rng))
                    .withBarostat(new StochasticCellRescaling(spec.pressureGPa() / Units.EV_PER_A3_TO_GPA,
                            spec.barostatTauPs(), spec.compressibilityPerGPa() * Units.EV_PER_A3_TO_GPA,
                            spec.temperatureK(), rng));
            double volSum = 0;
            long volN = 0;
            for (long k = 0; k < npt; k++) {
                md.step();
                if (k >= npt / 2) {
                    volSum += s.box().volume();
                    volN++;
                }
                if (md.stepCount() % PROGRESS_EVERY == 0) listener.progress(id, "equilibrate", md.stepCount(), total, s.size());
            }
            double target = volSum / volN;
            double f = Math.cbrt(target / s.box().volume());
            double[] x = s.positions();
            for (int k = 0; k < x.length; k++) x[k] *= f;
            s.setBox(s.box().scaled(f));
        }
        if (nvt > 0) {
            MdEngine md = new MdEngine(s, pot, dt, spec.skinA(), par)
                    .withHealthLimits(0.5 * spec.skinA(), 3 * spec.temperatureK() + 1000)
                    .withThermostat(new BussiThermostat(spec.temperatureK(), spec.thermostatTauPs(), rng));
            md.setStepCount(npt);
            for (long k = 0; k < nvt; k++) {
                md.step();
                if (md.stepCount() % PROGRESS_EVERY == 0) listener.progress(id, "equilibrate", md.stepCount(), total, s.size());
            }
        }
    }
}
