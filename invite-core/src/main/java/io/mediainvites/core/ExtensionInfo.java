package io.mediainvites.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/** Name and version of the extension, read once from the build-filtered {@code extension.properties}. */
public final class ExtensionInfo {

    private static final ExtensionInfo INSTANCE = load();

    private final String name;
    private final String version;

    ExtensionInfo(String name, String version) {
        this.name = name;
        this.version = version;
    }

    public static ExtensionInfo get() {
        return INSTANCE;
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    /** What every provider factory reports through {@code ServerInfoAwareProviderFactory}. */
    public Map<String, String> operationalInfo() {
        return Map.of("extension", name, "version", version);
    }

    private static ExtensionInfo load() {
        Properties properties = new Properties();
        try (InputStream in = ExtensionInfo.class.getResourceAsStream("extension.properties")) {
            if (in == null) {
                throw new IllegalStateException("extension.properties is missing from the jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ExtensionInfo(properties.getProperty("name"), properties.getProperty("version"));
    }
}
