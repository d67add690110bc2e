package io.mediainvites.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Locale;

/** A fresh PostgreSQL database for one test run, dropped at the end. */
public final class Database implements AutoCloseable {

    private final String adminUrl;
    private final String user;
    private final String name;

    private Database(String adminUrl, String user, String name) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.name = name;
    }

    /** Creates {@code media_invites_it_<time>} next to the database of {@code adminUrl}. */
    public static Database createFresh(String adminUrl, String user) {
        String name = ("media_invites_it_" + Instant.now().toEpochMilli() + "_" + ProcessHandle.current().pid())
                .toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(adminUrl, user, "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " at " + adminUrl
                    + " (is PostgreSQL running? see .ci/run)", e);
        }
        return new Database(adminUrl, user, name);
    }

    public String name() {
        return name;
    }

    public String user() {
        return user;
    }

    public String jdbcUrl() {
        int slash = adminUrl.lastIndexOf('/');
        return adminUrl.substring(0, slash + 1) + name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, "");
    }

    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(adminUrl, user, "");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop database " + name, e);
        }
    }
}
