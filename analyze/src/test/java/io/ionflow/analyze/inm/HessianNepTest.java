package io.ionflow.analyze.inm;

import io.ionflow.simulate.Parallel;
import io.ionflow.simulate.potential.Potential;
import io.ionflow.simulate.potential.PotentialStyles;
import io.ionflow.simulate.structure.Box;
import io.ionflow.simulate.structure.Elements;
import io.ionflow.simulate.structure.Structure;
import io.ionflow.simulate.xyz.ExtxyzStructureReader;
import io.ionflow.simulate.xyz.XyzStructure;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The finite-difference Hessian of a NEP model (the public Si NEP4 in ../shared/nep, 64-atom perturbed
 * diamond): the raw matrix is symmetric to ≤ 1e-6 relative and the three translations are its zero modes.
 */
class HessianNepTest {

    @Test
    void rawMatrixIsSymmetricAndTranslationsVanish() throws Exception {
        Path dir = null;
        for (Path p = Path.of("").toAbsolutePath(); p != null && dir == null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared/nep"))) dir = p.resolve("shared/nep");
        }
        Assumptions.assumeTrue(dir != null, "../shared/nep not found: skipping the NEP Hessian test");
        XyzStructure x;
        try (ExtxyzStructureReader r = ExtxyzStructureReader.open(dir.resolve("Si.reference.xyz"))) {
            x = r.next();
        }
        Potential nep = PotentialStyles.load("nep", dir.resolve("Si_2022_NEP4_3body.txt"), List.of("Si"));
        Structure s = new Structure(new String[] {"Si"}, new double[] {Elements.mass("Si")}, new int[x.atomCount()],
                x.positions(), null, Box.fromMatrix(x.cell()));
        Hessian h;
        try (Parallel par = new Parallel(2)) {
            h = Hessian.of(s, nep, par);
        }
        assertTrue(!h.isAnalytic());
        assertTrue(h.rawRelativeAsymmetry() <= 1e-6, "raw asymmetry " + h.rawRelativeAsymmetry());
        DMatrixRMaj d = h.massWeighted();
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d.numRows, true, true);
        assertTrue(eig.decompose(d.copy()));
        Integer[] order = new Integer[d.numRows];
        double maxAbs = 0;
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
            maxAbs = Math.max(maxAbs, Math.abs(eig.getEigenvalue(k).real));
        }
        Arrays.sort(order, Comparator.comparingDouble(k -> Math.abs(eig.getEigenvalue(k).real)));
        double[] t = InstantaneousModes.translationWeights(h.masses());
        for (int q = 0; q < 3; q++) {
            double lambda = eig.getEigenvalue(order[q]).real;
            assertTrue(Math.abs(lambda) <= 1e-6 * maxAbs, "translation eigenvalue " + lambda + " vs max " + maxAbs);
            assertTrue(InstantaneousModes.translationOverlap(eig.getEigenVector(order[q]).data, t) > 1 - 1e-6);
        }
        System.out.printf("NEP Si 64: raw asymmetry %.2e relative, translations |λ|/max ≤ %.2e%n", h.rawRelativeAsymmetry(),
                Math.abs(eig.getEigenvalue(order[2]).real) / maxAbs);
    }
}
