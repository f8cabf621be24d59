package io.ionflow.simulate.xyz;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@link XyzStructure}s as extended XYZ (GPUMD/ASE training-set convention), one after another:
 * the atom count, the comment line from {@link XyzStructure#keys()} (values quoted when they contain
 * blanks) and one line per atom from {@link XyzStructure#atoms()}. Reading the output back with
 * {@link ExtxyzStructureReader} gives the same keys, columns and numbers. Units are those of the
 * structure (Å, eV, eV/Å); to add IonFlow's energy, forces and virial first use {@link XyzResults#merge}.
 */
public final class ExtxyzStructureWriter implements Closeable {
    private final Writer out;

    public ExtxyzStructureWriter(Writer out) {
        this.out = out instanceof BufferedWriter ? out : new BufferedWriter(out, 1 << 16);
    }

    /** Creates (or truncates) a file, UTF-8. */
    public static ExtxyzStructureWriter open(Path file) throws IOException {
        return new ExtxyzStructureWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    /** Appends one structure. */
    public void write(XyzStructure s) throws IOException {
        out.write(Integer.toString(s.atomCount()));
        out.write('\n');
        out.write(CommentLine.format(s.keys()));
        out.write('\n');
        StringBuilder sb = new StringBuilder(128);
        for (String[] atom : s.atoms()) {
            sb.setLength(0);
            for (int c = 0; c < atom.length; c++) {
                if (c > 0) sb.append(' ');
                sb.append(atom[c]);
            }
            sb.append('\n');
            out.write(sb.toString());
        }
    }

    /** Writes out buffered text (an error here, e.g. a full disk, is reported before the file is used). */
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
