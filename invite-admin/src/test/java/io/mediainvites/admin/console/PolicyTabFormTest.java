package io.mediainvites.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediainvites.core.policy.PolicySetting;
import io.mediainvites.core.policy.PolicySettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;

/** The console tab's form is derived from the declarations, and its texts come from the message bundle. */
class PolicyTabFormTest {

    static final String BUNDLE = "theme-resources/messages/messages_en.properties";

    static Properties bundle() throws IOException {
        Properties messages = new Properties();
        try (InputStream in = PolicyTabFormTest.class.getClassLoader().getResourceAsStream(BUNDLE)) {
            assertThat(in).as(BUNDLE).isNotNull();
            messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return messages;
    }

    @Test
    void oneFieldPerSettingWithMessageKeys() {
        List<ProviderConfigProperty> properties = PolicyTabProviderFactory.PROPERTIES;
        assertThat(properties).extracting(ProviderConfigProperty::getName)
                .containsExactlyElementsOf(PolicySettings.ALL.stream().map(PolicySetting::name).toList());
        for (int i = 0; i < properties.size(); i++) {
            ProviderConfigProperty property = properties.get(i);
            PolicySetting<?> setting = PolicySettings.ALL.get(i);
            assertThat(property.getLabel()).isEqualTo(setting.labelKey());
            assertThat(property.getHelpText()).isEqualTo(setting.helpKey());
        }
    }

    @Test
    void widgetsDefaultsAndOptionsFollowTheKinds() {
        ProviderConfigProperty lifetime = property("linkLifetimeSeconds");
        assertThat(lifetime.getType()).isEqualTo(ProviderConfigProperty.INTEGER_TYPE);
        assertThat(lifetime.getDefaultValue()).isEqualTo("86400");
        assertThat(lifetime.isRequired()).isTrue();
        ProviderConfigProperty binding = property("deviceBinding");
        assertThat(binding.getType()).isEqualTo(ProviderConfigProperty.BOOLEAN_TYPE);
        assertThat(binding.getDefaultValue()).isEqualTo("true");
        assertThat(binding.isRequired()).isFalse();
        ProviderConfigProperty blocked = property("blockedDomains");
        assertThat(blocked.getType()).isEqualTo(ProviderConfigProperty.MULTIVALUED_STRING_TYPE);
        assertThat(blocked.getDefaultValue()).isNull();
        ProviderConfigProperty role = property("inviterRole");
        assertThat(role.getType()).isEqualTo(ProviderConfigProperty.STRING_TYPE);
        assertThat(role.getDefaultValue()).isNull();
        ProviderConfigProperty confirmation = property("confirmation");
        assertThat(confirmation.getType()).isEqualTo(ProviderConfigProperty.LIST_TYPE);
        assertThat(confirmation.getOptions()).containsExactly("none", "typed", "code");
        assertThat(confirmation.getDefaultValue()).isEqualTo("none");
    }

    @Test
    void theBundleHasALabelAndHelpTextForEverySettingAndNothingElse() throws IOException {
        Properties messages = bundle();
        for (PolicySetting<?> setting : PolicySettings.ALL) {
            assertThat(messages.getProperty(setting.labelKey())).as(setting.labelKey()).isNotBlank();
            assertThat(messages.getProperty(setting.helpKey())).as(setting.helpKey()).isNotBlank()
                    .isNotEqualTo(messages.getProperty(setting.labelKey()));
        }
        assertThat(messages.stringPropertyNames()).as("keys of settings that no longer exist")
                .allSatisfy(key -> assertThat(PolicySettings.ALL).anySatisfy(s ->
                        assertThat(key).isIn(s.labelKey(), s.helpKey())));
        assertThat(messages.getProperty("mediaInvitesLinkLifetimeSeconds")).isEqualTo("Link lifetime (seconds)");
    }

    private static ProviderConfigProperty property(String name) {
        return PolicyTabProviderFactory.PROPERTIES.stream().filter(p -> p.getName().equals(name)).findFirst()
                .orElseThrow();
    }
}
