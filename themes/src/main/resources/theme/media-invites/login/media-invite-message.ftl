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
        </div>
    </#if>
</@layout.registrationLayout>
