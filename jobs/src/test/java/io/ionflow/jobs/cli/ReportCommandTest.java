package io.ionflow.jobs.cli;

import io.ionflow.jobs.SharedSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ionflow report} on the synthetic archive (fit first) plus small msd/vacf/vdos/inm_dos tables, and on a
 * bare archive; when chromium is installed, the page is rendered headless and every image must have loaded.
 */
class ReportCommandTest {
    @TempDir
    static Path dir;

    static SparkSession spark;
    static Path archive;
    static String html;
    static FitCommandTest.Run report;

    private static final Pattern IMG = Pattern.compile("<img src=\"([^\"]+)\"");

    @BeforeAll
    static void makeReport() throws Exception {
        spark = SharedSpark.session();
        archive = dir.resolve("archive");
        SyntheticArchive.write(spark, archive, true);
        SyntheticArchive.writeCurves(spark, archive);
        FitCommandTest.Run fit = FitCommandTest.run("fit", "--archive", archive.toString());
        assertEquals(0, fit.rc(), fit.out() + fit.err());
        report = FitCommandTest.run("report", "--archive", archive.toString());
        assertEquals(0, report.rc(), report.out() + report.err());
        html = Files.readString(archive.resolve("report/index.html"));
        // keep a copy to look at (target/report-sample/index.html)
        Path sample = Path.of("target", "report-sample").toAbsolutePath();
        if (Files.exists(sample)) {
            try (var s = Files.walk(sample)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        try (var s = Files.walk(archive.resolve("report"))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path to = sample.resolve(archive.resolve("report").relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to);
            }
        }
    }

    static List<String> images(String page) {
        List<String> out = new ArrayList<>();
        Matcher m = IMG.matcher(page);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    @Test
    void everyFigureIsAPngWithAnSvgAndThePageIsOffline() throws Exception {
        List<String> imgs = images(html);
        for (String expected : List.of("msd_Ag", "msd_Te", "vacf_Ag", "vdos_Ag", "vdos_total", "inm_dos", "fu_vs_t", "arrhenius_Ag",
                "arrhenius_Te", "d_vs_fu_Ag", "cv_loco_Ag", "cv_lovo_Ag")) {
            assertTrue(imgs.contains("figures/" + expected + ".png"), expected + " not in " + imgs);
        }
        for (String src : imgs) {
            assertFalse(src.contains(":") || src.startsWith("/"), "relative path: " + src);
            Path png = archive.resolve("report").resolve(src);
            assertTrue(Files.isRegularFile(png), src);
            byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 8);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head, src + " is a PNG");
            Path svg = png.resolveSibling(png.getFileName().toString().replace(".png", ".svg"));
            assertTrue(Files.isRegularFile(svg), "SVG of " + src);
            String s = Files.readString(svg, StandardCharsets.UTF_8);
            assertTrue(s.contains("<svg"), svg + " is an SVG");
            assertTrue(html.contains("href=\"" + src.replace(".png", ".svg") + "\""), "SVG linked: " + src);
        }
        assertFalse(Pattern.compile("(?i)(src|href)\\s*=\\s*\"(https?:)?//").matcher(html).find(), "no network references");
        assertFalse(Pattern.compile("(?i)<link[^>]+stylesheet|<script[^>]+src").matcher(html).find(), "no external scripts/styles");
        assertFalse(html.toLowerCase().contains("http://") || html.toLowerCase().contains("https://"), "no URLs at all");
        // the tables and CSV links
        assertTrue(html.contains("<h3>D by condition</h3>") && html.contains("<h3>Activation energies</h3>")
                && html.contains("<h3>f_u by condition</h3>"), "tables");
        for (String csv : List.of("fits.csv", "cv.csv", "modes.csv", "d_by_condition.csv", "fu_by_condition.csv")) {
            assertTrue(html.contains("href=\"" + csv + "\""), csv + " linked");
            assertTrue(Files.isRegularFile(archive.resolve("report").resolve(csv)), csv);
        }
    }

    @Test
    void statesTheVacancyEffectAt500K() {
        assertTrue(html.contains("id=\"vacancy-effect\""), "vacancy section");
        // D ratio 1.8 by construction, f_u ratio 1.3
        assertTrue(html.contains("At T = 500 K, comparing 10 % Te vacancies (the highest fraction present) with 0 %"), html);
        assertTrue(html.contains("ratio ×1.80") && html.contains("Te vacancies raise D_Ag"), "D statement");
        assertTrue(html.contains("Te vacancies raise f_u"), "f_u statement");
        assertTrue(html.contains("×1.83") && html.contains("ML-MD"), "published comparison");
        assertTrue(report.out().contains("Te vacancies raise D_Ag"), report.out());
    }

    @Test
    void aBareArchiveStillGetsAReportThatSaysWhatIsMissing() throws Exception {
        Path bare = dir.resolve("bare");
        SyntheticArchive.write(spark, bare, false);
        FitCommandTest.Run r = FitCommandTest.run("report", "--archive", bare.toString());
        assertEquals(0, r.rc(), r.out() + r.err());
        String page = Files.readString(bare.resolve("report/index.html"));
        assertTrue(page.contains("analysis/msd is missing"), page);
        assertTrue(page.contains("analysis/fits is missing"), page);
        assertTrue(page.contains("analysis/modes and report/modes.csv are missing"), page);
        assertTrue(page.contains("f_u cannot be compared"), "D compared, f_u not: " + page);
        for (String src : images(page)) assertTrue(Files.isRegularFile(bare.resolve("report").resolve(src)), src);
        assertTrue(images(page).contains("figures/arrhenius_Ag.png"), "Arrhenius points even without fits");

        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        FitCommandTest.Run e = FitCommandTest.run("report", "--archive", empty.toString());
        assertEquals(ExitCodes.BAD_INPUT, e.rc(), e.out() + e.err());
        assertTrue(e.err().contains("has no runs/ table"), "an empty directory is not an archive: " + e.err());
        assertFalse(Files.exists(empty.resolve("report")), "nothing written into a directory that is not an archive");
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        FitCommandTest.Run f = FitCommandTest.run("report", "--archive", file.toString());
        assertEquals(ExitCodes.BAD_INPUT, f.rc(), f.out() + f.err());
        assertTrue(f.err().contains("is a file, not an archive directory"), f.err());
    }

    /** The acceptance check: a real browser renders the page offline and every image loads. */
    @Test
    void chromiumRendersEveryImage() throws Exception {
        Optional<String> chromium = findChromium();
        Assumptions.assumeTrue(chromium.isPresent(),
                "chromium not installed (apt-get install chromium): browser check of report/index.html skipped");
        Path index = archive.resolve("report/index.html").toAbsolutePath();
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        List<String> common = List.of(chromium.get(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--virtual-time-budget=10000");
        List<String> dump = new ArrayList<>(common);
        dump.add("--dump-dom");
        dump.add(index.toUri().toString());
        String dom = exec(dump, profile.resolve("dump.txt"));
        Matcher loaded = Pattern.compile("data-images-loaded=\"(\\d+)\"").matcher(dom);
        Matcher total = Pattern.compile("data-images-total=\"(\\d+)\"").matcher(dom);
        assertTrue(loaded.find() && total.find(), "the page's image check did not run; DOM starts: "
                + dom.substring(0, Math.min(400, dom.length())));
        int expected = images(html).size();
        assertEquals(expected, Integer.parseInt(total.group(1)), "images in the rendered page");
        assertEquals(expected, Integer.parseInt(loaded.group(1)), "images that loaded (naturalWidth > 0)");

        Path shot = Path.of("target", "report-screenshot.png").toAbsolutePath();
        Files.createDirectories(shot.getParent());
        List<String> screenshot = new ArrayList<>(common);
        screenshot.add("--screenshot=" + shot);
        screenshot.add("--window-size=1400,4000");
        screenshot.add(index.toUri().toString());
        exec(screenshot, profile.resolve("shot.txt"));
        assertTrue(Files.size(shot) > 10_000, "screenshot written: " + shot);
        System.out.println("report screenshot: " + shot);
    }

    static Optional<String> findChromium() {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
            for (String d : path.split(File.pathSeparator)) {
                File f = new File(d, name);
                if (f.isFile() && f.canExecute()) return Optional.of(f.getAbsolutePath());
            }
        }
        return Optional.empty();
    }

    private static String exec(List<String> cmd, Path out) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectOutput(out.toFile())
                .redirectError(out.resolveSibling(out.getFileName() + ".err").toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 90 s: " + cmd);
        }
        String stdout = Files.readString(out);
        assertEquals(0, p.exitValue(), "chromium failed: " + Files.readString(out.resolveSibling(out.getFileName() + ".err")));
        return stdout;
    }
}
