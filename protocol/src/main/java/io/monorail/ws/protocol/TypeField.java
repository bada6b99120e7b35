package io.monorail.ws.protocol;

/**
 * Which field names the resource in a frame. RackHD clients send {@code resource}; everything else
 * sends {@code type}. A response uses the name its request used.
 */
public enum TypeField {
    TYPE("type"),
    RESOURCE("resource");

    private final String fieldName;

    TypeField(String fieldName) {
        this.fieldName = fieldName;
    }

    public String fieldName() {
        return fieldName;
    }
}
