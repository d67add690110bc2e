package io.mediainvites.core.redeem;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediainvites.core.domain.DomainRules;
import io.mediainvites.core.email.EmailAddress;
import io.mediainvites.core.policy.UseLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RedemptionRulesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant LATER = NOW.plus(Duration.ofDays(7));
    private static final Instant EARLIER = NOW.minus(Duration.ofDays(1));
    private static final RedemptionRules OPEN = new RedemptionRules(DomainRules.none(), true, false);

    /** A valid, unused, unbound single-use invite that expires in a week. */
    private static InviteFacts fresh() {
        return new InviteFacts(LATER, UseLimit.of(1), 0, null, null, true, null);
    }

    private static InviteFacts with(Instant expiresAt, UseLimit limit, int used, Instant revokedAt, String reason,
            boolean mediaExists, String deviceHash) {
        return new InviteFacts(expiresAt, limit, used, revokedAt, reason, mediaExists, deviceHash);
    }

    @Nested
    class CheckLink {

        @Test
        void aFreshInvitePasses() {
            assertThat(OPEN.checkLink(fresh(), NOW)).isEmpty();
        }

        @Test
        void mediaGoneIsReported() {
            assertThat(OPEN.checkLink(with(LATER, UseLimit.of(1), 0, null, null, false, null), NOW))
                    .contains(Refusal.MEDIA_DELETED);
        }

        @Test
        void revokedBecauseTheMediaWasDeletedIsReportedAsMediaDeletedEvenIfTheMediaRowStillExists() {
            InviteFacts invite = with(LATER, UseLimit.of(1), 0, EARLIER, Refusal.MEDIA_DELETED.reason(), true, null);
            assertThat(OPEN.checkLink(invite, NOW)).contains(Refusal.MEDIA_DELETED);
        }

        @Test
        void revokedByTheInviterIsReportedAsRevoked() {
            InviteFacts invite = with(LATER, UseLimit.of(1), 0, EARLIER, "revoked", true, null);
            assertThat(OPEN.checkLink(invite, NOW)).contains(Refusal.REVOKED);
        }

        @Test
        void revokedWithoutAReasonIsStillRevoked() {
            InviteFacts invite = with(LATER, UseLimit.of(1), 0, EARLIER, null, true, null);
            assertThat(OPEN.checkLink(invite, NOW)).contains(Refusal.REVOKED);
        }

        @Test
        void mediaDeletedWinsOverEverythingElse() {
            InviteFacts invite = with(EARLIER, UseLimit.of(1), 1, EARLIER, "revoked", false, "bound");
            assertThat(OPEN.checkLink(invite, NOW)).contains(Refusal.MEDIA_DELETED);
        }

        @Test
        void revokedWinsOverUsedUpAndExpired() {
            InviteFacts invite = with(EARLIER, UseLimit.of(2), 2, EARLIER, "revoked", true, null);
            assertThat(OPEN.checkLink(invite, NOW)).contains(Refusal.REVOKED);
        }

        @Test
        void usedUpWinsOverExpired() {
            InviteFacts invite = with(EARLIER, UseLimit.of(3), 3, null, null, true, null);
            assertThat(OPEN.checkLink(invite, NOW)).contains(Refusal.USED_UP);
        }

        @Test
        void expiredAloneIsExpired() {
            InviteFacts invite = with(EARLIER, UseLimit.of(3), 2, null, null, true, null);
            assertThat(OPEN.checkLink(invite, NOW)).contains(Refusal.EXPIRED);
        }

        @ParameterizedTest
        @CsvSource({
            "1, 0, true",
            "1, 1, false",
            "3, 2, true",
            "3, 3, false",
            "3, 4, false",
        })
        void useLimitIsEnforced(int limit, int used, boolean passes) {
            Optional<Refusal> result = OPEN.checkLink(with(LATER, UseLimit.of(limit), used, null, null, true, null), NOW);
            if (passes) {
                assertThat(result).isEmpty();
            } else {
                assertThat(result).contains(Refusal.USED_UP);
            }
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 1, 1000, Integer.MAX_VALUE})
        void anUnlimitedLinkIsNeverUsedUp(int used) {
            assertThat(OPEN.checkLink(with(LATER, UseLimit.UNLIMITED, used, null, null, true, null), NOW)).isEmpty();
        }

        @Test
        void anUnlimitedLinkStillExpires() {
            assertThat(OPEN.checkLink(with(EARLIER, UseLimit.UNLIMITED, 50, null, null, true, null), NOW))
                    .contains(Refusal.EXPIRED);
        }

        @Test
        void expiryBoundaryIsExclusive() {
            Instant expiresAt = NOW;
            InviteFacts invite = with(expiresAt, UseLimit.of(1), 0, null, null, true, null);
            assertThat(OPEN.checkLink(invite, expiresAt.minusNanos(1))).isEmpty();
            assertThat(OPEN.checkLink(invite, expiresAt.minusMillis(1))).isEmpty();
            assertThat(OPEN.checkLink(invite, expiresAt)).contains(Refusal.EXPIRED);
            assertThat(OPEN.checkLink(invite, expiresAt.plusNanos(1))).contains(Refusal.EXPIRED);
        }

        @Test
        void linkRulesDoNotDependOnRealmSettings() {
            InviteFacts bound = with(LATER, UseLimit.of(1), 0, null, null, true, "hash");
            for (boolean binding : new boolean[] {true, false}) {
                for (boolean privileged : new boolean[] {true, false}) {
                    RedemptionRules rules = new RedemptionRules(DomainRules.of(List.of("example.com"), null),
                            binding, privileged);
                    assertThat(rules.checkLink(bound, NOW)).isEmpty();
                    assertThat(rules.checkLink(with(EARLIER, UseLimit.of(1), 0, null, null, true, null), NOW))
                            .contains(Refusal.EXPIRED);
                }
            }
        }
    }

    @Nested
    class CheckDevice {

        private final RedemptionRules binding = new RedemptionRules(DomainRules.none(), true, false);
        private final RedemptionRules noBinding = new RedemptionRules(DomainRules.none(), false, false);

        private InviteFacts boundTo(String hash) {
            return with(LATER, UseLimit.UNLIMITED, 1, null, null, true, hash);
        }

        @Test
        void anUnboundInviteAcceptsAnyBrowser() {
            assertThat(binding.checkDevice(boundTo(null), "abc")).isEmpty();
            assertThat(binding.checkDevice(boundTo(null), null)).isEmpty();
        }

        @Test
        void theBindingDeviceIsAccepted() {
            assertThat(binding.checkDevice(boundTo("abc"), "abc")).isEmpty();
            // equal content, different instance
            assertThat(binding.checkDevice(boundTo("abc"), new String("abc".toCharArray()))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"abd", "ABC", "abc ", "", "xyz"})
        void anotherDeviceIsRefused(String browserHash) {
            assertThat(binding.checkDevice(boundTo("abc"), browserHash)).contains(Refusal.DEVICE_MISMATCH);
        }

        @Test
        void aBrowserWithoutDeviceCookieIsRefusedOnceBound() {
            assertThat(binding.checkDevice(boundTo("abc"), null)).contains(Refusal.DEVICE_MISMATCH);
        }

        @Test
        void withoutBindingTheDeviceDoesNotMatter() {
            assertThat(noBinding.checkDevice(boundTo("abc"), "xyz")).isEmpty();
            assertThat(noBinding.checkDevice(boundTo("abc"), null)).isEmpty();
            assertThat(noBinding.checkDevice(boundTo(null), null)).isEmpty();
        }
    }

    @Nested
    class CheckDomain {

        private final RedemptionRules rules = new RedemptionRules(
                DomainRules.of(List.of("blocked.example", "Bücher.example"), List.of()), true, false);
        private final RedemptionRules allowList = new RedemptionRules(
                DomainRules.of(List.of("bad.corp.example"), List.of("corp.example")), true, false);

        @ParameterizedTest
        @ValueSource(strings = {"a@blocked.example", "a@sub.blocked.example", "a@BLOCKED.Example",
            "a@bücher.example", "a@xn--bcher-kva.example", "a@BÜCHER.example", "a@shop.bücher.example"})
        void blockedDomainsAndTheirSubdomainsAreRefused(String email) {
            assertThat(rules.checkDomain(EmailAddress.parse(email))).contains(Refusal.DOMAIN_BLOCKED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"a@example.com", "a@notblocked.example", "a@blocked.example.org",
            "a@buecher.example", "a@bucher.example"})
        void otherDomainsPass(String email) {
            assertThat(rules.checkDomain(EmailAddress.parse(email))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"a@corp.example", "a@team.corp.example", "a@CORP.EXAMPLE"})
        void allowedDomainsPass(String email) {
            assertThat(allowList.checkDomain(EmailAddress.parse(email))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"a@bad.corp.example", "a@x.bad.corp.example", "a@other.example",
            "a@evilcorp.example", "a@corp.example.net"})
        void outsideTheAllowListOrBlockedInsideItIsRefused(String email) {
            assertThat(allowList.checkDomain(EmailAddress.parse(email))).contains(Refusal.DOMAIN_BLOCKED);
        }

        @Test
        void withoutRulesEveryDomainPasses() {
            assertThat(OPEN.checkDomain(EmailAddress.parse("a@bücher.example"))).isEmpty();
        }
    }

    @Nested
    class CheckAccount {

        @Test
        void privilegedAccountsAreRefusedUnlessAllowed() {
            RedemptionRules strict = new RedemptionRules(DomainRules.none(), false, false);
            RedemptionRules lenient = new RedemptionRules(DomainRules.none(), false, true);
            assertThat(strict.checkAccount(() -> true)).contains(Refusal.PRIVILEGED_ACCOUNT);
            assertThat(strict.checkAccount(() -> false)).isEmpty();
            assertThat(lenient.checkAccount(() -> true)).isEmpty();
            assertThat(lenient.checkAccount(() -> false)).isEmpty();
        }

        @Test
        void theAccountIsNotLookedAtWhenPrivilegedAccountsAreAllowed() {
            RedemptionRules lenient = new RedemptionRules(DomainRules.none(), false, true);
            assertThat(lenient.checkAccount(() -> {
                throw new AssertionError("asked whether the account is privileged");
            })).isEmpty();
        }
    }

    @Nested
    class CheckEmail {

        private final EmailAddress invited = EmailAddress.parse("Anna.Berg@Bücher.example");

        @ParameterizedTest
        @ValueSource(strings = {"anna.berg@bücher.example", "ANNA.BERG@BÜCHER.EXAMPLE", "anna.berg@xn--bcher-kva.example",
            "Anna.Berg@XN--BCHER-KVA.example", "  anna.berg@bücher.example  ", "anna.berg@bücher\u3002example"})
        void theSameAddressInAnotherSpellingMatches(String other) {
            assertThat(RedemptionRules.checkSignedInEmail(invited, other)).isEmpty();
            assertThat(RedemptionRules.checkTypedEmail(invited, other)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"anna.berg@buecher.example", "anna.berg@bucher.example", "annaberg@bücher.example",
            "anna.berg@sub.bücher.example", "anna.berg+x@bücher.example", "other@example.com"})
        void anotherAddressIsAMismatch(String other) {
            assertThat(RedemptionRules.checkSignedInEmail(invited, other)).contains(Refusal.EMAIL_MISMATCH);
            assertThat(RedemptionRules.checkTypedEmail(invited, other)).contains(Refusal.EMAIL_MISMATCH);
        }

        @ParameterizedTest
        @ValueSource(strings = {"anna.berg", "anna.berg@", "@bücher.example", "anna.berg@@bücher.example",
            "anna berg@bücher.example", "anna.berg@bücher", "anna.berg@bücher.example\nx", "<anna.berg@bücher.example>",
            "\"anna.berg\"@bücher.example", "anna.berg@-bücher.example"})
        void garbageIsAMismatchNotAnError(String garbage) {
            assertThat(RedemptionRules.checkSignedInEmail(invited, garbage)).contains(Refusal.EMAIL_MISMATCH);
            assertThat(RedemptionRules.checkTypedEmail(invited, garbage)).contains(Refusal.EMAIL_MISMATCH);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {" ", "\t", "\n"})
        void nothingTypedIsAMismatch(String typed) {
            assertThat(RedemptionRules.checkTypedEmail(invited, typed)).contains(Refusal.EMAIL_MISMATCH);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {" ", "\t"})
        void aSignedInAccountWithoutAnAddressIsNotTheInvitee(String signedIn) {
            // callers only ask when someone is signed in; an account without an address cannot be the invitee
            assertThat(RedemptionRules.checkSignedInEmail(invited, signedIn)).contains(Refusal.EMAIL_MISMATCH);
        }
    }

    @Nested
    class DeviceMove {

        @ParameterizedTest
        @CsvSource({"true,1,0,true,", "true,3,2,true,", "true,1,1,true,DEVICE_MOVES_EXCEEDED",
                "true,2,5,true,DEVICE_MOVES_EXCEEDED", "true,0,0,true,DEVICE_MOVE_DISABLED",
                "false,1,0,true,DEVICE_MOVE_DISABLED", "true,1,0,false,DEVICE_MOVE_DISABLED",
                "true,0,3,false,DEVICE_MOVE_DISABLED"})
        void aMoveIsOfferedOnlyWithinThePolicyAndWithAMailServer(boolean binding, int allowed, int done, boolean mail,
                Refusal expected) {
            assertThat(RedemptionRules.checkDeviceMove(binding, allowed, done, mail)).isEqualTo(Optional.ofNullable(expected));
        }

        private final InviteFacts spentOnThePhone = with(LATER, UseLimit.of(1), 1, null, null, true, "phone");

        @Test
        void aSingleUseLinkSpentOnTheBoundDeviceIsInUseElsewhereForAnotherBrowserThatMayMoveIt() {
            assertThat(OPEN.checkLink(spentOnThePhone, NOW, "laptop", true)).isEmpty();
            assertThat(OPEN.checkLink(spentOnThePhone, NOW, null, true)).isEmpty();
            assertThat(OPEN.checkDevice(spentOnThePhone, "laptop")).contains(Refusal.DEVICE_MISMATCH);
        }

        @Test
        void itStaysUsedUpOnTheBoundDeviceWithoutAMoveWithoutBindingAndAfterExpiry() {
            assertThat(OPEN.checkLink(spentOnThePhone, NOW, "phone", true)).contains(Refusal.USED_UP);
            assertThat(OPEN.checkLink(spentOnThePhone, NOW, "laptop", false)).contains(Refusal.USED_UP);
            RedemptionRules unbound = new RedemptionRules(DomainRules.none(), false, false);
            assertThat(unbound.checkLink(spentOnThePhone, NOW, "laptop", true)).contains(Refusal.USED_UP);
            InviteFacts unboundSpent = with(LATER, UseLimit.of(1), 1, null, null, true, null);
            assertThat(OPEN.checkLink(unboundSpent, NOW, "laptop", true)).contains(Refusal.USED_UP);
            InviteFacts expired = with(EARLIER, UseLimit.of(1), 1, null, null, true, "phone");
            assertThat(OPEN.checkLink(expired, NOW, "laptop", true)).contains(Refusal.USED_UP);
        }

        @Test
        void revokedLockedAndDeletedComeFirstAsEver() {
            InviteFacts revoked = with(LATER, UseLimit.of(1), 1, EARLIER, "revoked", true, "phone");
            assertThat(OPEN.checkLink(revoked, NOW, "laptop", true)).contains(Refusal.REVOKED);
            InviteFacts locked = new InviteFacts(LATER, UseLimit.of(1), 1, null, null, true, "phone", true);
            assertThat(OPEN.checkLink(locked, NOW, "laptop", true)).contains(Refusal.CODE_ATTEMPTS_EXCEEDED);
        }
    }
}
