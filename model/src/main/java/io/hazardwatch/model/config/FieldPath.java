package io.hazardwatch.model.config;

import com.fasterxml.jackson.databind.JsonMappingException;

/** Names the field a Jackson mapping error is about, as people write it: {@code enterprises[0].devices[1].id}. */
public final class FieldPath {

    private FieldPath() {
    }

    public static String of(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            }
        }
        return path.length() == 0 ? "(root)" : path.toString();
    }
}
