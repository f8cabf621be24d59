package io.ionflow.simulate.campaign;

import io.ionflow.simulate.archive.Archive;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fingerprint of a run: every campaign setting that defines its trajectory (the potential by the SHA-256 of its
 * parameters, not its path; not the thread count, which does not change a trajectory). Written as
 * {@code checkpoints/<runId>.settings} when a run starts and kept after it completes. A resume compares it with the
 * campaign: a run whose settings changed is not continued (its frames would mix two simulations) unless the user
 * asks to restart it from scratch; a complete run whose settings differ is kept and reported, not silently skipped.
 */
public final class RunSettings {
    private RunSettings() {}

    /** A resume refused because a setting changed. */
    public static final class ChangedException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        ChangedException(String message) {
            super(message);
        }
    }

    /**
     * @param spec      the run
     * @param potential its potential (fingerprinted by the SHA-256 of its full parameter JSON, so a parameter edit in
     *                  the file counts and a moved file does not)
     * @return setting name (as in the campaign file) → value
     */
    public static Map<String, String> of(RunSpec spec, io.ionflow.simulate.potential.Potential potential) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("system", spec.system());
        m.put("cation", spec.cation());
        m.put("anion", spec.anion());
        m.put("potential.style", spec.potentialStyle());
        m.put("potential.sha256", sha256(potential.toJson().getBytes(StandardCharsets.UTF_8)));
        m.put("lattice_constant_a", num(spec.latticeA()));
        m.put("supercell", Arrays.toString(spec.supercell()));
        m.put("temperatures_k", num(spec.temperatureK()));
        m.put("vacancy_fractions", num(spec.vacancyFraction()));
        m.put("charge_neutral_vacancies", Boolean.toString(spec.chargeNeutralVacancies()));
        m.put("replica", Integer.toString(spec.replica()));
        m.put("seed", Long.toString(spec.seed()));
        m.put("timestep_fs", num(spec.timestepFs()));
        m.put("equilibration.npt_ps", num(spec.nptPs()));
        m.put("equilibration.nvt_ps", num(spec.nvtPs()));
        m.put("production_ps", num(spec.productionPs()));
        m.put("frame_interval_ps", num(spec.frameIntervalPs()));
        m.put("frames_per_shard", Integer.toString(spec.framesPerShard()));
        m.put("thermostat_tau_ps", num(spec.thermostatTauPs()));
        m.put("barostat.tau_ps", num(spec.barostatTauPs()));
        m.put("barostat.pressure_gpa", num(spec.pressureGPa()));
        m.put("barostat.compressibility_per_gpa", num(spec.compressibilityPerGPa()));
        m.put("neighbor_skin_a", num(spec.skinA()));
        return m;
    }

    /** {@code checkpoints/<runId>.settings}. */
    public static Path path(Archive archive, String runId) {
        return new Path(archive.checkpointsDir(), runId + ".settings");
    }

    /** Writes the run's settings (atomically: hidden name, then rename). */
    public static void write(Archive archive, String runId, Map<String, String> settings) throws IOException {
        FileSystem fs = archive.fileSystem();
        Path target = path(archive, runId);
        Path tmp = Archive.temporaryFor(target);
        fs.mkdirs(target.getParent());
        try (FSDataOutputStream out = fs.create(tmp, true)) {
            out.write(io.ionflow.simulate.archive.KeyValueFile.format(settings));
            out.hsync();
        }
        archive.publish(tmp, target);
    }

    /** The settings a run started with, or null if it has none (a run started before settings were recorded). */
    public static Map<String, String> read(Archive archive, String runId) throws IOException {
        return io.ionflow.simulate.archive.KeyValueFile.read(archive.fileSystem(), path(archive, runId));
    }

    public static void delete(Archive archive, String runId) throws IOException {
        archive.fileSystem().delete(path(archive, runId), false);
    }

    /**
     * @return null when equal, else one line naming every setting that differs, as "name: started value → campaign value"
     */
    public static String differences(Map<String, String> started, Map<String, String> now) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : now.entrySet()) {
            String was = started.get(e.getKey());
            if (!e.getValue().equals(was)) {
                b.append(b.length() == 0 ? "" : "; ").append(e.getKey()).append(": ")
                        .append(was == null ? "(not recorded)" : was).append(" -> ").append(e.getValue());
            }
        }
        return b.length() == 0 ? null : b.toString();
    }

    /** The refusal of a resume whose settings changed. */
    static ChangedException changed(String runId, String differences, int shards) {
        return new ChangedException("run " + runId + ": the campaign changed since the run started (" + differences
                + "); not resumed, so its frames never mix two simulations: restore the setting, or re-run with"
                + " --restart-changed to discard its " + shards + " shard(s) and checkpoint and start it again");
    }

    private static String num(double v) {
        return Double.toString(v);
    }

    private static String sha256(byte[] bytes) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(d.digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
