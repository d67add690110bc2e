<#ftl output_format="plainText">
<#-- Reminder of a live invite (R13), plain-text part. Same attributes as the HTML part. -->
${msg("mediaInviteGreeting", invitee.fullName)}

${msg("mediaInviteReminderIntro", mediaTitle, inviterName)}
${msg("mediaInviteStartsAt", startsAt)}

${msg("mediaInviteReminderUseLink")}

${msg("mediaInviteSignature", realmName)}
