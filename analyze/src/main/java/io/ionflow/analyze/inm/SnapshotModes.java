package io.ionflow.analyze.inm;

import io.ionflow.simulate.potential.Potential;
import io.ionflow.simulate.structure.Box;
import io.ionflow.simulate.structure.Structure;

import java.util.Arrays;

/**
 * The instantaneous-normal-mode analysis of one MD snapshot, as the {@code modes} job records it per snapshot:
 * <ul>
 *   <li>the Hessian and its eigenmodes ({@link Hessian}, {@link InstantaneousModes}), summarised by
 *       {@link InmAnalysis#summarize}: f_u, its Ag and Te shares by fractional species weight, the double-well
 *       fraction f_dw (when asked), the mean |ν| of the unstable modes and the INM density of states;</li>
 *   <li>over a lag to a later frame of the same run: the Ag hops between the antifluorite sites
 *       ({@link HopDetector}, supercell guessed from the box and a lattice constant) and their rate per Ag atom,
 *       and the split of the displacement on the snapshot's modes ({@link ModeProjection}): the share carried by
 *       unstable modes for all Ag and for the Ag that hopped, and the stable-mode amplitude;</li>
 *   <li>the mean Ag–nearest-Te distance ({@link CationAnionSeparation}).</li>
 * </ul>
 * Ag and Te are found by name; a system without both gets the species-free quantities only (NaN / null for the
 * rest).
 */
public final class SnapshotModes {
    private SnapshotModes() {}

    /**
     * @param doubleWell    classify the unstable modes as double wells or shoulders ({@link DoubleWellClassifier})
     * @param dosBinThz     INM DOS bin width, THz
     * @param dosMaxThz     INM DOS half-range, THz
     * @param latticeGuessA conventional lattice constant used to count the cells of the box for the hop sites, Å
     */
    public record Options(boolean doubleWell, double dosBinThz, double dosMaxThz, double latticeGuessA) {}

    /**
     * @param modes          the summary of the snapshot's modes
     * @param fuAg           f_u carried by Ag (fractional weights), NaN without Ag
     * @param fuTe           f_u carried by Te, NaN without Te
     * @param lagged         hops and projections over the lag, null without a later frame or without Ag and Te
     * @param meanNearestTeA mean Ag–nearest-Te distance, Å; NaN without Ag and Te
     */
    public record Result(InmSnapshot modes, double fuAg, double fuTe, Lagged lagged, double meanNearestTeA) {}

    /**
     * @param hops                   Ag atoms whose site changed over the lag
     * @param hopRatePerAgPs         hops / (Ag atoms × lag), 1/ps; NaN without Ag sites
     * @param shareUnstableAllAg     share of the Ag displacement in unstable modes
     * @param shareUnstableHoppingAg the same for the Ag that hopped; null when none hopped
     * @param stableAmplitude        amplitude of the whole displacement in stable modes
     */
    public record Lagged(int hops, double hopRatePerAgPs, double shareUnstableAllAg, Double shareUnstableHoppingAg,
                         double stableAmplitude) {}

    /**
     * @param s      the snapshot (positions, species, box)
     * @param pot    the run's potential
     * @param later  positions {@code lagPs} later, same atom order (null: no lag)
     * @param lagPs  the lag, ps
     */
    public static Result analyse(Structure s, Potential pot, double[] later, double lagPs, Options o) {
        double[] x0 = s.positions().clone(); // as given, whatever the Hessian's neighbour search does to the copy
        InmAnalysis.Options io = InmAnalysis.Options.defaults().withDos(o.dosBinThz(), o.dosMaxThz())
                .withDoubleWell(o.doubleWell() ? DoubleWellClassifier.Rule.defaults() : null);
        InstantaneousModes m = InstantaneousModes.compute(Hessian.of(s, pot), true, 1, io.zeroTolerance());
        DoubleWellClassifier.Kind[] kinds = o.doubleWell()
                ? DoubleWellClassifier.classify(s, pot, m, InmAnalysis.unstableIndices(m), io.doubleWell(), 1) : null;
        var species = Arrays.asList(s.speciesNames());
        InmSnapshot r = InmAnalysis.summarize(m, s.types(), species, io, kinds);
        int ag = species.indexOf("Ag");
        int te = species.indexOf("Te");
        boolean pair = ag >= 0 && te >= 0;
        Lagged lagged = later != null && pair ? lagged(s, x0, later, lagPs, m, o.latticeGuessA(), ag, te) : null;
        double nearest = pair ? CationAnionSeparation.meanNearestDistance(x0, s.types(), ag, te, s.box()) : Double.NaN;
        return new Result(r, share(r, ag), share(r, te), lagged, nearest);
    }

    private static double share(InmSnapshot r, int type) {
        return type >= 0 && r.fuFractional() != null ? r.fuFractional()[type] : Double.NaN;
    }

    /** Ag hops between the antifluorite sites over the lag, and the share of the Ag displacement in unstable modes. */
    private static Lagged lagged(Structure s, double[] x0, double[] x1, double lagPs, InstantaneousModes m,
                                 double latticeA, int ag, int te) {
        int[] types = s.types();
        int n = types.length;
        double[] disp = new double[3 * n];
        for (int k = 0; k < disp.length; k++) disp[k] = x1[k] - x0[k];
        Box box = s.box();
        int[] cells = new int[3];
        for (int c = 0; c < 3; c++) cells[c] = Math.max(1, (int) Math.round(box.length(c) / latticeA));
        HopDetector hd = HopDetector.antifluorite(box, cells, x0, types, ag, te);
        boolean[] hopped = hd.hops(x0, x1);
        int nh = 0;
        for (boolean b : hopped) if (b) nh++;
        double hopRate = hd.cations().length == 0 ? Double.NaN : nh / (hd.cations().length * lagPs);
        boolean[] agMask = new boolean[n];
        for (int i = 0; i < n; i++) agMask[i] = types[i] == ag;
        double shareAll = ModeProjection.split(m, disp, agMask).shareUnstable();
        double stableAmp = ModeProjection.split(m, disp).stableAmplitude();
        Double shareHop = nh > 0 ? ModeProjection.split(m, disp, hd.atomMask(hopped)).shareUnstable() : null;
        return new Lagged(nh, hopRate, shareAll, shareHop, stableAmp);
    }
}
