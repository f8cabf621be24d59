package io.ionflow.analyze.inm;

/** Run in a fresh JVM by {@link SymmetricEigenTest}: the native LAPACK's name, and its spectrum against EJML's. */
public final class SystemLapackCheck {
    private SystemLapackCheck() {}

    public static void main(String[] args) {
        if (!LapackEigen.nativeAvailable()) {
            System.out.println("native LAPACK did not load: " + LapackEigen.nativeUnavailableReason());
            System.exit(3);
        }
        System.out.println(LapackEigen.nativeInstance().name());
        int n = 60;
        java.util.Random r = new java.util.Random(4);
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = r.nextGaussian();
        }
        double[] x = LapackEigen.nativeInstance().decompose(a.clone(), n, false).values();
        double[] y = EjmlEigen.DEFAULT.decompose(a.clone(), n, false).values();
        java.util.Arrays.sort(x);
        java.util.Arrays.sort(y); // EJML's come unordered
        for (int k = 0; k < n; k++) {
            if (Math.abs(x[k] - y[k]) > 1e-9 * Math.max(Math.abs(y[0]), Math.abs(y[n - 1]))) {
                System.out.println("eigenvalue " + k + ": " + x[k] + " vs EJML " + y[k]);
                System.exit(4);
            }
        }
    }
}
