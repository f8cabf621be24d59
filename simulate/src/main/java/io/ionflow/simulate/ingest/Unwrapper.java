package io.ionflow.simulate.ingest;

/**
 * Unwraps positions that were wrapped into an orthorhombic periodic box, frame by frame, with the
 * minimum-image rule: between consecutive frames each atom is assumed to have moved by the
 * shortest periodic displacement, so its unwrapped position is the previous one plus that
 * displacement. The first frame is taken as it is. Already unwrapped positions pass through
 * unchanged (their displacements are their own minimum images).
 *
 * <p><b>Ambiguous jumps.</b> Wrapped positions cannot tell a move of more than half a box length
 * from a shorter move the other way. To catch frames where that assumption fails, a displacement
 * whose minimum image exceeds {@code maxJumpFraction} of the box length along any axis is refused
 * with {@link JumpException}. With the default {@value #DEFAULT_MAX_JUMP_FRACTION}, moves between
 * 0.4 and 0.6 box lengths per frame (those around the half-box ambiguity) are refused; moves of more
 * than 1 − f box lengths look like short moves and cannot be detected by any unwrapper. With
 * {@code maxJumpFraction} 0.5 nothing is refused. Frames written so sparsely that atoms travel a
 * sizeable fraction of the box between them should carry image flags or unwrapped coordinates.
 *
 * <p>Keeps the integer image count of every coordinate (not a running sum), so long trajectories
 * accumulate no rounding error: unwrapped = wrapped + image × L. Not thread-safe.
 */
public final class Unwrapper {
    /** Default largest accepted minimum-image move per frame, in box lengths. */
    public static final double DEFAULT_MAX_JUMP_FRACTION = 0.4;

    /** An atom moved too far between two frames for its unwrapped path to be certain. */
    public static final class JumpException extends Exception {
        private final int atom;
        private final int axis;
        private final double displacement;
        private final double boxLength;

        JumpException(int atom, int axis, double displacement, double boxLength, double maxFraction) {
            super(String.format(java.util.Locale.ROOT, "atom %d moved %.4g Å along %s (minimum image, %.3f of the %.6g Å"
                            + " box length) since the previous frame, more than %.3g box lengths", atom, displacement,
                    "xyz".charAt(axis), Math.abs(displacement) / boxLength, boxLength, maxFraction));
            this.atom = atom;
            this.axis = axis;
            this.displacement = displacement;
            this.boxLength = boxLength;
        }

        /** 0-based index of the atom. */
        public int atom() { return atom; }

        /** 0, 1, 2 for x, y, z. */
        public int axis() { return axis; }

        /** Minimum-image displacement along the axis, Å. */
        public double displacement() { return displacement; }

        public double boxLength() { return boxLength; }
    }

    private final double[] len;
    private final double maxJumpFraction;
    private double[] previous;
    private int[] image;

    /**
     * @param boxLengths      edge lengths of the box along x, y, z, Å (constant through the trajectory)
     * @param maxJumpFraction largest accepted minimum-image move per frame, in box lengths, in (0, 0.5]
     */
    public Unwrapper(double[] boxLengths, double maxJumpFraction) {
        if (boxLengths == null || boxLengths.length != 3) throw new IllegalArgumentException("need 3 box lengths");
        for (double l : boxLengths) {
            if (!(l > 0) || !Double.isFinite(l)) throw new IllegalArgumentException("box lengths must be positive, got " + l);
        }
        if (!(maxJumpFraction > 0 && maxJumpFraction <= 0.5)) {
            throw new IllegalArgumentException("the largest jump must be in (0, 0.5] box lengths, got " + maxJumpFraction);
        }
        this.len = boxLengths.clone();
        this.maxJumpFraction = maxJumpFraction;
    }

    public double maxJumpFraction() { return maxJumpFraction; }

    /**
     * Unwraps the next frame.
     *
     * @param wrapped positions [x0, y0, z0, x1, …], Å, same atom count as earlier frames
     * @return a new array of unwrapped positions
     * @throws JumpException when an atom moved more than the limit (the unwrapper is unchanged)
     */
    public double[] unwrap(double[] wrapped) throws JumpException {
        if (previous == null) {
            previous = wrapped.clone();
            image = new int[wrapped.length];
            return wrapped.clone();
        }
        if (wrapped.length != previous.length) {
            throw new IllegalArgumentException("frame has " + wrapped.length / 3 + " atoms, the previous one " + previous.length / 3);
        }
        int n3 = wrapped.length;
        for (int k = 0; k < n3; k++) {
            double l = len[k % 3];
            double d = wrapped[k] - previous[k];
            double dm = d - l * Math.rint(d / l);
            if (Math.abs(dm) > maxJumpFraction * l) throw new JumpException(k / 3, k % 3, dm, l, maxJumpFraction);
        }
        double[] out = new double[n3];
        for (int k = 0; k < n3; k++) {
            double l = len[k % 3];
            image[k] -= (int) Math.rint((wrapped[k] - previous[k]) / l);
            out[k] = wrapped[k] + image[k] * l;
            previous[k] = wrapped[k];
        }
        return out;
    }
}
