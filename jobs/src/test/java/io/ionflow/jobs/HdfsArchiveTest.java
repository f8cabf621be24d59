package io.ionflow.jobs;

import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.FrameShard;
import io.ionflow.simulate.archive.FrameShardReader;
import io.ionflow.simulate.archive.RunInfo;
import io.ionflow.simulate.archive.RunsTableReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Archives on a real HDFS (an in-process MiniDFSCluster from hadoop-client-minicluster): simulate writes
 * there through the Hadoop FileSystem API (threaded and --on-spark), Spark reads it, and the frames equal
 * a local run's.
 */
class HdfsArchiveTest {
    static MiniDFSCluster hdfs;
    static String root;

    @BeforeAll
    static void startHdfs(@TempDir Path dir) throws Exception {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
        conf.set("dfs.namenode.rpc-address", "127.0.0.1:0");
        hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        hdfs.waitActive();
        root = "hdfs://127.0.0.1:" + hdfs.getNameNodePort();
    }

    @AfterAll
    static void stopHdfs() {
        if (hdfs != null) hdfs.shutdown();
    }

    @Test
    void simulateToHdfsAndReadBackWithSpark(@TempDir Path dir) throws Exception {
        SharedSpark.session();
        Path campaign = dir.resolve("c.json");
        Files.writeString(campaign, Files.readString(TestConf.tinyCampaign(dir))
                .replace("\"temperatures_k\": [500, 700]", "\"temperatures_k\": [600]")
                .replace("\"vacancy_fractions\": [0.0, 0.1]", "\"vacancy_fractions\": [0.1]"));
        String onHdfs = root + "/ionflow/threaded", onHdfsSpark = root + "/ionflow/spark";
        Path local = dir.resolve("local");
        assertEquals(0, Main.execute("simulate", "--campaign", campaign.toString(), "--archive", local.toString()));
        assertEquals(0, Main.execute("simulate", "--campaign", campaign.toString(), "--archive", onHdfs));
        assertEquals(0, Main.execute("simulate", "--on-spark", "--campaign", campaign.toString(), "--archive", onHdfsSpark));

        List<Row> counts = SharedSpark.session().read().parquet(onHdfs + "/frames").groupBy("run_id").count()
                .orderBy("run_id").collectAsList();
        assertEquals(1, counts.size());
        assertEquals(40L * 93, counts.get(0).getLong(1));

        // the msd job reads frames from and writes its outputs to HDFS; same numbers as on the local copy
        assertEquals(0, Main.execute("msd", "--archive", onHdfs));
        assertEquals(0, Main.execute("msd", "--archive", local.toString()));
        Archive h = Archive.at(onHdfs);
        String onHdfsCsv;
        try (var in = h.fileSystem().open(new org.apache.hadoop.fs.Path(h.reportDir(), "diffusion.csv"))) {
            onHdfsCsv = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(local.resolve("report/diffusion.csv")), onHdfsCsv);
        assertEquals(true, h.fileSystem().exists(h.analysisTable("msd")));

        Archive a = Archive.at(local.toString());
        for (String uri : List.of(onHdfs, onHdfsSpark)) {
            Archive b = Archive.at(uri);
            List<RunInfo> ra = RunsTableReader.readAll(a), rb = RunsTableReader.readAll(b);
            ra.sort(Comparator.comparing(RunInfo::runId));
            rb.sort(Comparator.comparing(RunInfo::runId));
            assertEquals(ra, rb, uri);
            for (RunInfo r : ra) {
                assertEquals(a.shardIndices(r.runId()), b.shardIndices(r.runId()), uri);
                for (int k : a.shardIndices(r.runId())) {
                    FrameShard x = FrameShardReader.read(a, r.runId(), k), y = FrameShardReader.read(b, r.runId(), k);
                    assertArrayEquals(x.positions(), y.positions(), uri + " " + r.runId() + " shard " + k);
                }
            }
            // no checkpoint or temporary file left on HDFS
            var fs = b.fileSystem();
            var it = fs.listFiles(b.root(), true);
            while (it.hasNext()) {
                String name = it.next().getPath().getName();
                assertEquals(false, name.startsWith("."), "hidden file left on HDFS: " + name);
            }
        }
    }
}
