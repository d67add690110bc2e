<#import "template.ftl" as layout>
<#-- Landing (on-demand), lobby (live, open) and countdown (live, not started) page of an invite link. -->
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        <#if mediaInvite.phase == "before_start">
            ${msg("mediaInviteCountdownTitle")}
        <#elseif mediaInvite.phase == "open">
            ${msg("mediaInviteLobbyTitle")}
        <#else>
            ${msg("mediaInviteLandingTitle")}
        </#if>
    <#elseif section = "form">
        <div id="media-invite" data-phase="${mediaInvite.phase}">
            <p id="media-invite-greeting">${msg("mediaInviteGreeting", mediaInvite.inviteeName, mediaInvite.inviterName)}</p>
            <h2 id="media-invite-title" class="pf-v5-c-title pf-m-xl">${mediaInvite.mediaTitle}</h2>
            <#if mediaInvite.mediaDescription?has_content>
                <p id="media-invite-description">${mediaInvite.mediaDescription}</p>
            </#if>
            <p id="media-invite-role">${msg("mediaInviteRoleLine", msg("mediaInviteRole_" + mediaInvite.role), msg("mediaInviteType_" + mediaInvite.mediaType))}</p>
            <#if mediaInvite.live>
                <p id="media-invite-start">${msg("mediaInviteStartsAt")} <time datetime="${mediaInvite.startsAt}">${mediaInvite.startsAt}</time></p>
            </#if>

            <#if mediaInvite.phase == "before_start">
                <p id="media-invite-countdown" data-starts-at="${mediaInvite.startsAtMillis?c}">${msg("mediaInviteCountdown", mediaInvite.secondsToStart?c)}</p>
                <p>${msg("mediaInviteCountdownHelp")}</p>
                <meta http-equiv="refresh" content="${mediaInvite.refreshSeconds?c}">
                <script>
                    (function () {
                        var el = document.getElementById('media-invite-countdown');
                        var start = parseInt(el.getAttribute('data-starts-at'), 10);
                        function tick() {
                            var left = Math.max(0, Math.ceil((start - Date.now()) / 1000));
                            var h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
                            el.textContent = (h > 0 ? h + 'h ' : '') + m + 'm ' + s + 's';
                            if (left <= 0) { window.location.reload(); } else { setTimeout(tick, 1000); }
                        }
                        tick();
                    })();
                </script>
            <#else>
                <#if mediaInvite.codeMessageKey?has_content>
                    <div id="media-invite-code-message" class="${properties.kcAlertClass!} pf-m-warning">${msg(mediaInvite.codeMessageKey, mediaInvite.codeAttemptsLeft?c)}</div>
                </#if>
                <#if mediaInvite.codeStage == "send">
                <form id="media-invite-send-code" action="${mediaInvite.actionUrl}" method="post">
                    <input type="hidden" name="nonce" value="${mediaInvite.nonce}">
                    <input type="hidden" name="action" value="send-code">
                    <p>${msg("mediaInviteCodeExplain", mediaInvite.emailHint)}</p>
                    <div class="${properties.kcFormGroupClass!}">
                        <button id="media-invite-send-code-button" type="submit" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">${msg("mediaInviteSendCode")}</button>
                    </div>
                </form>
                <#else>
                <#if mediaInvite.signIn>
                    <p id="media-invite-existing-account">${msg("mediaInviteExistingAccount", mediaInvite.emailHint)}</p>
                </#if>
                <form id="media-invite-form" action="${mediaInvite.actionUrl}" method="post">
                    <input type="hidden" name="nonce" value="${mediaInvite.nonce}">
                    <#if mediaInvite.codeStage == "enter">
                        <div class="${properties.kcFormGroupClass!}">
                            <label for="media-invite-code" class="${properties.kcLabelClass!}">${msg("mediaInviteEnterCode", mediaInvite.emailHint)}</label>
                            <input id="media-invite-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required class="${properties.kcInputClass!}">
                        </div>
                    </#if>
                    <#if mediaInvite.confirmTyped>
                        <div class="${properties.kcFormGroupClass!}">
                            <label for="media-invite-email" class="${properties.kcLabelClass!}">${msg("mediaInviteConfirmEmail", mediaInvite.emailHint)}</label>
                            <input id="media-invite-email" name="email" type="email" autocomplete="email" required class="${properties.kcInputClass!}">
                        </div>
                    </#if>
                    <div class="${properties.kcFormGroupClass!}">
                        <button id="media-invite-continue" type="submit" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">
                            <#if mediaInvite.signIn>${msg("mediaInviteSignIn")}<#elseif mediaInvite.phase == "open">${msg("mediaInviteJoin")}<#else>${msg("mediaInviteContinue")}</#if>
                        </button>
                    </div>
                </form>
                <#if mediaInvite.codeStage == "enter">
                <form id="media-invite-resend-code" action="${mediaInvite.actionUrl}" method="post">
                    <input type="hidden" name="nonce" value="${mediaInvite.nonce}">
                    <input type="hidden" name="action" value="send-code">
                    <button id="media-invite-resend-code-button" type="submit" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!}">${msg("mediaInviteResendCode")}</button>
                </form>
                </#if>
                </#if>
                <p id="media-invite-expiry">${msg("mediaInviteExpires")} <time datetime="${mediaInvite.expiresAt}">${mediaInvite.expiresAt}</time></p>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>
