package cn.grid.study.domain.xapi;

/**
 * Who sent statements, as the LRS records it in their {@code authority}: an Agent with the account
 * {@code {homePage: issuer, name: subject}} — a bearer token's issuer and subject, or for LRS client credentials
 * the suite's issuer and {@code xapi-client:<key>} with the client's name (xAPI 1.0.3 Data 2.4.9).
 *
 * @param name the Agent's name, or null (a token's authority carries none)
 */
public record Authority(String issuer, String subject, String name) {

    public Authority(String issuer, String subject) {
        this(issuer, subject, null);
    }
}
