package io.mediainvites.rest.auth;

import org.keycloak.models.ClientModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;

/**
 * Who calls the API: the user behind a valid bearer token and the media app (client) the token was issued
 * to. All media and invites a caller sees are those of that client (M5).
 *
 * @param user           the token's user (a service account for client-credentials tokens)
 * @param app            the client the token was issued to
 * @param token          the verified access token
 * @param serviceAccount true when the user is the app's own service account
 */
public record Caller(UserModel user, ClientModel app, AccessToken token, boolean serviceAccount) {
}
