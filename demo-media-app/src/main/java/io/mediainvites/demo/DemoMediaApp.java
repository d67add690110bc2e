package io.mediainvites.demo;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The reference media app (O6): "My media" and media pages for the owner, with the extension's
 * {@code <media-invite-dialog>} behind the three-dot menu's <em>Invite users</em> and the entry's invites
 * (status, expiry, uses, revoke, resend); for an invitee arriving through the standard entry, the media page in
 * the role of the {@code media_access} claim, read afresh (token refresh) at every page load.
 */
public final class DemoMediaApp implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DemoMediaApp.class.getName());
    private static final String COOKIE = "demo_session";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    /** One browser's state in the app. */
    static final class Session {
        volatile OidcLogin.Pending pending;
        volatile OidcLogin.Tokens tokens;
    }

    private final DemoConfig config;
    private final OidcLogin oidc;
    private final MediaApi api;
    private final HttpServer server;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final ZoneId zone = ZoneId.systemDefault();

    private DemoMediaApp(DemoConfig config, HttpServer server) {
        this.config = config;
        this.server = server;
        this.oidc = new OidcLogin(config);
        this.api = new MediaApi(config);
    }

    /** Starts the app and registers the demo media (retrying while Keycloak comes up). */
    public static DemoMediaApp start(DemoConfig requested) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", requested.port()), 0);
        DemoConfig config = requested.port() == 0
                ? requested.withBaseUrl("http://localhost:" + server.getAddress().getPort()) : requested;
        DemoMediaApp app = new DemoMediaApp(config, server);
        server.createContext("/", app::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        app.registerMedia(DemoMedia.WEBCAST_STARTS_IN);
        server.start();
        return app;
    }

    public String baseUrl() {
        return config.baseUrl();
    }

    /** (Re-)registers the demo media; the webcast starts {@code startsIn} from now. */
    public void registerMedia(Duration startsIn) throws Exception {
        Exception last = null;
        for (int i = 0; i < 30; i++) {
            try {
                DemoMedia.register(api, oidc.serviceAccountToken(), Instant.now(), startsIn);
                return;
            } catch (Exception e) {
                last = e;
                Thread.sleep(1000);
            }
        }
        throw last;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    public static void main(String[] args) throws Exception {
        DemoConfig config = DemoConfig.fromSystemProperties("http://localhost:8080");
        DemoMediaApp app = start(config);
        printInfo(app);
    }

    public static void printInfo(DemoMediaApp app) {
        System.out.println();
        System.out.println("Demo media app:  " + app.baseUrl() + "/");
        System.out.println("  Sign in as the media owner: owner / owner; open a media entry, then ⋮ > Invite users.");
        System.out.println("  Open the invite link in another browser (or a private window) to arrive as the invitee.");
    }

    // ---- routing --------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Session session = session(exchange);
            if (path.equals("/") && method.equals("GET")) {
                home(exchange, session);
            } else if (path.equals("/login")) {
                login(exchange, session, null, "/");
            } else if (path.equals("/login/initiate")) {
                initiate(exchange, session);
            } else if (path.equals("/callback")) {
                callback(exchange, session);
            } else if (path.equals("/logout") && method.equals("POST")) {
                logout(exchange, session);
            } else if (path.equals("/token") && method.equals("GET")) {
                token(exchange, session);
            } else if (path.startsWith("/media/") && method.equals("GET")) {
                mediaPage(exchange, session, path.substring("/media/".length()));
            } else if (path.startsWith("/media/") && method.equals("POST")) {
                inviteAction(exchange, session, path.substring("/media/".length()));
            } else {
                page(exchange, 404, "Not found", "<p>There is no such page.</p><p><a href=\"/\">My media</a></p>", null);
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "request failed", e);
            page(exchange, 500, "Something went wrong", "<p>" + Html.esc(e.getMessage()) + "</p>", null);
        } finally {
            exchange.close();
        }
    }

    // ---- sign-in ----------------------------------------------------------------------------------

    private void login(HttpExchange exchange, Session session, String loginHint, String target) throws Exception {
        OidcLogin.Pending pending = OidcLogin.newPending(target);
        session.pending = pending;
        redirect(exchange, oidc.start(pending, loginHint).toString());
    }

    /** OIDC Core §4: the realm sends invitees here after a redemption; we start our own sign-in. */
    private void initiate(HttpExchange exchange, Session session) throws Exception {
        Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
        if (!config.issuer().equals(q.get("iss"))) {
            page(exchange, 400, "Unknown issuer", "<p>This app signs in only with " + Html.esc(config.issuer()) + ".</p>", null);
            return;
        }
        String target = q.get("target_link_uri");
        String local = target != null && target.startsWith(config.baseUrl() + "/") ? target.substring(config.baseUrl().length()) : "/";
        login(exchange, session, q.get("login_hint"), local);
    }

    private void callback(HttpExchange exchange, Session session) throws Exception {
        OidcLogin.Pending pending = session.pending;
        if (pending == null) {
            page(exchange, 400, "Sign-in not started here", "<p><a href=\"/login\">Sign in</a></p>", null);
            return;
        }
        session.pending = null;
        try {
            session.tokens = oidc.complete(pending, URI.create(config.baseUrl() + exchange.getRequestURI().toString()));
        } catch (SecurityException e) {
            page(exchange, 400, "Sign-in failed", "<p>" + Html.esc(e.getMessage()) + "</p><p><a href=\"/login\">Sign in</a></p>", null);
            return;
        }
        redirect(exchange, pending.target().startsWith("/") && !pending.target().startsWith("//") ? pending.target() : "/");
    }

    private void logout(HttpExchange exchange, Session session) throws Exception {
        OidcLogin.Tokens tokens = session.tokens;
        session.tokens = null;
        redirect(exchange, oidc.endSessionUri(tokens == null ? null : tokens.idToken()).toString());
    }

    /** The access-token callback of the invite dialog (same origin only: a cookie, no CORS). */
    private void token(HttpExchange exchange, Session session) throws Exception {
        OidcLogin.Tokens tokens = current(session);
        if (tokens == null) {
            send(exchange, 401, "application/json", "{\"error\":\"not_signed_in\"}");
            return;
        }
        send(exchange, 200, "application/json", JSONObjectUtils.toJSONString(Map.of("access_token", tokens.accessToken())));
    }

    /** Fresh tokens for this page load (current grants); null when signed out or the session has ended. */
    private OidcLogin.Tokens current(Session session) {
        OidcLogin.Tokens tokens = session.tokens;
        if (tokens == null || tokens.refreshToken() == null) {
            return tokens;
        }
        try {
            OidcLogin.Tokens fresh = oidc.refresh(tokens);
            session.tokens = fresh;
            return fresh;
        } catch (Exception e) {
            session.tokens = null; // revoked, ended or expired
            return null;
        }
    }

    // ---- pages ------------------------------------------------------------------------------------

    private void home(HttpExchange exchange, Session session) throws Exception {
        OidcLogin.Tokens tokens = current(session);
        if (tokens == null) {
            page(exchange, 200, "Demo media", "<p>Sign in to see your media.</p><p><a class=\"button\" href=\"/login\">Sign in</a></p>", null);
            return;
        }
        StringBuilder body = new StringBuilder("<h2>My media</h2><ul class=\"media-list\">");
        String user = str(tokens.claims().get("preferred_username"));
        for (DemoMedia.Entry e : DemoMedia.ENTRIES) {
            if (DemoMedia.OWNER.equals(user) || grants(tokens).containsKey(e.id())) {
                body.append("<li><a href=\"/media/").append(Html.esc(e.id())).append("\">").append(Html.esc(e.title()))
                        .append("</a> <span class=\"type\">").append(Html.esc(e.type())).append("</span></li>");
            }
        }
        body.append("</ul>");
        page(exchange, 200, "My media", body.toString(), tokens);
    }

    private void mediaPage(HttpExchange exchange, Session session, String mediaId) throws Exception {
        DemoMedia.Entry entry = DemoMedia.byId(mediaId);
        if (entry == null) {
            page(exchange, 404, "Not found", "<p>No such media.</p>", null);
            return;
        }
        boolean hadSession = session.tokens != null;
        OidcLogin.Tokens tokens = current(session);
        if (tokens == null) {
            if (hadSession) {
                page(exchange, 403, "Access ended", "<p id=\"access-ended\">Your access to this media has ended.</p>", null);
            } else {
                login(exchange, session, null, "/media/" + mediaId);
            }
            return;
        }
        String user = str(tokens.claims().get("preferred_username"));
        StringBuilder body = new StringBuilder();
        body.append("<h2 id=\"media-title\">").append(Html.esc(entry.title())).append("</h2>")
                .append("<p>").append(Html.esc(entry.description())).append("</p>");
        if (DemoMedia.OWNER.equals(user)) {
            ownerView(body, entry, tokens);
        } else {
            Map<String, Object> grant = asMap(grants(tokens).get(entry.id()));
            if (grant == null) {
                page(exchange, 403, "No access", "<p id=\"no-access\">You have no access to this media.</p>", tokens);
                return;
            }
            String role = str(grant.get("role"));
            body.append("<p id=\"role\" class=\"role\">You are here as <strong>").append(Html.esc(capitalize(role)))
                    .append("</strong>.</p>");
            Object exp = grant.get("exp");
            if (exp instanceof Number n) {
                body.append("<p id=\"invite-note\">Signed in by invite until ")
                        .append(HH_MM.format(Instant.ofEpochSecond(n.longValue()).atZone(zone))).append(".</p>");
            }
            body.append("<div class=\"player\" role=\"region\" aria-label=\"Media\">")
                    .append(entry.live() ? "Live session" : "Playing").append(": ").append(Html.esc(entry.title()));
            if (role.equals("moderator") || role.equals("speaker")) {
                body.append("<p id=\"live-controls\">").append(role.equals("speaker") ? "Your microphone and camera controls"
                        : "Moderation: Q&amp;A queue and chat controls").append("</p>");
            }
            body.append("</div>");
        }
        page(exchange, 200, entry.title(), body.toString(), tokens);
    }

    private void ownerView(StringBuilder body, DemoMedia.Entry entry, OidcLogin.Tokens tokens) throws Exception {
        String redirect = config.baseUrl() + "/media/" + entry.id();
        body.append("<div class=\"menu\"><button type=\"button\" id=\"media-menu\" aria-haspopup=\"true\" aria-expanded=\"false\"")
                .append(" aria-controls=\"media-menu-items\" aria-label=\"More actions\">&#8942;</button>")
                .append("<ul id=\"media-menu-items\" hidden><li><button type=\"button\" id=\"invite-users\">Invite users</button></li></ul></div>")
                .append("<media-invite-dialog id=\"invite-dialog\" media-id=\"").append(Html.esc(entry.id()))
                .append("\" media-type=\"").append(Html.esc(entry.type())).append("\" redirect-uri=\"").append(Html.esc(redirect))
                .append("\"></media-invite-dialog>");
        MediaApi.Reply list = api.get("/media/" + Html.url(entry.id()) + "/invites?max=50", tokens.accessToken());
        body.append("<h3>Invites</h3>");
        if (!list.ok()) {
            body.append("<p>Invites could not be read (HTTP ").append(list.status()).append(").</p>");
            return;
        }
        List<Object> invites = list.array();
        if (invites.isEmpty()) {
            body.append("<p id=\"no-invites\">No invites yet.</p>");
            return;
        }
        body.append("<table id=\"invites\"><thead><tr><th scope=\"col\">E-mail</th><th scope=\"col\">Role</th>")
                .append("<th scope=\"col\">Status</th><th scope=\"col\">Expires</th><th scope=\"col\">Uses</th><th scope=\"col\">Actions</th></tr></thead><tbody>");
        for (Object o : invites) {
            Map<String, Object> inv = asMap(o);
            String id = str(inv.get("id"));
            String status = str(inv.get("status"));
            body.append("<tr data-invite=\"").append(Html.esc(id)).append("\"><td>").append(Html.esc(inv.get("email")))
                    .append("</td><td>").append(Html.esc(inv.get("role"))).append("</td><td class=\"status\">").append(Html.esc(status))
                    .append("</td><td>").append(Html.esc(time(str(inv.get("expiresAt"))))).append("</td><td>")
                    .append(Html.esc(inv.get("useCount"))).append(" / ")
                    .append(Html.esc(Integer.valueOf(-1).equals(num(inv.get("useLimit"))) ? "∞" : inv.get("useLimit"))).append("</td><td>");
            if (!status.equals("revoked")) {
                body.append(actionForm(entry.id(), id, "revoke", "Revoke", str(inv.get("email"))));
                body.append(actionForm(entry.id(), id, "resend", "Resend", str(inv.get("email"))));
            }
            body.append("</td></tr>");
        }
        body.append("</tbody></table>");
    }

    private static String actionForm(String mediaId, String inviteId, String action, String label, String email) {
        return "<form method=\"post\" action=\"/media/" + Html.esc(mediaId) + "\" class=\"inline\">"
                + "<input type=\"hidden\" name=\"invite\" value=\"" + Html.esc(inviteId) + "\">"
                + "<input type=\"hidden\" name=\"action\" value=\"" + action + "\">"
                + "<button type=\"submit\" class=\"" + action + "\" aria-label=\"" + label + " " + Html.esc(email) + "\">"
                + label + "</button></form>";
    }

    /** Revoke or resend from the owner's invite list (same-origin form; SameSite cookie). */
    private void inviteAction(HttpExchange exchange, Session session, String mediaId) throws Exception {
        OidcLogin.Tokens tokens = current(session);
        if (tokens == null || DemoMedia.byId(mediaId) == null) {
            page(exchange, 403, "No access", "<p>Sign in as the owner.</p>", null);
            return;
        }
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin != null && !origin.equals(config.baseUrl())) {
            page(exchange, 403, "Refused", "<p>Cross-site request refused.</p>", null);
            return;
        }
        Map<String, String> form = query(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String invite = form.getOrDefault("invite", "");
        String path = switch (form.getOrDefault("action", "")) {
            case "revoke" -> "/invites/" + Html.url(invite) + "/revoke";
            case "resend" -> "/invites/" + Html.url(invite) + "/email";
            default -> null;
        };
        if (path != null) {
            MediaApi.Reply reply = api.post(path, tokens.accessToken());
            if (!reply.ok()) {
                String description = reply.body();
                try {
                    description = str(reply.object().get("error_description"));
                } catch (Exception ignored) {
                    // not JSON
                }
                page(exchange, reply.status(), "Not done", "<p id=\"action-error\">" + Html.esc(description)
                        + "</p><p><a href=\"/media/" + Html.esc(mediaId) + "\">Back</a></p>", tokens);
                return;
            }
        }
        redirect(exchange, "/media/" + mediaId);
    }

    private void page(HttpExchange exchange, int status, String title, String content, OidcLogin.Tokens tokens) throws IOException {
        String user = tokens == null ? null : str(tokens.claims().get("email"));
        String header = user == null ? "" : "<form method=\"post\" action=\"/logout\" class=\"inline\"><span id=\"user\">"
                + Html.esc(user) + "</span> <button type=\"submit\">Sign out</button></form>";
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + Html.esc(title) + " · Demo media</title><style>" + CSS + "</style>"
                + "<script src=\"" + Html.esc(config.apiBase()) + "/ui/invite-dialog.js\" defer></script>"
                + "<script src=\"/app.js\" defer></script>" // served below
                + "</head><body><header><a href=\"/\" class=\"brand\">Demo media</a>" + header + "</header>"
                + "<main><h1>" + Html.esc(title) + "</h1>" + content + "</main></body></html>";
        html = html.replace("<script src=\"/app.js\" defer></script>", "<script>" + APP_JS + "</script>");
        send(exchange, status, "text/html; charset=utf-8", html);
    }

    /** Wires the three-dot menu to the dialog and gives the dialog its access-token callback. */
    private static final String APP_JS = """
            document.addEventListener('DOMContentLoaded', () => {
              const menu = document.getElementById('media-menu');
              const items = document.getElementById('media-menu-items');
              const dialog = document.getElementById('invite-dialog');
              if (!menu || !dialog) return;
              dialog.accessToken = async () => (await (await fetch('/token')).json()).access_token;
              menu.addEventListener('click', () => {
                const open = items.hidden;
                items.hidden = !open;
                menu.setAttribute('aria-expanded', String(open));
                if (open) document.getElementById('invite-users').focus();
              });
              document.getElementById('invite-users').addEventListener('click', () => {
                items.hidden = true;
                menu.setAttribute('aria-expanded', 'false');
                // the menu item is hidden now: the dialog gives the focus back to the menu button when it closes
                menu.focus();
                customElements.whenDefined('media-invite-dialog').then(() => dialog.open());
              });
              dialog.addEventListener('invite-created', () => { window.inviteCreated = true; });
            });
            """;

    private static final String CSS = """
            body { font-family: system-ui, sans-serif; margin: 0; color: #1f2328; background: #f6f8fa; }
            header { display: flex; justify-content: space-between; align-items: center; padding: 12px 16px;
              background: #0b3d91; color: #fff; flex-wrap: wrap; gap: 8px; }
            header a, header span { color: #fff; }
            .brand { font-weight: 700; text-decoration: none; }
            main { max-width: 900px; margin: 0 auto; padding: 16px; }
            a { color: #0b57d0; }
            button, .button { font: inherit; padding: 6px 12px; border: 1px solid #6e7781; border-radius: 4px;
              background: #fff; color: #1f2328; cursor: pointer; text-decoration: none; display: inline-block; }
            .inline { display: inline; }
            .menu { position: relative; margin: 8px 0; }
            .menu ul { list-style: none; margin: 4px 0 0; padding: 4px; position: absolute; background: #fff;
              border: 1px solid #6e7781; border-radius: 4px; z-index: 5; }
            table { border-collapse: collapse; width: 100%; background: #fff; display: block; overflow-x: auto; }
            th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #d0d7de; }
            .type { color: #3d444d; font-size: .9rem; }
            .player { background: #1f2328; color: #fff; padding: 48px 16px; border-radius: 8px; margin-top: 12px; }
            """;

    // ---- plumbing ---------------------------------------------------------------------------------

    private Session session(HttpExchange exchange) {
        String cookies = exchange.getRequestHeaders().getFirst("Cookie");
        if (cookies != null) {
            for (String c : cookies.split(";")) {
                String[] kv = c.trim().split("=", 2);
                if (kv.length == 2 && kv[0].equals(COOKIE) && sessions.containsKey(kv[1])) {
                    return sessions.get(kv[1]);
                }
            }
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Session session = new Session();
        sessions.put(id, session);
        exchange.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + id + "; Path=/; HttpOnly; SameSite=Lax");
        return session;
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(302, -1);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        // same-origin: form posts carry the real Origin (checked), nothing leaks to other sites
        exchange.getResponseHeaders().set("Referrer-Policy", "same-origin");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            try {
                params.putIfAbsent(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException ignored) {
                // a malformed pair is skipped
            }
        }
        return params;
    }

    private static Map<String, Object> grants(OidcLogin.Tokens tokens) {
        Map<String, Object> grants = asMap(tokens.claims().get("media_access"));
        return grants == null ? Map.of() : grants;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static Integer num(Object o) {
        return o instanceof Number n ? n.intValue() : null;
    }

    private String time(String iso) {
        try {
            return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(Instant.parse(iso).atZone(zone));
        } catch (RuntimeException e) {
            return iso;
        }
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
