package io.ionflow.jobs.archive;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The jobs' one schema notation against the schema Spark's own builders make. */
class TableSchemaTest {
    @Test
    void typesNullabilityAndArrays() {
        StructType expected = new StructType().add("run_id", DataTypes.StringType, false)
                .add("frame", DataTypes.IntegerType, false).add("f_u", DataTypes.DoubleType)
                .add("diffusive", DataTypes.BooleanType).add("dos_counts", DataTypes.createArrayType(DataTypes.DoubleType), false);
        assertEquals(expected, Tables.schema("run_id:s!", "frame:i!", "f_u:d", "diffusive:b", "dos_counts:d[]!"));
        StructField counts = Tables.schema("c:d[]").fields()[0];
        assertEquals(true, counts.nullable());
        assertEquals(true, ((ArrayType) counts.dataType()).containsNull(), "as DataTypes.createArrayType makes it");
        assertThrows(IllegalArgumentException.class, () -> Tables.schema("x:q"));
    }
}
