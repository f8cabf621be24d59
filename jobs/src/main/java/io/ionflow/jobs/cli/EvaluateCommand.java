package io.ionflow.jobs.cli;

import io.ionflow.jobs.archive.UserError;
import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.potential.Evaluation;
import io.ionflow.simulate.xyz.ExtxyzStructureReader;
import io.ionflow.simulate.xyz.ExtxyzStructureWriter;
import io.ionflow.simulate.xyz.ReferenceScore;
import io.ionflow.simulate.xyz.StructureEvaluator;
import io.ionflow.simulate.xyz.XyzFormatException;
import io.ionflow.simulate.xyz.XyzResults;
import io.ionflow.simulate.xyz.XyzStructure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ionflow evaluate}: energy (eV), forces (eV/Å) and virial (eV) of every structure of an extended-XYZ
 * training set with one potential, written to a new extended-XYZ file, and the RMSE against the input's
 * reference values (meV/atom, meV/Å) when it has them.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a potential on every structure of an extended-XYZ file (GPUMD/ASE training-set"
                + " convention), streaming one structure at a time.",
                "Writes each structure with energy= (eV), virial=\"xx xy xz yx yy yz zx zy zz\" (eV) and a force:R:3"
                        + " column (eV/Å) holding IonFlow's values; the input's energy, virial and force/forces are kept"
                        + " as ref_energy, ref_virial and ref_force:R:3; other keys and columns are carried through.",
                "When the input has reference energies or forces, prints per structure and overall the RMSE as GPUMD's"
                        + " prediction mode does: energy per atom (meV/atom), force components (meV/Å), virial per atom"
                        + " (meV/atom). The output appears only when every structure was evaluated."},
        footer = {"", "Example:", "  java -jar jobs/target/ionflow.jar evaluate --potential nep.txt --style nep \\",
                "      --input train.xyz --output train.ionflow.xyz --threads 4"})
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--potential", required = true, paramLabel = "FILE", description = "potential parameter file")
    Path potential;

    @Option(names = "--style", paramLabel = "nep|vashishta",
            description = "potential style (default: nep when the file name contains 'nep', else the file's extension)")
    String style;

    @Option(names = "--input", required = true, paramLabel = "IN.xyz", description = "extended-XYZ file with one or more structures")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "OUT.xyz", description = "extended-XYZ file to write (replaced when complete)")
    Path output;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "force threads (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (threads < 1) throw new UserError("--threads must be >= 1, got " + threads);
        StructureEvaluator evaluator = new StructureEvaluator(style, potential, input.toString());
        Path out = output.toAbsolutePath();
        if (!Files.isDirectory(out.getParent())) throw new UserError("--output " + output + ": directory " + out.getParent() + " does not exist");
        if (Files.isDirectory(out)) throw new UserError("--output " + output + " is a directory");
        // a hidden name beside --output (same file system, so the final move is atomic); created by the writer with the
        // usual permissions (Files.createTempFile would make it owner-only)
        Path tmp = out.resolveSibling("." + out.getFileName() + "." + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".part");
        boolean published = false;
        try (Parallel par = new Parallel(threads)) {
            long[] counts = evaluateAll(evaluator, tmp, par);
            move(tmp, out);
            published = true;
            System.out.printf(Locale.ROOT, "evaluate: %d structures, %d atoms, style %s -> %s%n", counts[0], counts[1],
                    evaluator.style(), output);
        } catch (XyzFormatException e) {
            UserError u = new UserError(e.getMessage());
            u.initCause(e);
            throw u;
        } finally {
            if (!published) Files.deleteIfExists(tmp);
        }
        return ExitCodes.OK;
    }

    /** Streams input → tmp; prints the score lines; returns {structures, atoms}. */
    private long[] evaluateAll(StructureEvaluator evaluator, Path tmp, Parallel par) throws Exception {
        ReferenceScore score = new ReferenceScore();
        long structures = 0, atoms = 0;
        try (ExtxyzStructureReader in = ExtxyzStructureReader.open(input); ExtxyzStructureWriter w = ExtxyzStructureWriter.open(tmp)) {
            XyzStructure s;
            while ((s = in.next()) != null) {
                Evaluation e = evaluator.evaluate(s, par);
                w.write(XyzResults.merge(s, e));
                ReferenceScore.Line l = score.add(s, e);
                if (l != null) {
                    System.out.println("evaluate: " + s + ": " + parts("energy error %.6g meV/atom", l.energyErrorMevPerAtom(), -1,
                            "force RMSE %.6g meV/Å", l.forceRmseMevPerA(), -1, "virial RMSE %.6g meV/atom", l.virialRmseMevPerAtom(), -1));
                }
                structures++;
                atoms += s.atomCount();
            }
            if (structures == 0) throw new XyzFormatException(input.toString(), 0, -1, "no structure in the file (empty?)");
            w.flush();
        }
        if (score.energyCount() > 0 || score.forceCount() > 0 || score.virialCount() > 0) {
            System.out.println("evaluate: RMSE " + parts("energy %.6g meV/atom (%d structures)", score.energyRmse(), score.energyCount(),
                    "force %.6g meV/Å (%d components)", score.forceRmse(), score.forceCount(),
                    "virial %.6g meV/atom (%d structures)", score.virialRmse(), score.virialCount()));
        }
        return new long[] {structures, atoms};
    }

    /** Joins the formatted (format, value, count) triples whose value is not NaN; a count of -1 is not printed. */
    private static String parts(Object... fvc) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fvc.length; i += 3) {
            double v = (Double) fvc[i + 1];
            if (Double.isNaN(v)) continue;
            long n = ((Number) fvc[i + 2]).longValue();
            sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, (String) fvc[i], v, n));
        }
        return sb.toString();
    }

    private static void move(Path tmp, Path out) throws java.io.IOException {
        try {
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
