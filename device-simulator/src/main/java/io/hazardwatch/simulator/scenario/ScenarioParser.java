package io.hazardwatch.simulator.scenario;

import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.YamlFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a scenario file into {@link ScenarioFile}, naming the field when the YAML does not fit. */
final class ScenarioParser {

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
        // YamlFiles reads strictly: a misspelt "startAfter" is an error, not a silent "never".
        ScenarioFile parsed;
        try {
            parsed = YamlFiles.read(yaml, ScenarioFile.class);
        } catch (ConfigException e) {
            throw new ScenarioException(e.getMessage(), e.getCause());
        }
        if (parsed == null) {
            throw new ScenarioException("(root): the scenario file is empty");
        }
        return parsed;
    }
}
