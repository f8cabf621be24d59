package io.ionflow.simulate.ingest;

import io.ionflow.simulate.archive.Archive;
import io.ionflow.simulate.archive.FrameShard;
import io.ionflow.simulate.archive.FrameShardReader;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A known unwrapped trajectory (random walkers with a drift, so they cross the periodic boundaries
 * several times; 8 Ag + 4 Te) and writers of it as LAMMPS dumps and extended XYZ.
 */
final class TrajectoryFixtures {
    private TrajectoryFixtures() {}

    static final double[] LO = {-1.5, 0.25, 2.0};
    static final double[] L = {6.0, 7.0, 8.0};
    static final int N_AG = 8, N_TE = 4, N = N_AG + N_TE;
    /** Steps between frames and time step (fs) of the dumps: frame interval 0.02 ps. */
    static final long STEPS_PER_FRAME = 10;
    static final double TIMESTEP_FS = 2.0;
    static final double INTERVAL_PS = STEPS_PER_FRAME * TIMESTEP_FS * 1e-3;

    /** The truth: unwrapped positions and velocities (Å, Å/ps) by frame; LAMMPS ids by atom. */
    static final class Traj {
        final double[][] pos;
        final double[][] vel;
        final String[] species = new String[N];
        final long[] ids = new long[N];

        Traj(int frames) {
            pos = new double[frames][3 * N];
            vel = new double[frames][3 * N];
            for (int i = 0; i < N; i++) {
                species[i] = i < N_AG ? "Ag" : "Te";
                ids[i] = 1000 + 7L * i; // sorted, not contiguous
            }
        }

        int frames() { return pos.length; }

        /** Wrapped copy of frame f's position k (into [lo, lo + L)). */
        double wrapped(int f, int k) {
            int d = k % 3;
            return LO[d] + mod(pos[f][k] - LO[d], L[d]);
        }

        /** Image count of frame f's position k. */
        int image(int f, int k) {
            int d = k % 3;
            return (int) Math.floor((pos[f][k] - LO[d]) / L[d]);
        }

        /** Largest |image| over the trajectory (to check that atoms crossed the boundaries). */
        int maxImage() {
            int m = 0;
            for (int f = 0; f < frames(); f++) for (int k = 0; k < 3 * N; k++) m = Math.max(m, Math.abs(image(f, k)));
            return m;
        }
    }

    static double mod(double a, double l) {
        double r = a - l * Math.floor(a / l);
        return r >= l ? r - l : r;
    }

    /** Walkers that start inside the box and drift 0.12–0.2 Å per frame plus noise. */
    static Traj walkers(int frames, long seed) {
        Random rnd = new Random(seed);
        Traj t = new Traj(frames);
        double[] drift = new double[3 * N];
        for (int k = 0; k < 3 * N; k++) {
            int d = k % 3;
            t.pos[0][k] = LO[d] + (0.05 + 0.9 * rnd.nextDouble()) * L[d];
            drift[k] = (rnd.nextBoolean() ? 1 : -1) * (0.12 + 0.08 * rnd.nextDouble());
        }
        for (int f = 0; f < frames; f++) {
            for (int k = 0; k < 3 * N; k++) {
                if (f > 0) t.pos[f][k] = t.pos[f - 1][k] + drift[k] + 0.25 * rnd.nextGaussian();
                t.vel[f][k] = 3.0 * rnd.nextGaussian();
            }
        }
        return t;
    }

    /** Makes atom {@code atom} move exactly {@code dx} along x from frame {@code from} − 1 to {@code from} (a jump). */
    static void jump(Traj t, int from, int atom, double dx) {
        double shift = dx - (t.pos[from][3 * atom] - t.pos[from - 1][3 * atom]);
        for (int f = from; f < t.frames(); f++) t.pos[f][3 * atom] += shift;
    }

    static String num(double v) {
        return Double.toString(v);
    }

    /** Box bounds lines of a LAMMPS dump. */
    static void lammpsHeader(StringBuilder sb, long step, int n) {
        sb.append("ITEM: TIMESTEP\n").append(step).append('\n');
        sb.append("ITEM: NUMBER OF ATOMS\n").append(n).append('\n');
        sb.append("ITEM: BOX BOUNDS pp pp pp\n");
        for (int d = 0; d < 3; d++) sb.append(num(LO[d])).append(' ').append(num(LO[d] + L[d])).append('\n');
    }

    /** (a) {@code id type x y z ix iy iz vx vy vz}, atoms in id order, wrapped positions with image flags. */
    static String dumpImages(Traj t) {
        StringBuilder sb = new StringBuilder();
        for (int f = 0; f < t.frames(); f++) {
            lammpsHeader(sb, f * STEPS_PER_FRAME, N);
            sb.append("ITEM: ATOMS id type x y z ix iy iz vx vy vz\n");
            for (int i = 0; i < N; i++) {
                sb.append(t.ids[i]).append(' ').append(t.species[i].equals("Ag") ? 1 : 2);
                for (int d = 0; d < 3; d++) sb.append(' ').append(num(t.wrapped(f, 3 * i + d)));
                for (int d = 0; d < 3; d++) sb.append(' ').append(t.image(f, 3 * i + d));
                for (int d = 0; d < 3; d++) sb.append(' ').append(num(t.vel[f][3 * i + d]));
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * (b) unwrapped {@code xu yu zu} in a shuffled column order with an element column and extra
     * columns, atoms shuffled within each frame, {@code ITEM: UNITS} and {@code ITEM: TIME}.
     */
    static String dumpUnwrappedShuffled(Traj t, long seed) {
        Random rnd = new Random(seed);
        String[] cols = {"vz", "zu", "element", "c_pe", "id", "yu", "vx", "type", "xu", "vy"};
        StringBuilder sb = new StringBuilder();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < N; i++) order.add(i);
        for (int f = 0; f < t.frames(); f++) {
            sb.append("ITEM: UNITS\nmetal\nITEM: TIME\n").append(num(f * INTERVAL_PS)).append('\n');
            lammpsHeader(sb, 5000 + f * STEPS_PER_FRAME, N);
            sb.append("ITEM: ATOMS ").append(String.join(" ", cols)).append('\n');
            Collections.shuffle(order, rnd);
            for (int i : order) {
                List<String> v = new ArrayList<>();
                for (String c : cols) {
                    switch (c) {
                        case "vx" -> v.add(num(t.vel[f][3 * i]));
                        case "vy" -> v.add(num(t.vel[f][3 * i + 1]));
                        case "vz" -> v.add(num(t.vel[f][3 * i + 2]));
                        case "xu" -> v.add(num(t.pos[f][3 * i]));
                        case "yu" -> v.add(num(t.pos[f][3 * i + 1]));
                        case "zu" -> v.add(num(t.pos[f][3 * i + 2]));
                        case "element" -> v.add(t.species[i]);
                        case "type" -> v.add(t.species[i].equals("Ag") ? "1" : "2");
                        case "id" -> v.add(Long.toString(t.ids[i]));
                        case "c_pe" -> v.add("-2.5");
                        default -> throw new IllegalStateException(c);
                    }
                }
                sb.append(String.join("\t", v)).append('\n');
            }
        }
        return sb.toString();
    }

    /** (c) scaled wrapped {@code id type xs ys zs}, no image flags, no velocities. */
    static String dumpScaledWrapped(Traj t) {
        StringBuilder sb = new StringBuilder();
        for (int f = 0; f < t.frames(); f++) {
            lammpsHeader(sb, f * STEPS_PER_FRAME, N);
            sb.append("ITEM: ATOMS id type xs ys zs\n");
            for (int i = 0; i < N; i++) {
                sb.append(t.ids[i]).append(' ').append(t.species[i].equals("Ag") ? 1 : 2);
                for (int d = 0; d < 3; d++) sb.append(' ').append(num((t.wrapped(f, 3 * i + d) - LO[d]) / L[d]));
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** Cartesian wrapped {@code id type x y z}, no image flags, no velocities. */
    static String dumpWrapped(Traj t) {
        StringBuilder sb = new StringBuilder();
        for (int f = 0; f < t.frames(); f++) {
            lammpsHeader(sb, f * STEPS_PER_FRAME, N);
            sb.append("ITEM: ATOMS id type x y z\n");
            for (int i = 0; i < N; i++) {
                sb.append(t.ids[i]).append(' ').append(t.species[i].equals("Ag") ? 1 : 2);
                for (int d = 0; d < 3; d++) sb.append(' ').append(num(t.wrapped(f, 3 * i + d)));
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * (d) extended XYZ as GPUMD writes it: wrapped positions, velocities in Å/fs, Time= in fs, extra
     * properties around the used ones.
     */
    static String extxyz(Traj t) {
        StringBuilder sb = new StringBuilder();
        for (int f = 0; f < t.frames(); f++) {
            sb.append(N).append('\n');
            sb.append("Time=").append(num(f * INTERVAL_PS * 1e3)).append(" energy=-123.4 Lattice=\"")
                    .append(num(L[0])).append(" 0.0 0.0 0.0 ").append(num(L[1])).append(" 0.0 0.0 0.0 ").append(num(L[2]))
                    .append("\" pbc=\"T T T\" Properties=species:S:1:mass:R:1:pos:R:3:vel:R:3:forces:R:3:tag:I:1\n");
            for (int i = 0; i < N; i++) {
                sb.append(t.species[i]).append(' ').append(t.species[i].equals("Ag") ? "107.8682" : "127.6");
                for (int d = 0; d < 3; d++) sb.append(' ').append(num(t.wrapped(f, 3 * i + d)));
                for (int d = 0; d < 3; d++) sb.append(' ').append(num(t.vel[f][3 * i + d] / 1000.0));
                sb.append(" 0.1 -0.2 0.3 ").append(i).append('\n');
            }
        }
        return sb.toString();
    }

    static Path write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        try (Writer w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
            w.write(text);
        }
        return p;
    }

    /** All frames of a run read back from its shards: [frame][3N] positions and velocities (or null), times. */
    static final class ReadBack {
        final List<double[]> pos = new ArrayList<>();
        final List<double[]> vel = new ArrayList<>();
        final List<Double> time = new ArrayList<>();
        final List<String[]> species = new ArrayList<>();
        int shards;
    }

    static ReadBack readBack(Archive archive, String runId) throws IOException {
        ReadBack rb = new ReadBack();
        List<Integer> shards = archive.shardIndices(runId);
        rb.shards = shards.size();
        for (int k : shards) {
            FrameShard s = FrameShardReader.read(archive, runId, k);
            s.validate();
            assertEquals(rb.pos.size(), s.firstFrame(), "shards hold contiguous frames");
            for (int f = s.firstFrame(); f <= s.lastFrame(); f++) {
                rb.pos.add(s.framePositions(f));
                rb.vel.add(s.frameVelocities(f));
                rb.time.add(s.frameTimePs(f));
                int n = s.atomsPerFrame();
                int off = (f - s.firstFrame()) * n;
                String[] sp = new String[n];
                System.arraycopy(s.species(), off, sp, 0, n);
                rb.species.add(sp);
            }
        }
        return rb;
    }

    /** |stored − expected| within one float ulp of the expected value (plus 1e-12 for rounding in double). */
    static void assertFloatEquals(double expected, double actual, String what) {
        double tol = Math.ulp((float) expected) + 1e-12;
        assertTrue(Math.abs(expected - actual) <= tol, what + ": expected " + expected + " (float " + (float) expected
                + "), got " + actual + ", |diff| " + Math.abs(expected - actual) + " > " + tol);
    }

    /** Every file and directory under a local directory, relative, sorted (hidden ones included). */
    static List<String> listing(Path dir) throws IOException {
        if (!Files.exists(dir)) return List.of();
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !p.equals(dir))
                    .map(p -> dir.relativize(p).toString().replace('\\', '/') + (Files.isDirectory(p) ? "/" : ""))
                    .sorted().collect(Collectors.toList());
        }
    }
}
