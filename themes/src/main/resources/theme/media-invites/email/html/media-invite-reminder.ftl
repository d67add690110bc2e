<#-- Reminder of a live invite (R13), HTML part. Attributes: invitee{firstName,lastName,fullName}, inviterName,
     mediaTitle, startsAt (text in the mail's language, zone named), startsAtIso, plus msg, realmName, locale. -->
<html lang="${locale.language}">
<body style="font-family: sans-serif; line-height: 1.5; color: #1f2328;">
<p>${msg("mediaInviteGreeting", invitee.fullName)}</p>
<p>${msg("mediaInviteReminderIntro", mediaTitle, inviterName)}</p>
<p><strong>${msg("mediaInviteStartsAt", startsAt)}</strong></p>
<p>${msg("mediaInviteReminderUseLink")}</p>
<p>${msg("mediaInviteSignature", realmName)}</p>
</body>
</html>
