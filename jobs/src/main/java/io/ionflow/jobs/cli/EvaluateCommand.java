package io.ionflow.jobs.cli;

import io.ionflow.jobs.archive.UserError;
import io.ionflow.simulate.xyz.TrainingSetEvaluation;
import io.ionflow.simulate.xyz.XyzFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
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

    @Override
    public Integer call() throws Exception {
        if (threads < 1) throw new UserError("--threads must be >= 1, got " + threads);
        Path target = output.toAbsolutePath();
        if (!Files.isDirectory(target.getParent())) throw new UserError("--output " + output + ": directory " + target.getParent() + " does not exist");
        if (Files.isDirectory(target)) throw new UserError("--output " + output + " is a directory");
        try {
            TrainingSetEvaluation.run(potential, style, input, output, threads, System.out);
        } catch (XyzFormatException e) {
            throw new UserError(e.getMessage(), e);
        }
        return ExitCodes.OK;
    }
}
