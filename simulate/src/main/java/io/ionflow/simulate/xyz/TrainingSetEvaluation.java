package io.ionflow.simulate.xyz;

import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.potential.Evaluation;

import java.io.PrintStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * A potential evaluated on a training set (the {@code evaluate} command): energy (eV), forces (eV/Å) and virial (eV)
 * of every structure of an extended-XYZ training set with one potential, streamed one structure at a time to a new
 * extended-XYZ file that appears only when every structure was evaluated, and the RMSE against the input's reference
 * values (meV/atom, meV/Å) when it has them. No Spark.
 */
public final class TrainingSetEvaluation {
    private TrainingSetEvaluation() {}

    /**
     * Evaluates every structure of {@code input} and writes {@code output} (replaced only when complete), printing the
     * score lines and a summary to {@code out}.
     *
     * @param style   potential style, or null to infer it from the file name
     * @param output  a file in an existing directory (the caller checks)
     * @param threads force threads, at least 1
     * @throws XyzFormatException naming the file and line of a malformed structure; {@code output} is then untouched
     */
    public static void run(Path potential, String style, Path input, Path output, int threads, PrintStream out)
            throws Exception {
        StructureEvaluator evaluator = new StructureEvaluator(style, potential, input.toString());
        Path target = output.toAbsolutePath();
        // a hidden name beside --output (same file system, so the final move is atomic); created by the writer with the
        // usual permissions (Files.createTempFile would make it owner-only)
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".part");
        boolean published = false;
        try (Parallel par = new Parallel(threads)) {
            long[] counts = evaluateAll(evaluator, input, tmp, par, out);
            move(tmp, target);
            published = true;
            out.printf(Locale.ROOT, "evaluate: %d structures, %d atoms, style %s -> %s%n", counts[0], counts[1],
                    evaluator.style(), output);
        } finally {
            if (!published) Files.deleteIfExists(tmp);
        }
    }

    /** Streams input → tmp; prints the score lines; returns {structures, atoms}. */
    private static long[] evaluateAll(StructureEvaluator evaluator, Path input, Path tmp, Parallel par, PrintStream out)
            throws Exception {
        ReferenceScore score = new ReferenceScore();
        long structures = 0, atoms = 0;
        try (ExtxyzStructureReader in = ExtxyzStructureReader.open(input); ExtxyzStructureWriter w = ExtxyzStructureWriter.open(tmp)) {
            XyzStructure s;
            while ((s = in.next()) != null) {
                Evaluation e = evaluator.evaluate(s, par);
                w.write(XyzResults.merge(s, e));
                ReferenceScore.Line l = score.add(s, e);
                if (l != null) {
                    out.println("evaluate: " + s + ": " + parts("energy error %.6g meV/atom", l.energyErrorMevPerAtom(), -1,
                            "force RMSE %.6g meV/Å", l.forceRmseMevPerA(), -1, "virial RMSE %.6g meV/atom", l.virialRmseMevPerAtom(), -1));
                }
                structures++;
                atoms += s.atomCount();
            }
            if (structures == 0) throw new XyzFormatException(input.toString(), 0, -1, "no structure in the file (empty?)");
            w.flush();
        }
        if (score.energyCount() > 0 || score.forceCount() > 0 || score.virialCount() > 0) {
            out.println("evaluate: RMSE " + parts("energy %.6g meV/atom (%d structures)", score.energyRmse(), score.energyCount(),
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
