package cn.grid.notification;

import cn.grid.notification.domain.Recipient;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecipientTest {

    @Test
    void aPersonIsPreferredToALogin() {
        UUID person = UUID.randomUUID();
        assertThat(Recipient.of(person.toString(), "citizen-1")).isEqualTo(Recipient.person(person));
        assertThat(Recipient.of(null, "citizen-1").key()).isEqualTo("subject:citizen-1");
        assertThat(Recipient.of(" ", null)).isNull();
    }

    @Test
    void aKeyIsAPersonOrALogin() {
        assertThatThrownBy(() -> new Recipient("team:1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Recipient("person:")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Recipient("subject:a").isPerson()).isFalse();
    }
}
