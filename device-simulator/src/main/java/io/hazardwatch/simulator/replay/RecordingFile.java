package io.hazardwatch.simulator.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.hazardwatch.model.DeviceMessage;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.Topics;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Recordings on disk. JSON Lines, one message a line:
 * {@code {"at":"2026-11-24T08:00:00.123Z","topic":"hazardwatch/v1/e/d/readings","payload":{...}}} (a payload that
 * is not JSON is kept as {@code "payloadBase64"}). Or CSV with the header {@code time,enterprise,device,sensor,value,unit}
 * ({@code time} ISO-8601 or epoch milliseconds), one reading a row, read by jackson-dataformat-csv (fields may be
 * quoted; blank lines are skipped). Errors name the file, line and field.
 */
public final class RecordingFile {

    private static final ObjectMapper MAPPER = Json.MAPPER;
    static final String CSV_HEADER = "time,enterprise,device,sensor,value,unit";
    /** Each CSV row as its fields, quotes undone; blank lines skipped. Fields are stripped by the reader below. */
    private static final ObjectReader CSV_ROWS = new CsvMapper()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .readerFor(String[].class);

    private RecordingFile() {
    }

    /** One JSON line for {@code message}. */
    public static String toLine(RecordedMessage message) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("at", message.at().toString());
        node.put("topic", message.topic());
        try {
            node.set("payload", MAPPER.readTree(message.payload()));
        } catch (IOException notJson) {
            node.put("payloadBase64", Base64.getEncoder().encodeToString(message.payload()));
        }
        return node.toString();
    }

    public static final class Writer implements AutoCloseable {
        private final BufferedWriter out;
        private long count;

        public Writer(Path file) throws IOException {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        }

        public synchronized void write(RecordedMessage message) {
            try {
                out.write(toLine(message));
                out.write('\n');
                count++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public synchronized long count() {
            return count;
        }

        @Override
        public synchronized void close() throws IOException {
            out.close();
        }
    }

    /** Reads a recording: CSV when the name ends in {@code .csv}, JSON Lines otherwise. */
    public static List<RecordedMessage> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new RecordingException(file + ": no such file");
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return file.getFileName().toString().endsWith(".csv") ? readCsv(file, in) : readJsonLines(file, in);
        } catch (IOException e) {
            throw new RecordingException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static List<RecordedMessage> readJsonLines(Path file, BufferedReader in) throws IOException {
        List<RecordedMessage> messages = new ArrayList<>();
        String line;
        int n = 0;
        while ((line = in.readLine()) != null) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            String where = file + " line " + n;
            JsonNode node;
            try {
                node = MAPPER.readTree(line);
            } catch (IOException e) {
                throw new RecordingException(where + ": not JSON");
            }
            Instant at = instant(text(node, "at", where), where + ": at");
            String topic = text(node, "topic", where);
            byte[] payload;
            if (node.has("payload")) {
                payload = MAPPER.writeValueAsBytes(node.get("payload"));
            } else if (node.has("payloadBase64")) {
                payload = Base64.getDecoder().decode(node.get("payloadBase64").asText());
            } else {
                throw new RecordingException(where + ": payload: required");
            }
            messages.add(new RecordedMessage(at, topic, payload));
        }
        return messages;
    }

    private static List<RecordedMessage> readCsv(Path file, BufferedReader in) throws IOException {
        try (MappingIterator<String[]> rows = CSV_ROWS.readValues(in)) {
            if (!rows.hasNextValue() || !String.join(",", rows.nextValue()).strip().equals(CSV_HEADER)) {
                throw new RecordingException(file + " line 1: header must be '" + CSV_HEADER + "'");
            }
            List<RecordedMessage> messages = new ArrayList<>();
            while (rows.hasNextValue()) {
                String[] row = rows.nextValue();
                // the row's last field: its line, blank lines counted
                String where = file + " line " + rows.getParser().currentTokenLocation().getLineNr();
                messages.add(csvReading(row, where));
            }
            return messages;
        }
    }

    private static RecordedMessage csvReading(String[] f, String where) {
        if (f.length != 6) {
            throw new RecordingException(where + ": expected 6 fields (" + CSV_HEADER + "), found " + f.length);
        }
        Instant at = instant(f[0].strip(), where + ": time");
        double value;
        try {
            value = Double.parseDouble(f[4].strip());
        } catch (NumberFormatException e) {
            throw new RecordingException(where + ": value: '" + f[4] + "' is not a number");
        }
        for (int i = 1; i <= 3; i++) {
            if (f[i].isBlank()) {
                throw new RecordingException(where + ": " + CSV_HEADER.split(",")[i] + ": required");
            }
        }
        return new RecordedMessage(at, Topics.mqttReadings(f[1].strip(), f[2].strip()),
                Json.toBytes(DeviceMessage.reading(f[3].strip(), value, f[5].strip(), at)));
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new RecordingException(where + ": " + field + ": required");
        }
        return value.asText();
    }

    static Instant instant(String text, String where) {
        try {
            return text.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(text)) : Instant.parse(text);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new RecordingException(where + ": '" + text + "' is not an ISO-8601 instant or epoch milliseconds");
        }
    }

    /** A recording that cannot be read; the message names the file, line and field. */
    public static final class RecordingException extends RuntimeException {
        public RecordingException(String message) {
            super(message);
        }
    }
}
