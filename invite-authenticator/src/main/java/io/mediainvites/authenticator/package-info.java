/**
 * Redemption of media invites: the invite action-token handler, the lobby/countdown steps and the
 * {@code media-invite-claims} protocol mapper live here (see the redemption issue).
 */
package io.mediainvites.authenticator;
