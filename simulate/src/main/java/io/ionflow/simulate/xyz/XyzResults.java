package io.ionflow.simulate.xyz;

import io.ionflow.simulate.potential.Evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * Puts IonFlow's results into a structure read from a training set: {@code energy=} (eV),
 * {@code virial="xx xy xz yx yy yz zx zy zz"} (eV) and a {@code force:R:3} column (eV/Å) always hold
 * IonFlow's values; the input's own {@code energy}, {@code virial} and {@code force}/{@code forces} are
 * kept as {@code ref_energy}, {@code ref_virial} and a {@code ref_force:R:3} column right after them (an
 * older {@code ref_*} in the input is then replaced). Every other key and column is carried through in
 * its order; {@code stress=} is carried as is. An absent {@code energy} is added at the front, an absent
 * {@code virial} right after the energy, an absent {@code Properties} at the end and an absent force column
 * last.
 */
public final class XyzResults {
    private XyzResults() {}

    /** The structure with IonFlow's energy, virial and forces (from {@code e}) and the input's as references. */
    public static XyzStructure merge(XyzStructure s, Evaluation e) {
        List<XyzStructure.Property> props = new ArrayList<>();
        List<int[]> source = new ArrayList<>(); // per output property: {input column, count}, or {-1, 3} = IonFlow's forces
        int f = s.forceProperty();
        int oldRef = s.propertyIndex("ref_force");
        for (int p = 0; p < s.properties().size(); p++) {
            XyzStructure.Property q = s.properties().get(p);
            if (p == f) {
                props.add(new XyzStructure.Property("force", 'R', 3));
                source.add(new int[] {-1, 3});
                props.add(new XyzStructure.Property("ref_force", 'R', 3));
            } else if (p == oldRef && f >= 0) {
                continue;
            } else {
                props.add(q);
            }
            source.add(new int[] {s.column(p), q.count()});
        }
        if (f < 0) {
            props.add(new XyzStructure.Property("force", 'R', 3));
            source.add(new int[] {-1, 3});
        }
        String[][] atoms = columns(s, source, e.forces());
        List<XyzStructure.Key> keys = keys(s, e, XyzStructure.propertiesSpec(props));
        return new XyzStructure(s.index(), s.line(), keys, props, atoms, s.cell(), s.species(), s.positions(), e.energy(),
                e.virial().clone(), e.forces().clone());
    }

    private static String[][] columns(XyzStructure s, List<int[]> source, double[] forces) {
        int width = 0;
        for (int[] src : source) width += src[1];
        String[][] out = new String[s.atomCount()][];
        for (int i = 0; i < out.length; i++) {
            String[] in = s.atoms()[i];
            String[] row = new String[width];
            int c = 0;
            for (int[] src : source) {
                for (int k = 0; k < src[1]; k++) {
                    row[c++] = src[0] < 0 ? XyzStructure.number(forces[3 * i + k]) : in[src[0] + k];
                }
            }
            out[i] = row;
        }
        return out;
    }

    private static List<XyzStructure.Key> keys(XyzStructure s, Evaluation e, String properties) {
        boolean hasEnergy = !Double.isNaN(s.energy());
        boolean hasVirial = s.virial() != null;
        List<XyzStructure.Key> out = new ArrayList<>();
        XyzStructure.Key virial = new XyzStructure.Key("virial", XyzStructure.numbers(e.virial()));
        if (!hasEnergy) out.add(new XyzStructure.Key("energy", XyzStructure.number(e.energy())));
        if (!hasEnergy && !hasVirial) out.add(virial);
        boolean wroteProperties = false;
        for (XyzStructure.Key k : s.keys()) {
            String name = k.name();
            if (name.equalsIgnoreCase("energy")) {
                out.add(new XyzStructure.Key("energy", XyzStructure.number(e.energy())));
                out.add(new XyzStructure.Key("ref_energy", k.value()));
                if (!hasVirial) out.add(virial);
            } else if (name.equalsIgnoreCase("virial")) {
                out.add(virial);
                out.add(new XyzStructure.Key("ref_virial", k.value()));
            } else if (name.equalsIgnoreCase("properties")) {
                out.add(new XyzStructure.Key(name, properties));
                wroteProperties = true;
            } else if (!(name.equalsIgnoreCase("ref_energy") && hasEnergy) && !(name.equalsIgnoreCase("ref_virial") && hasVirial)) {
                out.add(k);
            }
        }
        if (!wroteProperties) out.add(new XyzStructure.Key("Properties", properties));
        return out;
    }
}
