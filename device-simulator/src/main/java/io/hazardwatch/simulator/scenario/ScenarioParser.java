package io.hazardwatch.simulator.scenario;

import io.hazardwatch.model.config.FieldPath;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Reads a scenario file into {@link ScenarioFile}, naming the field when the YAML does not fit. */
final class ScenarioParser {

    // Unknown fields are errors: a misspelt "startAfter" must not silently become "never".
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ScenarioParser() {
    }

    static ScenarioFile parse(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ScenarioException("scenario file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new ScenarioException("scenario file " + file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(bytes);
    }

    static ScenarioFile parse(byte[] yaml) {
        if (new String(yaml, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw new ScenarioException("(root): the scenario file is empty");
        }
        try {
            ScenarioFile parsed = YAML.readValue(yaml, ScenarioFile.class);
            if (parsed == null) {
                throw new ScenarioException("(root): the scenario file is empty");
            }
            return parsed;
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", "));
            throw new ScenarioException(FieldPath.of(e) + ": unknown field (known: " + known + ")", e);
        } catch (InvalidFormatException e) {
            throw new ScenarioException(FieldPath.of(e) + ": invalid value '" + e.getValue() + "'", e);
        } catch (JsonMappingException e) {
            throw new ScenarioException(FieldPath.of(e) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ScenarioException("(root): not valid YAML: " + e.getMessage(), e);
        }
    }
}
