package io.mediainvites.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One unpacked Keycloak distribution in a work directory: unpacks the distribution zip once, installs
 * provider jars, runs {@code kc.sh build} when the providers or build options changed, and starts it.
 */
public final class KeycloakDistribution {

    private static final Logger LOG = Logger.getLogger(KeycloakDistribution.class.getName());
    private static final String UNPACKED_MARKER = ".unpacked-from";
    private static final String BUILD_MARKER = ".media-invites-build";
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);

    private final Path distributionZip;
    private final Path workDir;
    private final Path home;

    public KeycloakDistribution(Path distributionZip, Path workDir) {
        this.distributionZip = distributionZip.toAbsolutePath();
        this.workDir = workDir.toAbsolutePath();
        this.home = this.workDir.resolve("keycloak");
    }

    public Path home() {
        return home;
    }

    public Path workDir() {
        return workDir;
    }

    /** Unpacks the zip unless this very zip was unpacked here before. */
    public KeycloakDistribution unpack() {
        try {
            String stamp = distributionZip + "|" + Files.size(distributionZip) + "|"
                    + Files.getLastModifiedTime(distributionZip).toMillis();
            Path marker = home.resolve(UNPACKED_MARKER);
            if (Files.isRegularFile(marker) && Files.readString(marker).equals(stamp)) {
                return this;
            }
            deleteTree(home);
            Files.createDirectories(home);
            try (ZipFile zip = new ZipFile(distributionZip.toFile())) {
                Enumeration<? extends ZipEntry> entries = zip.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    String name = entry.getName();
                    int slash = name.indexOf('/');
                    if (slash < 0 || slash == name.length() - 1) {
                        continue; // the top folder itself
                    }
                    Path target = home.resolve(name.substring(slash + 1)).normalize();
                    if (!target.startsWith(home)) {
                        throw new IOException("zip entry outside the target: " + name);
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        try (InputStream in = zip.getInputStream(entry)) {
                            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                        }
                        if (name.endsWith(".sh")) {
                            target.toFile().setExecutable(true);
                        }
                    }
                }
            }
            Files.writeString(marker, stamp);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + distributionZip, e);
        }
    }

    /**
     * Makes {@code providers/} hold exactly the given jars. A jar whose content is unchanged is left alone:
     * Keycloak compares provider timestamps with its last build and refuses an optimized start otherwise.
     */
    public KeycloakDistribution installProviders(List<Path> jars) {
        Path providers = home.resolve("providers");
        try {
            Files.createDirectories(providers);
            List<String> wanted = jars.stream().map(j -> j.getFileName().toString()).toList();
            try (Stream<Path> old = Files.list(providers)) {
                for (Path jar : old.filter(p -> p.toString().endsWith(".jar")).toList()) {
                    if (!wanted.contains(jar.getFileName().toString())) {
                        Files.delete(jar);
                    }
                }
            }
            for (Path jar : jars) {
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalArgumentException("provider jar not found: " + jar
                            + " (build it first: ./mvnw package)");
                }
                Path target = providers.resolve(jar.getFileName());
                if (Files.isRegularFile(target) && Files.mismatch(jar, target) == -1L) {
                    continue;
                }
                Files.copy(jar, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Places realm files in {@code data/import} for {@code --import-realm}. */
    public KeycloakDistribution stageRealmImports(List<Path> realmFiles) {
        Path imports = home.resolve("data").resolve("import");
        try {
            deleteTree(imports);
            Files.createDirectories(imports);
            for (Path file : realmFiles) {
                Files.copy(file, imports.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the embedded H2 database, so the next start imports the realms afresh. */
    public KeycloakDistribution wipeEmbeddedDatabase() {
        try {
            deleteTree(home.resolve("data").resolve("h2"));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code kc.sh build} with the given options, unless the same providers were already built
     * with the same options.
     *
     * @return true when a build ran
     */
    public boolean build(List<String> buildOptions) {
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin/kc.sh").toString(), "build"));
        command.addAll(buildOptions);
        String fingerprint = fingerprint(command);
        Path marker = home.resolve(BUILD_MARKER);
        try {
            if (Files.isRegularFile(marker) && Files.readString(marker).equals(fingerprint)) {
                LOG.info("Keycloak build is up to date, skipping kc.sh build");
                return false;
            }
            runKc("build", command);
            Files.writeString(marker, fingerprint);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A copy of this unpacked and built distribution in {@code otherWorkDir} (its own data directory, log and
     * transaction log): a second cluster node from one build (O4). Replaces an earlier copy there.
     */
    public KeycloakDistribution copyTo(Path otherWorkDir) {
        KeycloakDistribution copy = new KeycloakDistribution(distributionZip, otherWorkDir);
        try {
            deleteTree(copy.home);
            Files.createDirectories(copy.workDir);
            Process cp = new ProcessBuilder("cp", "-a", home.toString(), copy.home.toString())
                    .redirectErrorStream(true).start();
            String out = new String(cp.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (cp.waitFor() != 0) {
                throw new IllegalStateException("cannot copy " + home + ": " + out);
            }
            deleteTree(copy.home.resolve("data"));
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code kc.sh export --optimized} of one realm with its users into {@code file} (a JSON realm file), from the
     * database of {@code options}, with the start options given (the realm export an administrator makes). Works next to
     * a running server only on an external database (an embedded H2 file is held by the server).
     */
    public Path exportRealm(String realm, Path file, StartOptions options, List<String> extraOptions) {
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin/kc.sh").toString(), "export",
                "--optimized", "--realm", realm, "--file", file.toString(), "--users", "same_file"));
        command.addAll(options.database().runtimeOptions());
        command.addAll(extraOptions);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        runKc("export", command);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("kc.sh export wrote no " + file + ":\n" + LogTail.of(workDir.resolve("kc-export.log"), 40));
        }
        return file;
    }

    /**
     * Runs one {@code kc.sh} command to its end (at most {@link #BUILD_TIMEOUT}) with its output in
     * {@code kc-<name>.log} of the work directory; fails with the log's tail unless it exits 0.
     */
    private void runKc(String name, List<String> command) {
        Path log = workDir.resolve("kc-" + name + ".log");
        try {
            Process process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(BUILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kc.sh " + name + " took longer than " + BUILD_TIMEOUT + ", see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("kc.sh " + name + " failed (exit " + process.exitValue() + "):\n"
                        + LogTail.of(log, 40));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running kc.sh " + name, e);
        }
    }

    /** Starts the built server; see {@link RunningKeycloak#start}. */
    public RunningKeycloak start(StartOptions options) {
        return RunningKeycloak.start(this, options);
    }

    private String fingerprint(List<String> command) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(String.join("\u0000", command).getBytes(StandardCharsets.UTF_8));
            try (Stream<Path> jars = Files.list(home.resolve("providers"))) {
                for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    // name, content and timestamp: Keycloak itself compares provider timestamps with its build
                    digest.update(jar.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                    digest.update(Long.toString(Files.getLastModifiedTime(jar).toMillis()).getBytes(StandardCharsets.UTF_8));
                    digest.update(Files.readAllBytes(jar));
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
