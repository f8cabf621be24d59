package io.ionflow.simulate.potential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** Registry of potential styles (ServiceLoader) and the entry points to load a potential. */
public final class PotentialStyles {
    private PotentialStyles() {}

    private static final ObjectMapper JSON = new ObjectMapper();

    public static Map<String, PotentialStyle> all() {
        Map<String, PotentialStyle> m = new LinkedHashMap<>();
        for (PotentialStyle s : ServiceLoader.load(PotentialStyle.class, PotentialStyles.class.getClassLoader())) {
            m.put(s.name(), s);
        }
        return m;
    }

    public static PotentialStyle style(String name) {
        PotentialStyle s = all().get(name);
        if (s == null) {
            throw new PotentialException("unknown potential style '" + name + "'; known styles: " + all().keySet());
        }
        return s;
    }

    /** Loads a parameter file (style from the argument, or from the file extension when style is null). */
    public static Potential load(String style, Path file, List<String> species) {
        String st = style;
        if (st == null) {
            String name = file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            if (dot < 0) throw new PotentialException("potential file " + file + ": cannot infer the style (no extension); give it explicitly");
            st = name.substring(dot + 1);
        }
        if (!Files.isRegularFile(file)) {
            throw new PotentialException("potential file " + file + " does not exist or is not a file");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PotentialException("potential file " + file + " cannot be read: " + e.getMessage());
        }
        return style(st).parse(text, file.getFileName().toString(), species);
    }

    /** Rebuilds a potential from the JSON stored in an archive's runs table. */
    public static Potential fromJson(String json, List<String> species) {
        try {
            JsonNode n = JSON.readTree(json);
            String st = n.path("style").asText(null);
            String text = n.path("parameters").asText(null);
            String source = n.path("file").asText("runs.potential");
            if (st == null || text == null) {
                throw new PotentialException("potential JSON lacks 'style' or 'parameters': " + abbreviate(json));
            }
            return style(st).parse(text, source, species);
        } catch (IOException e) {
            throw new PotentialException("potential column is not valid JSON: " + abbreviate(json));
        }
    }

    /**
     * The archive JSON of a potential read from a parameter file: style, file name, bound species and the
     * file's full text (see {@link Potential#toJson()}).
     */
    public static String json(String style, String file, List<String> species, String parameters) {
        com.fasterxml.jackson.databind.node.ObjectNode o = JSON.createObjectNode();
        o.put("style", style);
        o.put("file", file);
        o.putPOJO("species", species);
        o.put("parameters", parameters);
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String abbreviate(String s) {
        return s == null ? "null" : s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
