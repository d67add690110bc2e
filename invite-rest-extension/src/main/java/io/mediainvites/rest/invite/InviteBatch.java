package io.mediainvites.rest.invite;

import io.mediainvites.core.error.InviteRuleException;
import io.mediainvites.model.jpa.InviteEntity;
import io.mediainvites.model.jpa.MediaEntryEntity;
import io.mediainvites.rest.api.ApiException;
import io.mediainvites.rest.auth.Caller;
import jakarta.persistence.FlushModeType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * O9: many invites in one call, each row through exactly the steps of a single create
 * ({@link InviteService#validate}, {@link InviteService#write}, {@link InviteService#deliver}). A row that breaks
 * a rule fails alone, with the error a single create would answer; the others go on.
 *
 * <p>All rows that pass validation are written in <b>one</b> transaction (one commit instead of one per
 * invite), committed before any link is e-mailed, as for a single create. A dry run runs the very same writes,
 * so that it finds the same duplicates (against stored invites and within the batch), and rolls them back.
 */
public final class InviteBatch {

    /** Row outcomes, in input order; {@link #created()} the invites written (none for a dry run). */
    public record Outcome(boolean dryRun, List<Map<String, Object>> results, List<InviteRepresentation> created) {
        public Map<String, Object> body() {
            long failed = results.stream().filter(r -> "error".equals(r.get("status"))).count();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("dryRun", dryRun);
            body.put(dryRun ? "valid" : "created", results.size() - failed);
            body.put("failed", failed);
            body.put("results", results);
            return body;
        }
    }

    private final KeycloakSession session;
    private final InviteService invites;

    public InviteBatch(KeycloakSession session, InviteService invites) {
        this.session = session;
        this.invites = invites;
    }

    public Outcome issue(Caller caller, MediaEntryEntity entry, BatchRequest batch) {
        int n = batch.rows().size();
        InviteRuleException[] errors = new InviteRuleException[n];
        InviteService.ValidatedInvite[] valid = new InviteService.ValidatedInvite[n];
        for (int i = 0; i < n; i++) {
            BatchRequest.Row row = batch.rows().get(i);
            if (row.unreadable() != null) {
                errors[i] = row.unreadable();
                continue;
            }
            try {
                valid[i] = invites.validate(caller, entry, row.request());
            } catch (InviteRuleException e) {
                errors[i] = e;
            }
        }

        InviteEntity[] written = KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(),
                session.getContext(), s -> {
                    // Each row flushes its writes itself (InviteService.write), so the next row's queries see
                    // them; without automatic flushes before every query, Hibernate does not walk the whole,
                    // growing persistence context several times per row.
                    s.getProvider(JpaConnectionProvider.class).getEntityManager().setFlushMode(FlushModeType.COMMIT);
                    InviteEntity[] rows = new InviteEntity[n];
                    for (int i = 0; i < n; i++) {
                        if (valid[i] == null) {
                            continue;
                        }
                        try {
                            rows[i] = InviteService.write(s, valid[i].draft());
                        } catch (InviteRuleException e) {
                            errors[i] = e; // thrown before this row wrote anything
                        }
                    }
                    if (batch.dryRun()) {
                        s.getTransactionManager().setRollbackOnly();
                    }
                    return rows;
                }, batch.dryRun() ? "media-invites: check invite batch" : "media-invites: issue invite batch");

        List<Map<String, Object>> results = new ArrayList<>(n);
        List<InviteRepresentation> created = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("row", i + 1);
            if (written[i] == null) {
                InviteRuleException e = errors[i];
                result.put("status", "error");
                result.put("error", e.code().code());
                result.put("error_description", e.description());
                if (e.field() != null) {
                    result.put("field", e.field());
                }
                if (e instanceof ApiException api) {
                    result.putAll(api.details());
                }
            } else if (batch.dryRun()) {
                result.put("status", "valid");
                result.put("email", written[i].getEmail());
                result.put("role", written[i].getRole());
            } else {
                InviteRepresentation rep = invites.deliver(valid[i], written[i], entry);
                result.put("status", "created");
                result.put("invite", rep);
                created.add(rep);
            }
            results.add(result);
        }
        return new Outcome(batch.dryRun(), results, created);
    }
}
