package io.djflink.ops;

/** The value types an op parameter can take, as Data-Juicer's signatures declare them. */
public enum ParamType {
    BOOL("bool"),
    INT("int"),
    FLOAT("float"),
    STRING("str"),
    /** A list of strings. */
    STRING_LIST("List[str]"),
    /** A string or a list of strings (Data-Juicer's {@code Union[str, List[str]]}). */
    STRING_OR_LIST("Union[str, List[str]]"),
    /** A list of any JSON values. */
    LIST("List"),
    MAP("Dict"),
    ANY("any");

    private final String display;

    ParamType(String display) {
        this.display = display;
    }

    public String display() {
        return display;
    }
}
