package io.ionflow.analyze.transport;

/** The transport analysis of a run: the MSD of the positions or the VACF of the velocities. */
public enum Method {
    MSD("msd", "x", "y", "z"),
    VACF("vacf", "vx", "vy", "vz");

    private final String method;
    private final String[] cols;

    Method(String method, String... cols) {
        this.method = method;
        this.cols = cols;
    }

    /** @return the method name in diffusion.csv ({@code msd} / {@code vacf}) */
    public String method() {
        return method;
    }

    /** @return the three columns as a message lists them */
    public String columns() {
        return String.join(", ", cols);
    }

    /** @return the three per-atom columns the analysis reads (the shared array: not to be modified) */
    String[] cols() {
        return cols;
    }
}
