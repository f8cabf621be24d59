package io.ionflow.simulate.archive;

import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * One contract column: its name, its Spark-level type and whether it may hold nulls. {@link #check}
 * decides whether a column of some Parquet file has that type, accepting every physical layout
 * Spark itself reads as that type (required or optional; 3-level or legacy 2-level lists).
 */
record ColumnSpec(String name, Kind kind, boolean array, boolean nullable) {

    /** Spark SQL type names of the contract. */
    enum Kind {
        INT("int"), BIGINT("bigint"), FLOAT("float"), DOUBLE("double"), STRING("string");

        final String sqlName;

        Kind(String sqlName) { this.sqlName = sqlName; }

        boolean matches(PrimitiveType t) {
            LogicalTypeAnnotation a = t.getLogicalTypeAnnotation();
            return switch (this) {
                case INT -> t.getPrimitiveTypeName() == PrimitiveTypeName.INT32
                        && (a == null || a.equals(LogicalTypeAnnotation.intType(32, true)));
                case BIGINT -> t.getPrimitiveTypeName() == PrimitiveTypeName.INT64
                        && (a == null || a.equals(LogicalTypeAnnotation.intType(64, true)));
                case FLOAT -> t.getPrimitiveTypeName() == PrimitiveTypeName.FLOAT && a == null;
                case DOUBLE -> t.getPrimitiveTypeName() == PrimitiveTypeName.DOUBLE && a == null;
                case STRING -> t.getPrimitiveTypeName() == PrimitiveTypeName.BINARY
                        && a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation;
            };
        }
    }

    static ColumnSpec of(String name, Kind kind, boolean nullable) {
        return new ColumnSpec(name, kind, false, nullable);
    }

    static ColumnSpec arrayOf(String name, Kind element) {
        return new ColumnSpec(name, element, true, false);
    }

    /** The contract type as Spark prints it, e.g. {@code float} or {@code array<double>}. */
    String sqlType() {
        return array ? "array<" + kind.sqlName + ">" : kind.sqlName;
    }

    /** Returns null when {@code t} has this column's type, otherwise the reason it does not. */
    String check(Type t) {
        String wrong = "has Parquet type '" + t.toString().strip().replaceAll("\\s+", " ")
                + "' but the contract type is " + sqlType();
        if (t.isRepetition(Type.Repetition.REPEATED)) return wrong;
        if (!array) {
            return t.isPrimitive() && kind.matches(t.asPrimitiveType()) ? null : wrong;
        }
        if (t.isPrimitive() || !(t.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation)) {
            return wrong;
        }
        Type element = listElement(t.asGroupType());
        return element != null && element.isPrimitive() && kind.matches(element.asPrimitiveType()) ? null : wrong;
    }

    /** A Parquet column's type as Spark SQL names it ({@code int}, {@code bigint}, {@code array<double>}, …). */
    static String sqlName(Type t) {
        LogicalTypeAnnotation a = t.getLogicalTypeAnnotation();
        if (!t.isPrimitive()) {
            Type element = a instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation ? listElement(t.asGroupType()) : null;
            if (element != null) return "array<" + sqlName(element) + ">";
            return a instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation ? "map" : "struct";
        }
        String name = primitiveName(t.asPrimitiveType());
        return t.isRepetition(Type.Repetition.REPEATED) ? "array<" + name + ">" : name;
    }

    private static String primitiveName(PrimitiveType t) {
        LogicalTypeAnnotation a = t.getLogicalTypeAnnotation();
        if (a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation) return "string";
        if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
            return "decimal(" + d.getPrecision() + "," + d.getScale() + ")";
        }
        if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) return "date";
        if (a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) return "timestamp";
        if (a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && i.getBitWidth() < 32) {
            return i.getBitWidth() == 8 ? "tinyint" : "smallint";
        }
        return switch (t.getPrimitiveTypeName()) {
            case INT32 -> "int";
            case INT64 -> "bigint";
            case INT96 -> "timestamp";
            case FLOAT -> "float";
            case DOUBLE -> "double";
            case BOOLEAN -> "boolean";
            case BINARY, FIXED_LEN_BYTE_ARRAY -> "binary";
        };
    }

    /** The element of a LIST group (3-level standard or 2-level legacy layout), or null. */
    private static Type listElement(GroupType list) {
        if (list.getFieldCount() != 1) return null;
        Type repeated = list.getType(0);
        if (!repeated.isRepetition(Type.Repetition.REPEATED)) return null;
        if (repeated.isPrimitive()) return repeated; // legacy 2-level: repeated <element>
        GroupType g = repeated.asGroupType();
        return g.getFieldCount() == 1 ? g.getType(0) : null;
    }
}
