package io.ionflow.simulate.archive;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

import java.util.Map;

/**
 * Writes one atom of one frame as one record of {@link ArchiveSchemas#FRAMES}. The record is a
 * mutable {@link Row} that the shard writer refills for every atom, so writing allocates nothing.
 */
final class FrameRowWriteSupport extends WriteSupport<FrameRowWriteSupport.Row> {

    /** The row being written; units Å (positions) and Å/ps (velocities). */
    static final class Row {
        int frame;
        double timePs;
        int atom;
        Binary species;
        float x, y, z;
        boolean hasVelocity;
        float vx, vy, vz;
    }

    private final Map<String, String> metadata;
    private RecordConsumer rc;

    FrameRowWriteSupport(Map<String, String> metadata) {
        this.metadata = metadata;
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(ArchiveSchemas.FRAMES, metadata);
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.rc = recordConsumer;
    }

    @Override
    public void write(Row r) {
        rc.startMessage();
        rc.startField("frame", 0);
        rc.addInteger(r.frame);
        rc.endField("frame", 0);
        rc.startField("time_ps", 1);
        rc.addDouble(r.timePs);
        rc.endField("time_ps", 1);
        rc.startField("atom", 2);
        rc.addInteger(r.atom);
        rc.endField("atom", 2);
        rc.startField("species", 3);
        rc.addBinary(r.species);
        rc.endField("species", 3);
        floatField(4, "x", r.x);
        floatField(5, "y", r.y);
        floatField(6, "z", r.z);
        if (r.hasVelocity) { // absent optional fields are written as nulls
            floatField(7, "vx", r.vx);
            floatField(8, "vy", r.vy);
            floatField(9, "vz", r.vz);
        }
        rc.endMessage();
    }

    private void floatField(int index, String name, float v) {
        rc.startField(name, index);
        rc.addFloat(v);
        rc.endField(name, index);
    }
}
