package io.mediainvites.core.policy;

import java.util.Locale;

/**
 * A constant of an enum-valued policy setting ({@link PolicySetting#choice}). Its wire name, used in realm
 * attributes, the admin REST JSON and the console select, is the constant's name in lower case with '-' for
 * '_' ({@code SIGN_IN} is {@code sign-in}).
 */
public interface PolicyChoice {

    /** The enum constant's name. */
    String name();

    /** The wire name. */
    default String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
