<#ftl output_format="plainText">
<#-- Invite mail, plain-text part. Attributes: invitee{firstName,lastName,fullName}, inviterName, mediaTitle,
     mediaType, live, startsAt (live only, optional), role, link, expiresAt, plus Keycloak's msg, realmName, locale. -->
${msg("mediaInviteGreeting", invitee.fullName)}

${msg("mediaInviteIntro", inviterName, mediaTitle, msg("mediaInviteType_" + mediaType))}
<#if startsAt??>
${msg("mediaInviteStartsAt", startsAt)}
</#if>
${msg("mediaInviteRole", msg("mediaInviteRole_" + role))}

${msg("mediaInviteOpenLink")}
${link}

${msg("mediaInviteExpires", expiresAt)}
${msg("mediaInvitePersonal")}

${msg("mediaInviteSignature", realmName)}
