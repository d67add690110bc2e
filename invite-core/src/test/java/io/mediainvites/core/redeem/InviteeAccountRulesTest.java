package io.mediainvites.core.redeem;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediainvites.core.domain.DomainRules;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class InviteeAccountRulesTest {

    private static final InviteeAccount GUEST = new InviteeAccount(false, true, false, false, false, false);
    private static final InviteeAccount MEMBER = new InviteeAccount(false, false, true, false, false, true);

    private final RedemptionRules strict = new RedemptionRules(DomainRules.none(), true, false);
    private final RedemptionRules lenient = new RedemptionRules(DomainRules.none(), true, true);

    @Test
    void onlyAGuestMarkedAccountWithoutCredentialsLinksOrFederationIsAGuest() {
        assertThat(GUEST.isGuest()).isTrue();
        assertThat(new InviteeAccount(false, false, false, false, false, false).isGuest()).as("no mark").isFalse();
        assertThat(new InviteeAccount(false, true, true, false, false, false).isGuest()).as("credential").isFalse();
        assertThat(new InviteeAccount(false, true, false, true, false, false).isGuest()).as("idp link").isFalse();
        assertThat(new InviteeAccount(false, true, false, false, true, false).isGuest()).as("federated").isFalse();
        assertThat(new InviteeAccount(true, true, false, false, false, false).isGuest()).as("service account").isFalse();
    }

    @Test
    void aGuestEntersByTheLinkAnyOtherAccountBySignInOrCode() {
        assertThat(RedemptionRules.entry(GUEST, false)).isEqualTo(InviteeEntry.LINK);
        assertThat(RedemptionRules.entry(GUEST, true)).isEqualTo(InviteeEntry.LINK);
        assertThat(RedemptionRules.entry(MEMBER, false)).isEqualTo(InviteeEntry.SIGN_IN);
        assertThat(RedemptionRules.entry(MEMBER, true)).isEqualTo(InviteeEntry.CODE);
        // a guest that was given a password is an account of its own now
        InviteeAccount upgraded = new InviteeAccount(false, true, true, false, false, false);
        assertThat(RedemptionRules.entry(upgraded, false)).isEqualTo(InviteeEntry.SIGN_IN);
    }

    @Test
    void onlySignInMakesARealSession() {
        assertThat(InviteeEntry.LINK.inviteOnlySession()).isTrue();
        assertThat(InviteeEntry.CODE.inviteOnlySession()).isTrue();
        assertThat(InviteeEntry.SIGN_IN.inviteOnlySession()).isFalse();
    }

    @Test
    void serviceAccountsAreNeverInviteesEvenWhereAdminsAre() {
        InviteeAccount service = new InviteeAccount(true, false, false, false, false, false);
        assertThat(strict.checkAccount(service, () -> false)).contains(Refusal.PRIVILEGED_ACCOUNT);
        assertThat(lenient.checkAccount(service, () -> false)).contains(Refusal.PRIVILEGED_ACCOUNT);
    }

    @Test
    void privilegedAccountsOnlyWhereAllowed() {
        assertThat(strict.checkAccount(MEMBER, () -> true)).contains(Refusal.PRIVILEGED_ACCOUNT);
        assertThat(lenient.checkAccount(MEMBER, () -> true)).isEmpty();
        assertThat(strict.checkAccount(MEMBER, () -> false)).isEmpty();
    }

    @Test
    void anExistingAccountWithAnUnverifiedAddressIsNeverEnteredButAGuestIs() {
        InviteeAccount unverified = new InviteeAccount(false, false, true, false, false, false);
        assertThat(strict.checkAccount(unverified, () -> false)).contains(Refusal.EMAIL_UNVERIFIED);
        assertThat(lenient.checkAccount(unverified, () -> false)).contains(Refusal.EMAIL_UNVERIFIED);
        assertThat(strict.checkAccount(GUEST, () -> false)).isEmpty();
    }

    @Test
    void privilegeIsNotWorkedOutForAServiceAccountOrWhereAllowed() {
        AtomicBoolean asked = new AtomicBoolean();
        lenient.checkAccount(MEMBER, () -> asked.getAndSet(true));
        strict.checkAccount(new InviteeAccount(true, false, false, false, false, false), () -> asked.getAndSet(true));
        assertThat(asked).isFalse();
    }
}
