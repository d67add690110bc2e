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
                <p id="media-invite-start">${msg("mediaInviteStartsAt")} <time data-mi-local datetime="${mediaInvite.startsAt}">${mediaInvite.startsAtText}</time></p>
                <#if mediaInvite.calendarUrl?has_content>
                <p><a id="media-invite-calendar" href="${mediaInvite.calendarUrl}" download="invite.ics">${msg("mediaInviteAddToCalendar")}</a></p>
                </#if>
            </#if>

            <#if mediaInvite.phase == "before_start">
                <#-- R12: counts without a meta refresh; the clock is a timer (not announced every second), a polite
                     live region says the time left once a minute and when the session opens. -->
                <p id="media-invite-countdown" role="timer" aria-atomic="true" data-starts-at="${mediaInvite.startsAtMillis?c}"
                   data-template="${msg("mediaInviteCountdown", "{0}")}">${msg("mediaInviteCountdown", mediaInvite.timeToStart)}</p>
                <p id="media-invite-countdown-status" style="position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0;" aria-live="polite"
                   data-started="${msg("mediaInviteCountdownStarted")}"></p>
                <p id="media-invite-countdown-help">${msg("mediaInviteCountdownHelp")}</p>
                <form id="media-invite-check-again" action="${mediaInvite.linkAction}" method="get">
                    <#list mediaInvite.linkParameters as p>
                    <input type="hidden" name="${p.name}" value="${p.value}">
                    </#list>
                    <button id="media-invite-check-again-button" type="submit" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("mediaInviteCheckAgain")}</button>
                </form>
                <script>
                    (function () {
                        var clock = document.getElementById('media-invite-countdown');
                        var status = document.getElementById('media-invite-countdown-status');
                        var start = parseInt(clock.getAttribute('data-starts-at'), 10);
                        var template = clock.getAttribute('data-template');
                        var form = document.getElementById('media-invite-check-again');
                        var lastMinute = -1;
                        function two(n) { return (n < 10 ? '0' : '') + n; }
                        function text(left) {
                            var h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
                            return template.replace('{0}', h + ':' + two(m) + ':' + two(s));
                        }
                        // at the start the page becomes the lobby in place: the link is fetched again (same
                        // browser session) and its page replaces this one, without a navigation
                        function openLobby() {
                            status.textContent = status.getAttribute('data-started');
                            fetch(window.location.href, { credentials: 'same-origin', cache: 'no-store' })
                                .then(function (res) { return res.text(); })
                                .then(function (html) {
                                    var next = new DOMParser().parseFromString(html, 'text/html');
                                    if (!next.body || !next.getElementById('media-invite-continue') && next.querySelector('[data-phase="before_start"]')) {
                                        setTimeout(openLobby, 2000);
                                        return;
                                    }
                                    document.title = next.title;
                                    document.body.className = next.body.className;
                                    document.body.innerHTML = next.body.innerHTML;
                                    if (window.mediaInviteLocalTimes) { window.mediaInviteLocalTimes(); }
                                    var heading = document.getElementById('kc-page-title');
                                    if (heading) { heading.setAttribute('tabindex', '-1'); heading.focus(); }
                                })
                                .catch(function () { form.submit(); });
                        }
                        function tick() {
                            var left = Math.max(0, Math.ceil((start - Date.now()) / 1000));
                            clock.textContent = text(left);
                            var minute = Math.floor(left / 60);
                            if (minute !== lastMinute && left % 60 === 0 && left > 0) {
                                status.textContent = text(left);
                            }
                            lastMinute = minute;
                            if (left <= 0) { openLobby(); } else { setTimeout(tick, 1000 - (Date.now() % 1000)); }
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
                <p id="media-invite-expiry">${msg("mediaInviteExpires")} <time data-mi-local datetime="${mediaInvite.expiresAt}">${mediaInvite.expiresAtText}</time></p>
            </#if>
        </div>
        <#-- R12: times in the invitee's language and time zone; without JavaScript the UTC text stays -->
        <script>
            window.mediaInviteLocalTimes = function () {
                if (!window.Intl || !Intl.DateTimeFormat) { return; }
                var lang = document.documentElement.lang || undefined;
                var format;
                try {
                    format = new Intl.DateTimeFormat(lang, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric',
                        hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
                } catch (e) { return; }
                var times = document.querySelectorAll('time[data-mi-local]');
                for (var i = 0; i < times.length; i++) {
                    var when = new Date(times[i].getAttribute('datetime'));
                    if (!isNaN(when.getTime())) { times[i].textContent = format.format(when); }
                }
            };
            window.mediaInviteLocalTimes();
        </script>
    </#if>
</@layout.registrationLayout>
