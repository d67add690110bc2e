package io.mediainvites.rest.api;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.cors.Cors;

/**
 * Compatibility seam (O12): "allow the origins the token's client allows" is
 * {@code Cors.checkAllowedOrigins(AccessToken)} from Keycloak 26.6 on and {@code Cors.allowedOrigins(AccessToken)}
 * in 26.4 and 26.5. Resolved once, at class load.
 */
public final class CorsOrigins {

    private static final MethodHandle OF_TOKEN = find();

    private CorsOrigins() {
    }

    public static Cors ofToken(Cors cors, AccessToken token) {
        try {
            return (Cors) OF_TOKEN.invoke(cors, token);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static MethodHandle find() {
        MethodType type = MethodType.methodType(Cors.class, AccessToken.class);
        for (String name : new String[] {"checkAllowedOrigins", "allowedOrigins"}) {
            try {
                return MethodHandles.publicLookup().findVirtual(Cors.class, name, type);
            } catch (NoSuchMethodException | IllegalAccessException e) {
                // the other name
            }
        }
        throw new IllegalStateException("this Keycloak's Cors has neither checkAllowedOrigins nor allowedOrigins(AccessToken)");
    }
}
