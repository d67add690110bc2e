<#-- Invite mail, HTML part (values are HTML-escaped by the theme's output format). Same attributes as the
     text part: invitee{firstName,lastName,fullName}, inviterName, mediaTitle, mediaType, live, startsAt (live
     only, optional), role, link, expiresAt, plus Keycloak's msg, realmName, locale. -->
<html lang="${locale.language}">
<body style="font-family: sans-serif; line-height: 1.5; color: #1f2328;">
<p>${msg("mediaInviteGreeting", invitee.fullName)}</p>
<p>${msg("mediaInviteIntro", inviterName, mediaTitle, msg("mediaInviteType_" + mediaType))}</p>
<#if startsAt??>
<p><strong>${msg("mediaInviteStartsAt", startsAt)}</strong></p>
</#if>
<p>${msg("mediaInviteRole", msg("mediaInviteRole_" + role))}</p>
<p><a href="${link}" style="display: inline-block; padding: 10px 18px; background: #0066cc; color: #ffffff; text-decoration: none; border-radius: 4px;">${msg("mediaInviteButton")}</a></p>
<p style="font-size: 90%;">${msg("mediaInviteLinkFallback")}<br><a href="${link}">${link}</a></p>
<p>${msg("mediaInviteExpires", expiresAt)}<br>${msg("mediaInvitePersonal")}</p>
<p>${msg("mediaInviteSignature", realmName)}</p>
</body>
</html>
