package io.ionflow.simulate.archive;

import java.io.IOException;

/** Recognises an exhausted disk behind any wrapping, so the user gets one line naming the file being written. */
public final class DiskFull {
    private DiskFull() {}

    /** @return true if {@code e} or one of its causes says the device is full (ENOSPC, or a quota) */
    public static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded")
                    || m.contains("DSQuotaExceededException") || m.contains("not enough space"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * @param e     the failure
     * @param file  what was being written
     * @param kept  what is kept and how to go on, e.g. "the shards committed before it are kept; …"
     * @return a one-line exception for a full disk, or {@code e} itself
     */
    public static IOException explain(IOException e, Object file, String kept) {
        if (!is(e)) {
            return e;
        }
        return new IOException("no space left on device while writing " + file + "; " + kept, e);
    }
}
