<#ftl output_format="plainText">
<#-- One-time code for confirming an invite (confirmation mode "code"). Attributes: code, minutes, mediaTitle. -->
${msg("mediaInviteCodeIntro", mediaTitle)}

${code}

${msg("mediaInviteCodeValidity", minutes)}
${msg("mediaInviteCodeIgnore")}
