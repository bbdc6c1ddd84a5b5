package cn.grid.notification.webhook;

import cn.grid.notification.domain.webhook.AddressPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AddressPolicyTest {

    private static final AddressPolicy PROD = new AddressPolicy(false, List.of());

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.5.6.7", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255",
            "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.254", "224.0.0.1", "255.255.255.255",
            "198.18.0.1", "240.0.0.1", "::1", "::", "fd00::1", "fc00::5", "fe80::1", "ff02::1", "::ffff:127.0.0.1",
            "::ffff:10.0.0.1", "::ffff:169.254.169.254"})
    void refusesWhatNoPublicReceiverHas(String address) throws Exception {
        assertThat(PROD.permits(InetAddress.getByName(address))).as(address).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "100.128.0.1", "172.32.0.1", "192.169.0.1", "2001:4860:4860::8888"})
    void allowsPublicAddresses(String address) throws Exception {
        assertThat(PROD.permits(InetAddress.getByName(address))).as(address).isTrue();
    }

    @Test
    void anAllowListLetsNamedRangesAndHostsThrough() throws Exception {
        AddressPolicy policy = new AddressPolicy(false, List.of("10.20.0.0/16", "receiver.internal"));

        assertThat(policy.permits(InetAddress.getByName("10.20.3.4"))).isTrue();
        assertThat(policy.permits(InetAddress.getByName("10.21.0.1"))).isFalse();
        assertThat(policy.hostAllowed("Receiver.Internal")).isTrue();
        assertThat(policy.hostAllowed("other.internal")).isFalse();
    }

    @Test
    void allowingPrivateAddressesLetsEveryAddressThrough() throws Exception {
        assertThat(new AddressPolicy(true, List.of()).permits(InetAddress.getByName("127.0.0.1"))).isTrue();
    }
}
