<#import "template.ftl" as layout>
<#-- A refusal or notice about an invite link: one distinct message per reason. -->
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("mediaInviteProblemTitle")}
    <#elseif section = "form">
        <div id="media-invite-message" data-reason="${mediaInviteMessage.reason}">
            <p id="media-invite-message-text">${kcSanitize(msg(mediaInviteMessage.messageKey, mediaInviteMessage.messageArgument))?no_esc}</p>
            <#assign move = mediaInviteMessage.move!{"stage": ""}>
            <#-- R15: move the link's device binding to this browser by a code mailed to the invited address -->
            <#if move.stage?has_content>
                <#if move.messageKey?has_content>
                    <div id="media-invite-move-message" class="${properties.kcAlertClass!} pf-m-warning">${msg(move.messageKey, move.attemptsLeft?c)}</div>
                </#if>
                <#if move.stage == "send">
                <form id="media-invite-move-send" action="${move.actionUrl}" method="post">
                    <input type="hidden" name="nonce" value="${move.nonce}">
                    <input type="hidden" name="action" value="move-send">
                    <p id="media-invite-move-explain">${msg("mediaInviteDeviceMoveExplain", move.emailHint)}</p>
                    <div class="${properties.kcFormGroupClass!}">
                        <button id="media-invite-move-button" type="submit" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">${msg("mediaInviteDeviceMoveButton")}</button>
                    </div>
                </form>
                <#else>
                <form id="media-invite-move-code" action="${move.actionUrl}" method="post">
                    <input type="hidden" name="nonce" value="${move.nonce}">
                    <input type="hidden" name="action" value="move-code">
                    <div class="${properties.kcFormGroupClass!}">
                        <label for="media-invite-code" class="${properties.kcLabelClass!}">${msg("mediaInviteEnterCode", move.emailHint)}</label>
                        <input id="media-invite-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required class="${properties.kcInputClass!}">
                    </div>
                    <div class="${properties.kcFormGroupClass!}">
                        <button id="media-invite-move-confirm" type="submit" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">${msg("mediaInviteDeviceMoveConfirm")}</button>
                    </div>
                </form>
                <form id="media-invite-move-resend" action="${move.actionUrl}" method="post">
                    <input type="hidden" name="nonce" value="${move.nonce}">
                    <input type="hidden" name="action" value="move-send">
                    <button id="media-invite-move-resend-button" type="submit" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!}">${msg("mediaInviteResendCode")}</button>
                </form>
                </#if>
            </#if>
            <#if mediaInviteMessage.actionUrl?has_content>
                <p><a id="media-invite-action" href="${mediaInviteMessage.actionUrl}">${msg(mediaInviteMessage.actionLabelKey)}</a></p>
            </#if>
            <#if (mediaInviteMessage.retryUrl!"")?has_content>
                <form id="media-invite-retry" action="${mediaInviteMessage.retryUrl}" method="post">
                    <input type="hidden" name="nonce" value="${mediaInviteMessage.retryNonce}"/>
                    <button type="submit" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!}">${msg("mediaInviteTryAgain")}</button>
                </form>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>
