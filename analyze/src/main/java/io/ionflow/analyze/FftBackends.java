package io.ionflow.analyze;

import java.lang.reflect.InvocationTargetException;
import java.util.Locale;

/**
 * Which FFT library the MSD and VACF kernels use. System property {@value #PROPERTY}:
 * <ul>
 *   <li>{@code auto} (default): FFTW if its jars are on the class path and the native library
 *       loads, otherwise JTransforms;</li>
 *   <li>{@code jtransforms}: always JTransforms (pure Java, BSD, bundled in ionflow.jar);</li>
 *   <li>{@code fftw}: FFTW, failing with an {@link IllegalStateException} if it cannot be loaded.</li>
 * </ul>
 * FFTW (GPL-2.0+) is not shipped with IonFlow; a user adds {@code org.bytedeco:fftw:3.3.10-1.5.13}
 * and {@code org.bytedeco:javacpp:1.5.13}, each with its platform jar (e.g. classifier
 * {@code linux-x86_64}), to the class path. The choice is made once, at first use, and logged
 * (logger {@code io.ionflow.analyze.fft}, INFO); an accumulator keeps the backend it was created with.
 */
public final class FftBackends {
    /** System property selecting the backend: auto, jtransforms or fftw. */
    public static final String PROPERTY = "ionflow.fft";

    private static final System.Logger LOG = System.getLogger("io.ionflow.analyze.fft");
    private static volatile FftBackend current;

    private FftBackends() {}

    /**
     * The backend new accumulators use, chosen from {@value #PROPERTY} on first call.
     *
     * @return the backend
     */
    static FftBackend current() {
        FftBackend b = current;
        if (b == null) {
            synchronized (FftBackends.class) {
                b = current;
                if (b == null) {
                    String choice = System.getProperty(PROPERTY, "auto");
                    b = byChoice(choice);
                    LOG.log(System.Logger.Level.INFO, "IonFlow FFT backend: {0} ({1}={2})", b.name(), PROPERTY, choice);
                    current = b;
                }
            }
        }
        return b;
    }

    /**
     * Selects the backend for accumulators created from now on (benchmarks, tests); overrides
     * {@value #PROPERTY}.
     *
     * @param choice {@code auto}, {@code jtransforms} or {@code fftw}
     * @return the name of the selected backend
     * @throws IllegalStateException    if {@code fftw} is asked for but cannot be loaded
     * @throws IllegalArgumentException for any other value
     */
    public static synchronized String select(String choice) {
        FftBackend b = byChoice(choice);
        current = b;
        return b.name();
    }

    /** @return the name of the backend new accumulators use, e.g. {@code jtransforms} or {@code fftw-3.3.10-sse2-avx} */
    public static String name() {
        return current().name();
    }

    /** @return whether the FFTW backend is loadable in this JVM */
    public static boolean fftwAvailable() {
        return Fftw.BACKEND != null;
    }

    /** @return why FFTW is not loadable, or {@code null} if it is */
    public static String fftwUnavailableReason() {
        return Fftw.ERROR == null ? null : Fftw.ERROR.toString();
    }

    static FftBackend byChoice(String choice) {
        switch (choice.trim().toLowerCase(Locale.ROOT)) {
            case "jtransforms":
                return JTransformsBackend.INSTANCE;
            case "fftw":
                if (Fftw.BACKEND == null) {
                    throw new IllegalStateException(PROPERTY + "=fftw but FFTW cannot be loaded (add org.bytedeco:fftw:"
                            + "3.3.10-1.5.13 and org.bytedeco:javacpp:1.5.13 with their platform jars to the class "
                            + "path): " + Fftw.ERROR, Fftw.ERROR);
                }
                return Fftw.BACKEND;
            case "auto":
                return Fftw.BACKEND != null ? Fftw.BACKEND : JTransformsBackend.INSTANCE;
            default:
                throw new IllegalArgumentException(PROPERTY + " must be auto, jtransforms or fftw, got '" + choice + "'");
        }
    }

    /** Loads FFTW once, on first need; JTransforms-only code paths never load this class. */
    private static final class Fftw {
        static final FftBackend BACKEND;
        static final Throwable ERROR;

        static {
            FftBackend b = null;
            Throwable err = null;
            try {
                Class<?> c = Class.forName("io.ionflow.analyze.FftwBackend");
                b = (FftBackend) c.getDeclaredMethod("load").invoke(null);
            } catch (InvocationTargetException e) {
                err = e.getCause();
            } catch (Throwable t) { // NoClassDefFoundError, UnsatisfiedLinkError, ...: fall back
                err = t;
            }
            BACKEND = b;
            ERROR = err;
            if (err != null) {
                LOG.log(System.Logger.Level.DEBUG, "FFTW backend not available, using JTransforms: {0}", err.toString());
            }
        }
    }
}
