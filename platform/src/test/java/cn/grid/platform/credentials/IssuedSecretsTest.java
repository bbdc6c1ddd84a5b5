package cn.grid.platform.credentials;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IssuedSecretsTest {

    @Test
    void aSecretIs256RandomBitsInUrlSafeBase64() {
        String one = IssuedSecrets.newSecret();
        assertThat(one).hasSize(43).matches("[A-Za-z0-9_-]{43}");
        assertThat(IssuedSecrets.newSecret()).isNotEqualTo(one);
    }

    @Test
    void onlyTheHashIsKeptAndOnlyTheSecretMatchesIt() {
        String secret = IssuedSecrets.newSecret();
        String stored = IssuedSecrets.sha256(secret);
        assertThat(stored).matches("[0-9a-f]{64}").doesNotContain(secret);
        assertThat(IssuedSecrets.matches(secret, stored)).isTrue();
        assertThat(IssuedSecrets.matches(secret + "x", stored)).isFalse();
        // the known vector: SHA-256("abc")
        assertThat(IssuedSecrets.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
