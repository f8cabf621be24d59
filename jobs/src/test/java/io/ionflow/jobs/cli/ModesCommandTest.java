package io.ionflow.jobs.cli;

import io.ionflow.jobs.Main;
import io.ionflow.jobs.SharedSpark;
import io.ionflow.jobs.TestConf;
import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.RunInfo;
import io.ionflow.simulate.archive.RunsTableReader;
import io.ionflow.simulate.archive.RunsTableWriter;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `modes` on a small simulated archive: one row per snapshot, f_u in (0, 1) for hot superionic runs,
 * report/modes.csv with the exact header, and a run whose potential is unknown (as after ingest) is
 * refused by name while the other runs are analysed.
 */
class ModesCommandTest {

    @Test
    void modesOnASimulatedArchive(@TempDir Path dir) throws Exception {
        SharedSpark.session();
        Path campaign = TestConf.tinyCampaign(dir);
        String archive = dir.resolve("a").toString();
        assertEquals(0, Main.execute("simulate", "--campaign", campaign.toString(), "--archive", archive));
        // a copy of one run's row without a potential, as ingest writes for other engines' trajectories
        Archive a = Archive.at(archive);
        RunInfo r0 = RunsTableReader.readAll(a).get(0);
        String foreign = "lmp_copy";
        RunsTableWriter.write(a, new RunInfo(foreign, r0.system(), r0.temperatureK(), r0.vacancyFraction(), 0,
                r0.nAtoms(), r0.timestepFs(), r0.frameIntervalPs(), r0.nFrames(), r0.cell(), r0.species(), r0.masses(),
                null, 0, "lammps-dump"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true));
        int rc;
        try {
            rc = Main.execute("modes", "--archive", archive, "--every", "15", "--max-snapshots", "2", "--lag-ps", "0.4");
        } finally {
            System.setErr(old);
        }
        assertEquals(1, rc, "a refused run makes the exit code 1: " + err);
        assertTrue(err.toString().contains(foreign) && err.toString().contains("potential"), err.toString());

        List<String> csv = Files.readAllLines(dir.resolve("a/report/modes.csv"));
        assertEquals("run_id,temperature_k,vacancy_fraction,f_u,f_u_err,n_snapshots", csv.get(0));
        assertEquals(5, csv.size(), "4 runs analysed: " + csv);
        for (String line : csv.subList(1, csv.size())) {
            String[] f = line.split(",");
            double fu = Double.parseDouble(f[3]);
            assertTrue(fu > 0 && fu < 0.5, "f_u of a hot superionic run: " + line);
            assertEquals("2", f[5]);
        }
        List<Row> snaps = SharedSpark.session().read().parquet(archive + "/analysis/modes").collectAsList();
        assertEquals(8, snaps.size());
        for (Row s : snaps) {
            int nModes = s.getInt(s.fieldIndex("n_modes"));
            int nAtoms = s.getInt(s.fieldIndex("n_atoms"));
            assertEquals(3 * nAtoms - 3, nModes);
            double fu = s.getDouble(s.fieldIndex("f_u"));
            assertEquals((double) s.getInt(s.fieldIndex("n_unstable")) / nModes, fu, 1e-12);
            double shareAll = s.getDouble(s.fieldIndex("share_unstable_all_ag"));
            assertTrue(shareAll >= 0 && shareAll <= 1, "projection share in [0, 1]: " + shareAll);
            double near = s.getDouble(s.fieldIndex("mean_nearest_te_a"));
            assertTrue(near > 2.3 && near < 3.3, "mean Ag–nearest-Te distance, Å: " + near);
        }
        long dosRows = SharedSpark.session().read().parquet(archive + "/analysis/inm_dos").count();
        assertTrue(dosRows > 0);
    }
}
