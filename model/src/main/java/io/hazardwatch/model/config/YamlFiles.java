package io.hazardwatch.model.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The one reader of the files people write (registry, users, alerting policy, scenarios): YAML, or JSON for a
 * {@code .json} file, read strictly (an unknown field is an error: a misspelt key must not silently become its
 * default) into a typed record. A file that does not fit fails with a {@link ConfigException} naming the field
 * as people write it: {@code enterprises[0].devices[0].sensors[2].type: invalid value 'PLUTONIUM'}.
 */
public final class YamlFiles {

    /**
     * The largest file read: SnakeYAML's default (3 M characters) is a registry of ~6 000 devices, fewer than a park
     * has (issue 17: 20 000 devices with a login each are ~10 MB).
     */
    static final int MAX_CHARACTERS = 64 * 1024 * 1024;

    private static final ObjectMapper YAML = strict(new ObjectMapper(YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build()));
    private static final ObjectMapper JSON = strict(new ObjectMapper());

    private YamlFiles() {
    }

    private static org.yaml.snakeyaml.LoaderOptions loaderOptions() {
        org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
        options.setCodePointLimit(MAX_CHARACTERS);
        return options;
    }

    private static ObjectMapper strict(ObjectMapper mapper) {
        // a key written twice (two "patterns:" blocks) is an error, not "the last one wins"
        mapper.getFactory().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return mapper.registerModule(new JavaTimeModule()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Reads a file; the message of a failure starts with the file: {@code <file>: <field>: <what is wrong>}. */
    public static <T> T read(Path file, Class<T> type) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        ObjectMapper mapper = file.toString().endsWith(".json") ? JSON : YAML;
        try {
            return parse(mapper, bytes, type);
        } catch (ConfigException e) {
            throw new ConfigException(file + ": " + e.getMessage(), e.getCause());
        }
    }

    /** Reads a file named by a config key; the message of a failure starts with the key: {@code <key>: <file>: ...}. */
    public static <T> T read(Path file, Class<T> type, String key) {
        try {
            return read(file, type);
        } catch (ConfigException e) {
            throw new ConfigException(key + ": " + e.getMessage(), e.getCause());
        }
    }

    /** Reads YAML text; the message of a failure starts with the field: {@code <field>: <what is wrong>}. */
    public static <T> T read(byte[] yaml, Class<T> type) {
        return parse(YAML, yaml, type);
    }

    /** A YAML file as a tree, for tools that edit one (the message of a failure starts with the file). */
    public static JsonNode readTree(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException(file + ": not readable YAML: " + e.getMessage(), e);
        }
    }

    /** A tree as YAML text, without a document start marker. */
    public static String write(JsonNode tree) {
        try {
            return YAML.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree is always writable as YAML", e);
        }
    }

    private static <T> T parse(ObjectMapper mapper, byte[] bytes, Class<T> type) {
        try {
            return mapper.readValue(bytes, type);
        } catch (JsonMappingException e) {
            throw new ConfigException(FieldPath.of(e) + ": " + problem(e), e);
        } catch (IOException e) {
            throw new ConfigException("(root): not valid YAML: " + e.getMessage(), e);
        }
    }

    private static String problem(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field (known: " + u.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", ")) + ")";
        }
        if (e instanceof InvalidFormatException f) {
            Class<?> target = f.getTargetType();
            return "invalid value '" + f.getValue() + "'" + (target != null && target.isEnum()
                    ? " (one of: " + Arrays.stream(target.getEnumConstants()).map(Object::toString)
                            .collect(Collectors.joining(", ")) + ")"
                    : "");
        }
        return e.getOriginalMessage();
    }
}
