package cn.grid.request.domain;

/** The data types of a category's extra fields — Open311 GeoReport v2's attribute datatypes. */
public enum FieldType {
    STRING,
    NUMBER,
    DATETIME,
    TEXT,
    SINGLE_VALUE_LIST,
    MULTI_VALUE_LIST;

    /** The name Open311 gives the type ({@code singlevaluelist} ...). */
    public String open311Name() {
        return name().replace("_", "").toLowerCase();
    }
}
