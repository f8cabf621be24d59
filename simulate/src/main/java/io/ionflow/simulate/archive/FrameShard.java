package io.ionflow.simulate.archive;

import org.apache.hadoop.fs.Path;

import java.util.Map;

/**
 * The rows of one trajectory shard in file order, column by column. Arrays are returned without
 * copying (do not modify them). Positions are unwrapped Cartesian, Å; velocities Å/ps.
 */
public final class FrameShard {
    private final Path file;
    private final Map<String, String> metadata;
    private final int[] frames;
    private final double[] timesPs;
    private final int[] atoms;
    private final String[] species;
    private final float[] positions;
    private final float[] velocities;

    FrameShard(Path file, Map<String, String> metadata, int[] frames, double[] timesPs, int[] atoms,
               String[] species, float[] positions, float[] velocities) {
        this.file = file;
        this.metadata = Map.copyOf(metadata);
        this.frames = frames;
        this.timesPs = timesPs;
        this.atoms = atoms;
        this.species = species;
        this.positions = positions;
        this.velocities = velocities;
    }

    /** The file the rows came from. */
    public Path file() { return file; }

    /** Footer key/value metadata (IonFlow writes {@code ionflow.run_id}, {@code ionflow.shard}). */
    public Map<String, String> metadata() { return metadata; }

    public int rowCount() { return frames.length; }

    /** Column {@code frame}, one entry per row. */
    public int[] frames() { return frames; }

    /** Column {@code time_ps}, ps. */
    public double[] timesPs() { return timesPs; }

    /** Column {@code atom}. */
    public int[] atoms() { return atoms; }

    /** Column {@code species}. */
    public String[] species() { return species; }

    /** Columns x, y, z interleaved, 3 per row, Å. */
    public float[] positions() { return positions; }

    /**
     * Columns vx, vy, vz interleaved, 3 per row, Å/ps; null when no row has velocities, NaN in rows
     * whose velocities are null.
     */
    public float[] velocities() { return velocities; }

    /** First frame number, or -1 for an empty shard. */
    public int firstFrame() { return frames.length == 0 ? -1 : frames[0]; }

    /** Last frame number, or -1 for an empty shard. */
    public int lastFrame() { return frames.length == 0 ? -1 : frames[frames.length - 1]; }

    /** Number of frames, assuming the layout {@link #validate()} verifies. */
    public int frameCount() { return frames.length == 0 ? 0 : lastFrame() - firstFrame() + 1; }

    /** Atoms per frame, assuming the layout {@link #validate()} verifies. */
    public int atomsPerFrame() { return frames.length == 0 ? 0 : frames.length / frameCount(); }

    /**
     * Verifies the contract layout and values: rows sorted by (frame, atom), contiguous frames,
     * every frame holding atoms 0..N-1 with one finite time, finite positions.
     *
     * @throws ArchiveFormatException naming the file, row and frame of the first violation
     */
    public void validate() throws ArchiveFormatException {
        int rows = frames.length;
        if (rows == 0) return;
        int n = 0;
        while (n < rows && frames[n] == frames[0]) n++;
        if (rows % n != 0) {
            throw new ArchiveFormatException(file, "frame " + frames[0] + " has " + n + " rows but the shard has "
                    + rows + " rows, not a multiple");
        }
        for (int i = 0; i < rows; i++) {
            int expectFrame = frames[0] + i / n;
            int expectAtom = i % n;
            if (frames[i] != expectFrame || atoms[i] != expectAtom) {
                throw new ArchiveFormatException(file, "row " + i + " is (frame " + frames[i] + ", atom " + atoms[i]
                        + ") but (frame " + expectFrame + ", atom " + expectAtom + ") was expected: rows must be"
                        + " sorted by (frame, atom) with contiguous frames and atoms 0.." + (n - 1));
            }
            for (int c = 0; c < 3; c++) {
                if (!Float.isFinite(positions[3 * i + c])) {
                    throw new ArchiveFormatException(file, "frame " + frames[i] + ", atom " + atoms[i] + ": "
                            + "xyz".charAt(c) + " is " + positions[3 * i + c]);
                }
            }
            if (!Double.isFinite(timesPs[i])) {
                throw new ArchiveFormatException(file, "frame " + frames[i] + ": time_ps is " + timesPs[i]);
            }
            if (timesPs[i] != timesPs[i - expectAtom]) {
                throw new ArchiveFormatException(file, "frame " + frames[i] + " has two times: "
                        + timesPs[i - expectAtom] + " and " + timesPs[i] + " ps");
            }
        }
    }

    /** Positions of one frame as [x0, y0, z0, x1, …], Å (requires the {@link #validate()} layout). */
    public double[] framePositions(int frame) {
        return frameSlice(positions, frame);
    }

    /** Velocities of one frame, Å/ps, or null when the shard has none (NaN where a row has none). */
    public double[] frameVelocities(int frame) {
        return velocities == null ? null : frameSlice(velocities, frame);
    }

    /** Time of one frame, ps. */
    public double frameTimePs(int frame) {
        return timesPs[frameOffset(frame) / 3];
    }

    private double[] frameSlice(float[] xyz, int frame) {
        int n3 = 3 * atomsPerFrame();
        int start = frameOffset(frame);
        double[] out = new double[n3];
        for (int k = 0; k < n3; k++) out[k] = xyz[start + k];
        return out;
    }

    private int frameOffset(int frame) {
        if (frame < firstFrame() || frame > lastFrame()) {
            throw new IllegalArgumentException(file + ": frame " + frame + " is not in this shard (frames "
                    + firstFrame() + ".." + lastFrame() + ")");
        }
        return 3 * (frame - firstFrame()) * atomsPerFrame();
    }
}
