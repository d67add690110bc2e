<#-- One-time code for confirming an invite (confirmation mode "code"). Attributes: code, minutes, mediaTitle. -->
<html>
<body>
<p>${msg("mediaInviteCodeIntro", mediaTitle)}</p>
<p style="font-size: 24px; font-weight: bold; letter-spacing: 4px;">${code}</p>
<p>${msg("mediaInviteCodeValidity", minutes)}</p>
<p>${msg("mediaInviteCodeIgnore")}</p>
</body>
</html>
