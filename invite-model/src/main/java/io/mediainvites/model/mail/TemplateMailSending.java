package io.mediainvites.model.mail;

import java.util.List;
import java.util.Map;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.UserModelDelegate;

/**
 * Compatibility seam (O12): sending a template to an explicit address. Keycloak 26.6+ has
 * {@code EmailTemplateProvider.send(subject, subjectAttributes, template, attributes, address)}; 26.4 and 26.5
 * always send to the user's e-mail, so there the user is presented with the wanted address instead (the
 * template's {@code user} then shows that address, which is the invited one).
 */
final class TemplateMailSending {

    private static final boolean HAS_ADDRESS_PARAMETER = hasAddressParameter();

    private TemplateMailSending() {
    }

    static void send(EmailTemplateProvider emails, UserModel user, String subjectKey, List<Object> subjectParameters,
            String template, Map<String, Object> attributes, String address) throws EmailException {
        if (HAS_ADDRESS_PARAMETER) {
            emails.setUser(user).send(subjectKey, subjectParameters, template, attributes, address);
        } else {
            emails.setUser(address == null ? user : addressed(user, address))
                    .send(subjectKey, subjectParameters, template, attributes);
        }
    }

    private static UserModel addressed(UserModel user, String address) {
        return new UserModelDelegate(user) {
            @Override
            public String getEmail() {
                return address;
            }
        };
    }

    private static boolean hasAddressParameter() {
        try {
            EmailTemplateProvider.class.getMethod("send", String.class, List.class, String.class, Map.class, String.class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
