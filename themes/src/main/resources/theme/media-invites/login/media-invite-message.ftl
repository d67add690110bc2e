<#import "template.ftl" as layout>
<#-- A refusal or notice about an invite link: one distinct message per reason. -->
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("mediaInviteProblemTitle")}
    <#elseif section = "form">
        <div id="media-invite-message" data-reason="${mediaInviteMessage.reason}">
            <p id="media-invite-message-text">${kcSanitize(msg(mediaInviteMessage.messageKey, mediaInviteMessage.messageArgument))?no_esc}</p>
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
